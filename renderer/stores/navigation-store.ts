import { createStore } from 'zustand/vanilla';

export type DeskView = 'directory' | 'settings' | 'agent';

/** An agent whose view has been opened and is kept mounted until hibernated. */
export interface OpenedAgent {
  id: string;
  /** Enter URL from `agents:open`; null while it is being fetched or after a failure. */
  url: string | null;
  phase: 'opening' | 'open' | 'failed';
  error: string | null;
  /** Bumped on every (re)open: the frame remounts and stale answers are ignored. */
  openSeq: number;
  /** Epoch ms the agent was last on screen (for hibernation). */
  lastActiveAt: number;
}

export interface NavigationState {
  view: DeskView;
  activeAgentId: string | null;
  opened: Record<string, OpenedAgent>;
  /** Epoch ms per agent of the last time the user opened it (survives hibernation). */
  lastOpenedAt: Record<string, number>;
  switcherOpen: boolean;
  directoryShown(now: number): void;
  settingsShown(now: number): void;
  agentSelected(id: string, now: number): void;
  agentOpenStarted(id: string, now: number): number;
  agentOpened(id: string, openSeq: number, url: string): void;
  agentOpenFailed(id: string, openSeq: number, message: string): void;
  agentsHibernated(ids: string[]): void;
  /** Agents that left the directory: their views go away. */
  agentsRemoved(presentIds: string[]): void;
  switcherOpened(): void;
  switcherClosed(): void;
}

type Data = Pick<NavigationState, 'view' | 'activeAgentId' | 'opened'>;

/** The agent that is on screen, if any, gets its lastActiveAt stamped as it leaves. */
function leaveScreen(state: Data, now: number): Record<string, OpenedAgent> {
  const id = state.view === 'agent' ? state.activeAgentId : null;
  const entry = id === null ? undefined : state.opened[id];
  if (id === null || entry === undefined) return state.opened;
  return { ...state.opened, [id]: { ...entry, lastActiveAt: now } };
}

export function createNavigationStore() {
  let seq = 0;
  return createStore<NavigationState>()((set, get) => ({
    view: 'directory',
    activeAgentId: null,
    opened: {},
    lastOpenedAt: {},
    switcherOpen: false,
    directoryShown: (now) => set((state) => ({ opened: leaveScreen(state, now), view: 'directory' })),
    settingsShown: (now) => set((state) => ({ opened: leaveScreen(state, now), view: 'settings' })),
    agentSelected: (id, now) =>
      set((state) => {
        const opened = leaveScreen(state, now);
        const entry = opened[id];
        return {
          view: 'agent',
          activeAgentId: id,
          opened: entry ? { ...opened, [id]: { ...entry, lastActiveAt: now } } : opened,
          lastOpenedAt: { ...state.lastOpenedAt, [id]: now },
          switcherOpen: false,
        };
      }),
    agentOpenStarted: (id, now) => {
      seq += 1;
      const openSeq = seq;
      set((state) => ({
        opened: { ...state.opened, [id]: { id, url: null, phase: 'opening', error: null, openSeq, lastActiveAt: now } },
      }));
      return openSeq;
    },
    agentOpened: (id, openSeq, url) => {
      const entry = get().opened[id];
      if (entry?.openSeq !== openSeq) return; // hibernated or reopened meanwhile
      set((state) => ({ opened: { ...state.opened, [id]: { ...entry, url, phase: 'open', error: null } } }));
    },
    agentOpenFailed: (id, openSeq, message) => {
      const entry = get().opened[id];
      if (entry?.openSeq !== openSeq) return;
      set((state) => ({ opened: { ...state.opened, [id]: { ...entry, url: null, phase: 'failed', error: message } } }));
    },
    agentsHibernated: (ids) =>
      set((state) => {
        if (ids.length === 0) return {};
        const opened = { ...state.opened };
        for (const id of ids) delete opened[id];
        return { opened };
      }),
    agentsRemoved: (presentIds) =>
      set((state) => {
        const present = new Set(presentIds);
        const gone = Object.keys(state.opened).filter((id) => !present.has(id));
        const activeGone = state.activeAgentId !== null && !present.has(state.activeAgentId);
        if (gone.length === 0 && !activeGone) return {};
        const opened = { ...state.opened };
        for (const id of gone) delete opened[id];
        return activeGone
          ? { opened, activeAgentId: null, view: state.view === 'agent' ? 'directory' : state.view }
          : { opened };
      }),
    switcherOpened: () => set({ switcherOpen: true }),
    switcherClosed: () => set({ switcherOpen: false }),
  }));
}

export type NavigationStore = ReturnType<typeof createNavigationStore>;
