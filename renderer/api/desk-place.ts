import { DIRECTORY_SORTS, type DirectorySort } from '../logic/directory-view.js';
import { DEFAULT_PLACE, formatPlace, isNewStep, parsePlace, type DeskPlace } from '../logic/desk-location.js';
import type { NavigationState } from '../stores/navigation-store.js';
import type { DeskStores } from '../stores/desk-stores.js';

/** What survives a reload in the desk origin's storage (never a secret: ids, text the user typed, times). */
export interface SavedPlace {
  location: string;
  opened: string[];
  lastOpenedAt: Record<string, number>;
  query: string;
  sort: DirectorySort;
}

export const PLACE_STORAGE_KEY = 'agent-desk.place.v1';
const SORTS = new Set<string>(DIRECTORY_SORTS.map((option) => option.value));

/** The saved place, or null when there is none or it is unreadable (a bad entry is ignored, never fatal). */
export function readSavedPlace(storage: Pick<Storage, 'getItem'> | null): SavedPlace | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(PLACE_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage denied
  }
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<SavedPlace>;
    const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
    const times: Record<string, number> = {};
    if (typeof value.lastOpenedAt === 'object' && value.lastOpenedAt !== null) {
      for (const [id, at] of Object.entries(value.lastOpenedAt)) if (typeof at === 'number' && Number.isFinite(at)) times[id] = at;
    }
    return {
      location: typeof value.location === 'string' ? value.location : '',
      opened: strings(value.opened),
      lastOpenedAt: times,
      query: typeof value.query === 'string' ? value.query : '',
      sort: typeof value.sort === 'string' && SORTS.has(value.sort) ? (value.sort as DirectorySort) : DEFAULT_PLACE.sort,
    };
  } catch {
    return null;
  }
}

export function placeOf(state: Pick<NavigationState, 'view' | 'activeAgentId' | 'query' | 'sort'> & Partial<Pick<NavigationState, 'opened'>>): DeskPlace {
  const agentId = state.view === 'agent' ? state.activeAgentId : null;
  const sessionId = agentId === null ? null : (state.opened?.[agentId]?.sessionId ?? null);
  return { view: state.view, agentId, sessionId, query: state.query, sort: state.sort };
}

function savedOf(state: NavigationState): SavedPlace {
  return {
    location: formatPlace(placeOf(state)),
    opened: [...new Set([...Object.keys(state.opened), ...Object.keys(state.sleeping)])],
    lastOpenedAt: state.lastOpenedAt,
    query: state.query,
    sort: state.sort,
  };
}

/** The part of `window` the place keeper uses (jsdom and the browser both have it). */
export interface PlaceWindow {
  location: { hash: string; pathname: string; search: string };
  history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
}

export interface PlaceDeps {
  stores: DeskStores;
  /** Shows an agent, opening it if needed (actions.selectAgent); `restored`: from the address a reload kept. */
  selectAgent(id: string, restored: boolean): void;
  /** Shows an agent at one of its sessions (actions.showSession); without it, the agent's start page. */
  showSession?(id: string, sessionId: string, restored: boolean): void;
  window: PlaceWindow;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  now(): number;
}

/**
 * Keeps the user's place in the address and in storage. At start it restores
 * the address's place (or, with no route in the address — a fresh login
 * link — the last saved one) and the saved filter, sort, recently opened and
 * open agents; then every view change is a history entry (Back and Forward
 * move between desk views) and every filter or sort edit replaces the
 * current one. Returns the disposer.
 */
export function keepPlace(deps: PlaceDeps): () => void {
  const { stores, window: win } = deps;
  const navigation = () => stores.navigation.getState();
  const saved = readSavedPlace(deps.storage);
  const target = parsePlace(win.location.hash) ?? (saved ? parsePlace(saved.location) : null);
  navigation().placeRestored({
    query: target?.query ?? saved?.query,
    sort: target?.sort ?? saved?.sort,
    lastOpenedAt: saved?.lastOpenedAt,
    sleeping: saved?.opened,
  });
  if (target) go(target, true);

  const url = (hash: string) => `${win.location.pathname}${win.location.search}${hash}`;
  // A fragment that is not ours (e.g. a login token the transport reads) is left for its owner.
  if (win.location.hash === '' || win.location.hash.startsWith('#/')) {
    win.history.replaceState(null, '', url(formatPlace(placeOf(navigation()))));
  }
  let current = placeOf(navigation());

  function go(place: NonNullable<ReturnType<typeof parsePlace>>, restored: boolean): void {
    const state = navigation();
    if (place.query !== undefined && place.query !== state.query) state.filterChanged(place.query);
    if (place.sort !== undefined && place.sort !== state.sort) state.sortChanged(place.sort);
    if (place.view === 'agent' && place.agentId !== null) {
      const agents = stores.agents.getState();
      if (agents.status === 'loaded' && !agents.agents.some((agent) => agent.id === place.agentId)) {
        state.agentMissing(place.agentId, deps.now());
        return;
      }
      const onScreen = state.view === 'agent' && state.activeAgentId === place.agentId;
      const openedAt = state.opened[place.agentId]?.sessionId ?? null;
      if (place.sessionId && deps.showSession && openedAt !== place.sessionId) deps.showSession(place.agentId, place.sessionId, restored);
      else if (!onScreen) deps.selectAgent(place.agentId, restored);
    } else if (place.view !== 'agent' && state.view !== place.view) {
      state.viewShown(place.view, deps.now());
    }
  }

  const onNavigate = () => {
    const place = parsePlace(win.location.hash);
    if (place === null) return;
    current = { ...current, ...place } as DeskPlace;
    go(place, false);
  };

  const save = (state: NavigationState) => {
    try {
      deps.storage?.setItem(PLACE_STORAGE_KEY, JSON.stringify(savedOf(state)));
    } catch {
      // Storage full or denied: the address still holds the place.
    }
  };

  let gone = navigation().gone;
  const unsubscribe = stores.navigation.subscribe((state) => {
    save(state);
    const next = placeOf(state);
    const hash = formatPlace(next);
    // The agent on screen (or the one the address named) is gone and the desk showed the
    // Directory by itself: that takes the gone agent's history entry, it is no step of the user's.
    const forced = state.gone !== null && state.gone !== gone;
    gone = state.gone;
    if (hash === formatPlace(current)) return;
    if (isNewStep(current, next) && !forced) win.history.pushState(null, '', url(hash));
    else win.history.replaceState(null, '', url(hash));
    current = next;
  });
  save(navigation());
  win.addEventListener('popstate', onNavigate);
  win.addEventListener('hashchange', onNavigate);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onNavigate);
    win.removeEventListener('hashchange', onNavigate);
  };
}
