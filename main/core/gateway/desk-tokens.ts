import { createHash, randomBytes } from 'node:crypto';

/** Path prefix of the desk's control API; everything else on the desk host is the static UI. */
export const DESK_API_PREFIX = '/api';

/** True for `/api` and `/api/…` (query ignored): the paths that need the desk bearer. */
export function isDeskApiPath(url: string): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path === DESK_API_PREFIX || path.startsWith(`${DESK_API_PREFIX}/`);
}

/** The fragment the desk login redirects to; the UI moves it into its origin's storage. */
export const DESK_TOKEN_FRAGMENT = 'desk-token';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The token of `Authorization: Bearer <token>` when it has our shape, else undefined. */
export function readBearer(header: string | undefined): string | undefined {
  if (header === undefined || header.length !== 50 || !/^bearer /i.test(header)) return undefined;
  const token = header.slice(7);
  return TOKEN_SHAPE.test(token) ? token : undefined;
}

const digest = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * Desk API credentials: a fresh random 256-bit token per desk login, valid
 * until the gateway stops. Unlike a cookie, the browser keeps it in the desk
 * origin's storage, which includes the port — a server on another loopback
 * port cannot read it. Kept as digests, so a lookup compares hashes, not the
 * secret. Bounded: past `max` logins the oldest token stops working.
 */
export class DeskTokens {
  readonly #digests = new Set<string>();
  readonly #max: number;

  constructor(max = 1_000) {
    this.#max = max;
  }

  mint(): string {
    const token = randomBytes(32).toString('base64url');
    this.#digests.add(digest(token));
    while (this.#digests.size > this.#max) this.#digests.delete(this.#digests.values().next().value!);
    return token;
  }

  verify(token: string | undefined): boolean {
    return token !== undefined && this.#digests.has(digest(token));
  }

  revokeAll(): void {
    this.#digests.clear();
  }
}
