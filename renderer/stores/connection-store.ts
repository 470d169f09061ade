import { createStore } from 'zustand/vanilla';
import type { ConnectionState } from '../api/connection.js';

export interface ConnectionStoreState {
  /** `connected` when the transport offers no connection state (Electron IPC). */
  state: ConnectionState;
  connectionChanged(state: ConnectionState): void;
}

export function createConnectionStore() {
  return createStore<ConnectionStoreState>()((set) => ({
    state: 'connecting',
    connectionChanged: (state) => set({ state }),
  }));
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
