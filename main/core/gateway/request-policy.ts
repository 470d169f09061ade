import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request target is refused with 400, or undefined when it is fine.
 * Paths go upstream unchanged, so anything two parsers could read two ways
 * is refused: encoded separators (`%2f`, `%5c`), backslashes, dot
 * segments (plain or percent-encoded), empty segments (`//`), and percent-encoded unreserved
 * characters (letters, digits, `-._~`). Browsers never encode those, but an
 * agent that decodes paths (Go does) would read `/chat/wid%67ets/x/` as its
 * widget route while our checks saw another path. The query is not inspected.
 */
/** `%XX` for A–Z a–z 0–9 - . _ ~ (RFC 3986 unreserved), any hex case. */
const ENCODED_UNRESERVED = /%(?:3[0-9]|[46][1-9a-f]|[57][0-9a]|2[de]|5f|7e)/i;

export function pathProblem(url: string | undefined): string | undefined {
  if (url === undefined || url.length === 0 || url.charCodeAt(0) !== 47 /* / */) {
    return 'the request target must be a path starting with /';
  }
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (url.charCodeAt(1) === 47 /* // */) return 'the path must not start with //';
  // Fast path: nothing encoded, no backslash, no segment starting with a dot, no empty segment.
  const hasPercent = path.indexOf('%') >= 0;
  if (!hasPercent && path.indexOf('\\') < 0 && path.indexOf('/.') < 0 && path.indexOf('//') < 0) return undefined;
  // `{base}//widgets/<m>/` is not a widget path to us, but a router that reads `//` as `/` would
  // serve the widget there as a document with the agent's session (Go's ServeMux redirects instead).
  if (path.indexOf('//') >= 0) return 'empty path segments (//) are not allowed in paths';
  if (path.indexOf('\\') >= 0) return 'backslashes are not allowed in paths';
  if (hasPercent && /%(?:2f|5c)/i.test(path)) return 'encoded / or \\ (%2f, %5c) is not allowed in paths';
  if (hasPercent && ENCODED_UNRESERVED.test(path)) return 'percent-encoded letters, digits or -._~ are not allowed in paths';
  const plain = hasPercent ? path.replace(/%2e/gi, '.') : path;
  for (const segment of plain.split('/')) {
    if (segment === '.' || segment === '..') return 'dot segments (. and ..) are not allowed in paths';
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string | undefined): boolean {
  return method === undefined || !SAFE_METHODS.has(method);
}

/** A browser navigation (wants a page back), as opposed to an API call. */
export function isNavigation(headers: IncomingHttpHeaders): boolean {
  const mode = headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  const accept = headers.accept;
  return accept !== undefined && accept.includes('text/html');
}

function isSameOriginOrUser(site: string | string[] | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

export type AgentVerdict =
  | 'allow'
  /** A non-navigation request from another site (another agent, a widget, a web page). */
  | 'cross-site'
  /** An unsafe method or WebSocket upgrade whose Origin is another origin. */
  | 'foreign-origin'
  /** A navigation another site started (link or frame): only the enter link is served; else a page pointing to the desk. */
  | 'cross-site-navigation';

/**
 * Fetch-metadata and Origin rules for agent hosts (docs/security.md, "Defences").
 * Requests without these headers come from no browser we know; they still
 * need their session, so letting them through here gives nothing away.
 */
export function agentVerdict(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  ownHost: string,
  upgrade: boolean,
): AgentVerdict {
  const origin = headers.origin;
  if (origin !== undefined && (upgrade || isUnsafeMethod(method)) && !isOriginOf(origin, ownHost)) return 'foreign-origin';
  const site = headers['sec-fetch-site'];
  if (isSameOriginOrUser(site)) return 'allow';
  if (headers['sec-fetch-mode'] !== 'navigate') return 'cross-site';
  // Of any other site's navigations (a link, a frame) only the enter link is served: agents
  // framed in the desk share one cookie partition, so an iframe that agent A's page points at
  // agent B would otherwise reach B with B's bearer. The desk frames agents only through enter
  // links, whose answer continues by a same-origin refresh.
  return 'cross-site-navigation';
}

/** A navigation (document or frame) that another site started: enter answers it with a refresh page, not a 302. */
export function isCrossSiteNavigation(headers: IncomingHttpHeaders): boolean {
  return headers['sec-fetch-mode'] === 'navigate' && !isSameOriginOrUser(headers['sec-fetch-site']);
}

/** `origin === 'http://' + host`, without building the string on the hot path. */
export function isOriginOf(origin: string, host: string): boolean {
  return origin.length === host.length + 7 && origin.startsWith('http://') && origin.endsWith(host);
}

export type DeskVerdict = 'allow' | 'cross-site' | 'foreign-origin';

/** The desk host: same rules, and unsafe methods must carry the desk's own Origin. */
export function deskVerdict(method: string | undefined, headers: IncomingHttpHeaders, deskOrigin: string): DeskVerdict {
  if (isUnsafeMethod(method) && headers.origin !== deskOrigin) return 'foreign-origin';
  const site = headers['sec-fetch-site'];
  if (!isSameOriginOrUser(site) && headers['sec-fetch-mode'] !== 'navigate') return 'cross-site';
  return 'allow';
}

/**
 * Where `/__desk/enter` may send the browser: a same-host absolute path only
 * (one leading `/`, not `//` or `/\`, no scheme, printable ASCII only — a
 * Location header cannot carry anything else, and failing after the grant
 * was spent would cost the user the link — and nothing pathProblem refuses).
 * Anything else → `fallback`.
 */
export function safeRedirectTarget(to: string | null | undefined, fallback: string): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback;
  if (to[0] !== '/' || to[1] === '/' || to[1] === '\\') return fallback;
  if (/[^\x21-\x7e]/.test(to)) return fallback;
  if (pathProblem(to) !== undefined) return fallback;
  return to;
}

/** Headers the gateway reads or frames the request by: no client may declare them hop-by-hop. */
const RELIED_ON = new Set(['content-length', 'transfer-encoding', 'host', 'expect', 'origin', 'cookie', 'authorization', 'upgrade']);

/**
 * Why a request's `Connection` header is refused with 400, or undefined.
 * Naming a header in `Connection` tells a proxy to drop it; dropping
 * `Content-Length` while still forwarding the body sends the body unframed,
 * and an agent reads it as a second request on the pooled socket (request
 * smuggling). No browser may send `Connection`, so refusing costs nothing.
 * `Upgrade` is named by every WebSocket handshake and is allowed there only.
 */
export function connectionProblem(connection: string | undefined, websocket: boolean): string | undefined {
  if (connection === undefined || connection === 'keep-alive' || connection === 'close') return undefined;
  for (const token of connection.split(',')) {
    const name = token.trim().toLowerCase();
    if (websocket && name === 'upgrade') continue;
    if (RELIED_ON.has(name) || name.startsWith('sec-fetch-')) return `the Connection header may not name ${name}`;
  }
  return undefined;
}
