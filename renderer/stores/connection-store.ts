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
    // Signed out stays until the stream is live again: a retry in between proves nothing.
    connectionChanged: (state) => set((current) => (current.state === 'signed-out' && state !== 'connected' ? {} : { state })),
  }));
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
