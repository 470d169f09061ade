import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Client credentials and proxy headers that never reach an agent. */
const STRIPPED_REQUEST = new Set([
  'authorization',
  'cookie',
  'x-api-key',
  'proxy-authorization',
  'proxy-connection',
  'forwarded',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding', // Node re-frames the body itself (see upstream-headers.ts for plain HTTP)
  'expect', // Node already answered 100-continue to the client
  'x-real-ip',
]);

/**
 * True for a client request header that never reaches an agent by name:
 * client credentials, X-Forwarded-* / Forwarded / X-Real-IP / Proxy-*, and
 * hop-by-hop headers (Connection and Upgrade are decided by the caller: a
 * WebSocket handshake keeps them). Headers named in Connection are checked
 * separately (`connectionTokens`).
 */
export function isStrippedRequestHeader(name: string): boolean {
  return STRIPPED_REQUEST.has(name) || name.startsWith('x-forwarded-') || name.startsWith('proxy-');
}

/**
 * The header names a Connection value lists (lower case), minus `upgrade`
 * on a WebSocket handshake; undefined when it names nothing but
 * `keep-alive`/`close` (the common case, without splitting a string).
 */
export function connectionTokens(connection: string | undefined, websocket: boolean): string[] | undefined {
  if (connection === undefined || connection === 'keep-alive' || connection === 'close') return undefined;
  const names: string[] = [];
  for (const token of connection.split(',')) {
    const name = token.trim().toLowerCase();
    if (name !== '' && !(websocket && name === 'upgrade')) names.push(name);
  }
  return names;
}

/**
 * Prepares the client's headers for a WebSocket upgrade, in place
 * (http-proxy-3 copies `req.headers`, then lays the per-call `headers` — the
 * bearer — over them). Removes client credentials, X-Forwarded-* / Forwarded
 * / Proxy-*, and hop-by-hop headers including every header named in
 * Connection (http-proxy-3 would forward those). For a WebSocket upgrade,
 * `Connection: Upgrade` and `Upgrade: websocket` are kept; otherwise both go.
 * Plain HTTP does not edit `req.headers`: it copies (upstream-headers.ts).
 */
export function stripRequestHeaders(headers: IncomingHttpHeaders, websocket: boolean): void {
  const named = connectionTokens(headers.connection, websocket);
  if (named !== undefined) for (const name of named) delete headers[name];
  for (const name in headers) {
    if (isStrippedRequestHeader(name)) delete headers[name];
  }
  if (websocket) {
    headers.connection = 'Upgrade';
    headers.upgrade = 'websocket';
  } else {
    delete headers.connection;
    delete headers.upgrade;
  }
}

/** Response headers every rule set drops (these rules, widgets/widget-headers.ts, writeUpstreamHead). */
const DROPPED_RESPONSE = new Set(['set-cookie', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * True for an upstream response header that no host kind ever passes on, so
 * it is never put into the head object the rules edit (headersFromRaw's
 * `leaveOut`). A `Connection` that names other headers is kept: the rules
 * drop what it names. Never used for a 101 (WebSocket heads come from http-proxy-3).
 */
export function isDroppedResponseHeader(name: string, value: string): boolean {
  if (DROPPED_RESPONSE.has(name)) return true;
  if (name !== 'connection') return false;
  const lower = value.length <= 10 ? value.toLowerCase() : '';
  return lower === 'keep-alive' || lower === 'close';
}

export interface ResponseRewrite {
  /** `http://<label>.localhost:PORT` — where upstream-absolute redirects now point. */
  agentOrigin: string;
  /** Origins the upstream may call itself: `http://127.0.0.1:P`, `http://localhost:P`, `http://[::1]:P`. */
  upstreamOrigins: readonly string[];
  /** The CSP appended to every response (`agentResponseCsp`): `frame-ancestors http://desk.localhost:PORT; frame-src …`. */
  csp: string;
}

/**
 * What an agent's page may load into a frame, `<object>` or `<embed>`: its
 * own origin and nothing else served over plain http — so no other agent, no
 * widget, no desk (the gateway speaks only http; `https:`, `blob:` and
 * `data:` can never be one of its hosts). Agents framed in the desk share one
 * cookie partition, and a frame of agent B inside agent A's page is a
 * navigation into B's service-worker scope: even refused by the gateway, it
 * makes Chromium check B's worker script with B's session (docs/security.md,
 * issue 9 finding 3). term-llm's UI frames nothing; it opens widgets by
 * navigating the page itself.
 */
const AGENT_EMBED_SOURCES = "'self' https: blob: data:";

/** The CSP appended to every proxied agent response (a policy of its own: the agent's own CSP still applies). */
export function agentResponseCsp(frameAncestors: string): string {
  return `frame-ancestors ${frameAncestors}; frame-src ${AGENT_EMBED_SOURCES}; object-src ${AGENT_EMBED_SOURCES}`;
}

export function upstreamOriginsFor(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

/**
 * The Location the browser should see: an absolute URL on the upstream's own
 * origin moves to the agent's origin (path, query and fragment kept); relative
 * locations and other hosts are left alone.
 */
export function rewriteLocation(location: string, rewrite: ResponseRewrite): string {
  for (const origin of rewrite.upstreamOrigins) {
    if (location.length >= origin.length && location.slice(0, origin.length).toLowerCase() === origin) {
      const rest = location.slice(origin.length);
      if (rest === '') return `${rewrite.agentOrigin}/`;
      const next = rest[0];
      if (next === '/' || next === '?' || next === '#') return rewrite.agentOrigin + rest;
    }
  }
  return location;
}

/**
 * The response rules every host kind shares (agent responses here, widget
 * responses in widgets/widget-headers.ts), edited in place: drops each
 * header the response's Connection names (`close`/`keep-alive` name none;
 * never on a 101, whose Connection is the handshake), Set-Cookie (nothing
 * may plant cookies in the shared `*.localhost` jar) and the hop-by-hop
 * headers. Plain deletes, no iteration: this runs on every response.
 */
export function stripResponseHeaders(statusCode: number | undefined, headers: IncomingHttpHeaders | OutgoingHttpHeaders): void {
  const connection = headers.connection;
  if (typeof connection === 'string' && statusCode !== 101) {
    for (const token of connection.split(',')) {
      const name = token.trim().toLowerCase();
      if (name !== '' && name !== 'close' && name !== 'keep-alive') delete headers[name];
    }
  }
  delete headers['set-cookie'];
  delete headers['keep-alive'];
  delete headers['proxy-authenticate'];
  delete headers['proxy-connection'];
  delete headers.trailer;
}

/**
 * Appends our policy as a CSP value of its own (an array keeps the
 * upstream's values): a browser enforces every policy, so the upstream's own
 * stays in force and ours can only tighten it.
 */
export function appendCsp(headers: IncomingHttpHeaders | OutgoingHttpHeaders, policy: string): void {
  const csp = headers['content-security-policy'];
  if (csp === undefined) headers['content-security-policy'] = policy;
  else headers['content-security-policy'] = Array.isArray(csp) ? [...csp, policy] : [String(csp), policy];
}

/**
 * Edits the upstream response headers in place, before they are written to
 * the client: the shared rules (stripResponseHeaders), Location rewritten on
 * every 3xx and 201, our CSP appended, and nosniff.
 */
export function rewriteResponseHeaders(
  statusCode: number | undefined,
  headers: IncomingHttpHeaders | OutgoingHttpHeaders,
  rewrite: ResponseRewrite,
): void {
  stripResponseHeaders(statusCode, headers);
  const location = headers.location;
  if (typeof location === 'string' && statusCode !== undefined && (statusCode === 201 || (statusCode >= 300 && statusCode < 400))) {
    headers.location = rewriteLocation(location, rewrite);
  }
  appendCsp(headers, rewrite.csp);
  headers['x-content-type-options'] = 'nosniff';
}
