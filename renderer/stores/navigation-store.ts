import { createStore } from 'zustand/vanilla';
import type { DirectorySort } from '../logic/directory-view.js';
import type { DeskView, PageView } from '../logic/desk-location.js';

export type { DeskView, PageView } from '../logic/desk-location.js';

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
  /** The session it was opened at (`{base}/{session_id}`), where the desk knows it; null: its start page. */
  sessionId?: string | null;
}

/** The open agent's folder went away while the user was looking at it. */
export interface GoneAgent {
  id: string;
  name: string;
}

export interface NavigationState {
  view: DeskView;
  activeAgentId: string | null;
  opened: Record<string, OpenedAgent>;
  /** Agents the user had open whose page is unloaded (hibernated, or not yet reloaded after a restart). */
  sleeping: Record<string, true>;
  /** Epoch ms per agent of the last time the user opened it (survives hibernation). */
  lastOpenedAt: Record<string, number>;
  /** Directory filter text and sort. */
  query: string;
  sort: DirectorySort;
  switcherOpen: boolean;
  gone: GoneAgent | null;
  /** An agent whose page should take keyboard focus as soon as it can (chosen in the switcher). */
  focusAgentId: string | null;
  viewShown(view: PageView, now: number): void;
  directoryShown(now: number): void;
  settingsShown(now: number): void;
  agentSelected(id: string, now: number): void;
  agentOpenStarted(id: string, now: number, sessionId?: string | null): number;
  agentOpened(id: string, openSeq: number, url: string): void;
  agentOpenFailed(id: string, openSeq: number, message: string): void;
  agentsHibernated(ids: string[]): void;
  /** Agents that left the directory: their views go away (`names`: id → name, to say which). */
  agentsRemoved(presentIds: string[], names?: Record<string, string>): void;
  /** The address named an agent the directory does not have (Back to a removed one, an old link): the Directory, saying so. */
  agentMissing(id: string, now: number): void;
  goneDismissed(): void;
  filterChanged(query: string): void;
  sortChanged(sort: DirectorySort): void;
  /** A saved place from before a reload: filter, sort, recently opened, agents that were open. */
  placeRestored(saved: { query?: string; sort?: DirectorySort; lastOpenedAt?: Record<string, number>; sleeping?: string[] }): void;
  switcherOpened(): void;
  switcherClosed(): void;
  agentFocusRequested(id: string): void;
  agentFocused(id: string): void;
}

type Data = Pick<NavigationState, 'view' | 'activeAgentId' | 'opened'>;

/** The agent that is on screen, if any, gets its lastActiveAt stamped as it leaves. */
function leaveScreen(state: Data, now: number): Record<string, OpenedAgent> {
  const id = state.view === 'agent' ? state.activeAgentId : null;
  const entry = id === null ? undefined : state.opened[id];
  if (id === null || entry === undefined) return state.opened;
  return { ...state.opened, [id]: { ...entry, lastActiveAt: now } };
}

function without<T>(record: Record<string, T>, ids: Iterable<string>): Record<string, T> {
  const result = { ...record };
  for (const id of ids) delete result[id];
  return result;
}

export function createNavigationStore() {
  let seq = 0;
  return createStore<NavigationState>()((set, get) => ({
    view: 'directory',
    activeAgentId: null,
    opened: {},
    sleeping: {},
    lastOpenedAt: {},
    query: '',
    sort: 'name',
    switcherOpen: false,
    gone: null,
    focusAgentId: null,
    viewShown: (view, now) => set((state) => ({ opened: leaveScreen(state, now), view })),
    directoryShown: (now) => get().viewShown('directory', now),
    settingsShown: (now) => get().viewShown('settings', now),
    agentSelected: (id, now) =>
      set((state) => {
        const opened = leaveScreen(state, now);
        const entry = opened[id];
        return {
          view: 'agent',
          activeAgentId: id,
          opened: entry ? { ...opened, [id]: { ...entry, lastActiveAt: now } } : opened,
          sleeping: state.sleeping[id] ? without(state.sleeping, [id]) : state.sleeping,
          lastOpenedAt: { ...state.lastOpenedAt, [id]: now },
          switcherOpen: false,
          gone: null,
          focusAgentId: state.focusAgentId === id ? id : null,
        };
      }),
    agentOpenStarted: (id, now, sessionId = null) => {
      seq += 1;
      const openSeq = seq;
      set((state) => ({
        opened: { ...state.opened, [id]: { id, url: null, phase: 'opening', error: null, openSeq, lastActiveAt: now, sessionId } },
        sleeping: state.sleeping[id] ? without(state.sleeping, [id]) : state.sleeping,
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
        const sleeping = { ...state.sleeping };
        for (const id of ids) sleeping[id] = true;
        return { opened: without(state.opened, ids), sleeping };
      }),
    agentsRemoved: (presentIds, names = {}) =>
      set((state) => {
        const present = new Set(presentIds);
        const gone = Object.keys(state.opened).filter((id) => !present.has(id));
        const goneSleeping = Object.keys(state.sleeping).filter((id) => !present.has(id));
        const activeGone = state.activeAgentId !== null && !present.has(state.activeAgentId);
        if (gone.length === 0 && goneSleeping.length === 0 && !activeGone) return {};
        const update: Partial<NavigationState> = { opened: without(state.opened, gone), sleeping: without(state.sleeping, goneSleeping) };
        if (!activeGone) return update;
        const onScreen = state.view === 'agent';
        const id = state.activeAgentId!;
        return {
          ...update,
          activeAgentId: null,
          view: onScreen ? 'directory' : state.view,
          // Say what happened instead of silently changing the view.
          gone: onScreen ? { id, name: names[id] ?? id } : state.gone,
        };
      }),
    agentMissing: (id, now) =>
      set((state) => ({
        opened: leaveScreen(state, now),
        view: 'directory',
        activeAgentId: null,
        switcherOpen: false,
        gone: { id, name: id },
      })),
    goneDismissed: () => set({ gone: null }),
    filterChanged: (query) => set({ query }),
    sortChanged: (sort) => set({ sort }),
    placeRestored: (saved) =>
      set((state) => {
        const sleeping = { ...state.sleeping };
        for (const id of saved.sleeping ?? []) if (!state.opened[id]) sleeping[id] = true;
        return {
          query: saved.query ?? state.query,
          sort: saved.sort ?? state.sort,
          lastOpenedAt: { ...saved.lastOpenedAt, ...state.lastOpenedAt },
          sleeping,
        };
      }),
    switcherOpened: () => set({ switcherOpen: true }),
    switcherClosed: () => set({ switcherOpen: false }),
    agentFocusRequested: (id) => set({ focusAgentId: id }),
    agentFocused: (id) => set((state) => (state.focusAgentId === id ? { focusAgentId: null } : {})),
  }));
}

export type NavigationStore = ReturnType<typeof createNavigationStore>;
