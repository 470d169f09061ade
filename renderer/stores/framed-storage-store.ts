import { createStore } from 'zustand/vanilla';
import type { FramedStorage } from '../logic/framed-storage.js';

/** An agent's own tab, opened where framed storage is denied. */
export type AgentTabState =
  | { state: 'opening' }
  | { state: 'opened' }
  /** The browser refused the new tab (a popup blocker); "Open in a tab" tries again. */
  | { state: 'blocked' }
  | { state: 'failed'; message: string };

export interface FramedStorageState {
  framed: FramedStorage;
  tabs: Record<string, AgentTabState>;
  /** The agent the user chose while the check ran: it goes to its tab if the answer is "denied". */
  tabWanted: string | null;
  /**
   * The agent whose tab the user last brought forward (a click opened or
   * focused it), until the desk has focus again: what they are looking at,
   * as far as the desk can know (it cannot see the tab's own focus).
   */
  tabInFront: string | null;
  framedStorageChecked(framed: FramedStorage): void;
  agentTabWanted(id: string): void;
  agentTabChanged(id: string, tab: AgentTabState): void;
  agentTabInFront(id: string | null): void;
}

export function createFramedStorageStore() {
  return createStore<FramedStorageState>()((set) => ({
    framed: { state: 'checking' },
    tabs: {},
    tabWanted: null,
    tabInFront: null,
    framedStorageChecked: (framed) => set({ framed, tabWanted: null }),
    agentTabWanted: (id) => set({ tabWanted: id }),
    agentTabChanged: (id, tab) => set((state) => ({ tabs: { ...state.tabs, [id]: tab } })),
    agentTabInFront: (id) => set({ tabInFront: id }),
  }));
}

export type FramedStorageStore = ReturnType<typeof createFramedStorageStore>;
