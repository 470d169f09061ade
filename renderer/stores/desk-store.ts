import { createStore } from 'zustand/vanilla';
import type { DeskInfo } from '../../preload/contract.js';
import type { LoadStatus } from './agents-store.js';

export interface DeskState {
  info: DeskInfo | null;
  status: LoadStatus;
  error: string | null;
  deskInfoLoadStarted(): void;
  deskChanged(info: DeskInfo): void;
  deskInfoLoadFailed(message: string): void;
}

export function createDeskStore() {
  return createStore<DeskState>()((set) => ({
    info: null,
    status: 'loading',
    error: null,
    deskInfoLoadStarted: () => set((state) => ({ status: state.info ? 'loaded' : 'loading', error: null })),
    deskChanged: (info) => set({ info, status: 'loaded', error: null }),
    deskInfoLoadFailed: (message) => set((state) => ({ status: state.info ? 'loaded' : 'failed', error: message })),
  }));
}

export type DeskStore = ReturnType<typeof createDeskStore>;
