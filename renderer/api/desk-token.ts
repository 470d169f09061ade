/**
 * The desk API bearer in browser mode. The login redirect hands it over in
 * the address's fragment (`#desk-token=…`, never sent to a server); the UI
 * moves it into this origin's localStorage — which, unlike a cookie, no
 * server on another port can read — and takes it out of the address bar.
 */
export const DESK_TOKEN_KEY = 'agent-desk:desk-token';
const FRAGMENT = /(?:^#|&)desk-token=([A-Za-z0-9_-]{43})(?:&|$)/;

export interface TokenPlace {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Moves a token from the address into storage (once, at start); returns whether one was there. */
export function adoptTokenFromAddress(place: TokenPlace): boolean {
  const match = FRAGMENT.exec(place.location.hash);
  if (match === null) return false;
  try {
    place.storage.setItem(DESK_TOKEN_KEY, match[1]!);
  } catch {
    // Storage refused (private mode quotas): the token still leaves the address bar; the API will say "not signed in".
  }
  place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}`);
  return true;
}

/** The stored token, read per call so a login in another tab is picked up. */
export function storedToken(storage: Pick<Storage, 'getItem'>): string | null {
  try {
    return storage.getItem(DESK_TOKEN_KEY);
  } catch {
    return null;
  }
}
