import { createStore } from 'zustand/vanilla';
import type { AgentRecord } from '../../preload/contract.js';
import { nextDownSince } from '../logic/down-since.js';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

export interface AgentsState {
  agents: AgentRecord[];
  status: LoadStatus;
  error: string | null;
  /** Epoch ms each unreachable agent went down, as this page saw it (for "offline since …"). */
  downSince: Record<string, number>;
  agentsLoadStarted(): void;
  agentsChanged(agents: AgentRecord[], now?: number): void;
  agentsLoadFailed(message: string): void;
}

export function createAgentsStore() {
  return createStore<AgentsState>()((set) => ({
    agents: [],
    status: 'loading',
    error: null,
    downSince: {},
    agentsLoadStarted: () => set((state) => ({ status: state.status === 'loaded' ? 'loaded' : 'loading', error: null })),
    agentsChanged: (agents, now = Date.now()) =>
      set((state) => ({ agents, status: 'loaded', error: null, downSince: nextDownSince(state.downSince, agents, now) })),
    // Keep what we had: a failed refresh must not blank a working directory.
    agentsLoadFailed: (message) => set((state) => ({ status: state.status === 'loaded' ? 'loaded' : 'failed', error: message })),
  }));
}

export type AgentsStore = ReturnType<typeof createAgentsStore>;
