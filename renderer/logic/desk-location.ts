import { DIRECTORY_SORTS, type DirectorySort } from './directory-view.js';

/**
 * Views that are a page of their own (no agent). Another view is one more
 * entry here plus its component in `app.tsx`; the address, history and the
 * top bar pick it up from this list.
 */
export const PAGE_VIEWS = ['directory', 'inbox', 'settings'] as const;
export type PageView = (typeof PAGE_VIEWS)[number];
export type DeskView = PageView | 'agent';

/** Where the user is: what the desk's address records. */
export interface DeskPlace {
  view: DeskView;
  /** The agent on screen (view `agent`). */
  agentId: string | null;
  /**
   * Where inside the agent, where the desk knows it: the session it opened
   * the agent at (`{base}/{session_id}`), e.g. from the inbox or a
   * notification. Absent: the agent's own start page.
   */
  sessionId?: string | null;
  /** Directory filter and sort. */
  query: string;
  sort: DirectorySort;
}

export const DEFAULT_PLACE: DeskPlace = { view: 'directory', agentId: null, query: '', sort: 'name' };

/** A term-llm session id as the desk accepts it (the desk's own check says the same). */
const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const SORTS = new Set<string>(DIRECTORY_SORTS.map((option) => option.value));

/**
 * The place as a hash route: `#/directory?q=…&sort=…`, `#/settings`,
 * `#/agent/<id>`. A hash works the same on the desk host and at
 * `app://desk` in Electron, and never reaches a server.
 */
export function formatPlace(place: DeskPlace): string {
  if (place.view === 'agent' && place.agentId !== null) {
    const session = place.sessionId ? `?session=${encodeURIComponent(place.sessionId)}` : '';
    return `#/agent/${encodeURIComponent(place.agentId)}${session}`;
  }
  if (place.view === 'agent') return '#/directory';
  const params = new URLSearchParams();
  if (place.view === 'directory') {
    if (place.query !== '') params.set('q', place.query);
    if (place.sort !== DEFAULT_PLACE.sort) params.set('sort', place.sort);
  }
  const search = params.toString();
  return `#/${place.view}${search ? `?${search}` : ''}`;
}

/**
 * The place a hash names, or null when it is not a desk route (empty, or a
 * fragment the desk uses for something else, such as a login token).
 * Filter and sort are only in directory routes; elsewhere they come back as
 * `undefined` so the caller keeps what it has.
 */
export function parsePlace(hash: string): (Omit<DeskPlace, 'query' | 'sort'> & Partial<Pick<DeskPlace, 'query' | 'sort'>>) | null {
  if (!hash.startsWith('#/')) return null;
  const [pathPart = '', search = ''] = hash.slice(2).split('?', 2);
  const segments = pathPart.split('/').filter(Boolean);
  const [first, second] = segments;
  if (first === 'agent' && second !== undefined) {
    let agentId: string;
    try {
      agentId = decodeURIComponent(second);
    } catch {
      return null;
    }
    if (agentId === '') return null;
    // A session id that is not one (typed or damaged) is dropped: the agent opens at its start page.
    const session = new URLSearchParams(search).get('session');
    return { view: 'agent', agentId, sessionId: session !== null && SESSION_ID.test(session) ? session : null };
  }
  const view = (PAGE_VIEWS as readonly string[]).includes(first ?? '') ? (first as PageView) : first === undefined ? 'directory' : null;
  if (view === null) return null;
  if (view !== 'directory') return { view, agentId: null };
  const params = new URLSearchParams(search);
  const sort = params.get('sort');
  return {
    view,
    agentId: null,
    query: params.get('q') ?? '',
    sort: sort !== null && SORTS.has(sort) ? (sort as DirectorySort) : DEFAULT_PLACE.sort,
  };
}

/** Whether moving between these two places is a step the user would go Back from (not a filter edit). */
export function isNewStep(from: DeskPlace, to: DeskPlace): boolean {
  return from.view !== to.view || (to.view === 'agent' && from.agentId !== to.agentId);
}
