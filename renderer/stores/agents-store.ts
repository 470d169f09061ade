import { createStore } from 'zustand/vanilla';
import type { AgentRecord } from '../../preload/contract.js';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

export interface AgentsState {
  agents: AgentRecord[];
  status: LoadStatus;
  error: string | null;
  agentsLoadStarted(): void;
  agentsChanged(agents: AgentRecord[]): void;
  agentsLoadFailed(message: string): void;
}

export function createAgentsStore() {
  return createStore<AgentsState>()((set) => ({
    agents: [],
    status: 'loading',
    error: null,
    agentsLoadStarted: () => set((state) => ({ status: state.status === 'loaded' ? 'loaded' : 'loading', error: null })),
    agentsChanged: (agents) => set({ agents, status: 'loaded', error: null }),
    // Keep what we had: a failed refresh must not blank a working directory.
    agentsLoadFailed: (message) => set((state) => ({ status: state.status === 'loaded' ? 'loaded' : 'failed', error: message })),
  }));
}

export type AgentsStore = ReturnType<typeof createAgentsStore>;
