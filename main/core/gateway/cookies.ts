/**
 * The session cookie. `__Host-` makes the browser refuse it unless it is
 * host-only, Secure and Path=/ — so no sibling `*.localhost` host can plant
 * or overwrite it. Chromium treats http://*.localhost as a secure context.
 */
export const SESSION_COOKIE = '__Host-desk-session';

const PREFIX = `${SESSION_COOKIE}=`;

/**
 * The session id from a Cookie header, or undefined. When several cookies of
 * that name are sent, the first wins (the browser orders by path length, all
 * ours are Path=/).
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let at = header.indexOf(PREFIX);
  while (at > 0 && header[at - 1] !== ' ' && header[at - 1] !== ';') {
    at = header.indexOf(PREFIX, at + 1);
  }
  if (at < 0) return undefined;
  const start = at + PREFIX.length;
  const end = header.indexOf(';', start);
  const value = end < 0 ? header.slice(start) : header.slice(start, end);
  // Our ids are 43 base64url chars; anything else is not ours.
  return isSessionId(value) ? value : undefined;
}

/** 43 chars of `A–Z a–z 0–9 - _` (a char loop: this runs on every proxied request). */
function isSessionId(value: string): boolean {
  if (value.length !== 43) return false;
  for (let i = 0; i < 43; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;
    if (!ok) return false;
  }
  return true;
}

/**
 * Set-Cookie for a new session. Agent hosts are framed by the desk (a
 * cross-site parent), so they need SameSite=None and Partitioned (CHIPS).
 * The desk and widget hosts are never framed: `Strict` keeps their cookie
 * off every request another site starts.
 */
export function sessionSetCookie(id: string, kind: 'desk' | 'agent' | 'widget'): string {
  const base = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure`;
  return kind === 'agent' ? `${base}; SameSite=None; Partitioned` : `${base}; SameSite=Strict`;
}
