import type { IncomingHttpHeaders } from 'node:http';
import { connectionTokens, isStrippedRequestHeader } from './header-rewrite.js';

/**
 * The request head an agent gets for a plain HTTP request, as the flat
 * `[name, value, …]` list undici takes (it writes the head from it without
 * building an object). `req.headers` is left as it is.
 *
 * - `Authorization` is our bearer, exactly once, whatever the client sent;
 *   `Host` is not in the list: undici writes the pool's own (`127.0.0.1:PORT`);
 * - client credentials, X-Forwarded-* / Forwarded / X-Real-IP / Proxy-*,
 *   `Expect` (we answered `100 Continue` ourselves), hop-by-hop headers
 *   (`Connection`, `Keep-Alive`, `TE`, `Trailer`, `Upgrade`) and every header
 *   the client's `Connection` names are left out — undici refuses
 *   `connection`, `keep-alive`, `upgrade`, `expect` and `transfer-encoding`;
 * - the body keeps its framing: `Content-Length` passes through (undici
 *   writes it from the value), and a body without one — a chunked body —
 *   is sent chunked by undici, whatever the method. Sending it unframed would
 *   let the body of a GET, HEAD, DELETE or OPTIONS be read by the agent as a
 *   second request on the pooled connection.
 */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, authorization: string): string[] {
  const out = ['authorization', authorization];
  const named = connectionTokens(headers.connection, false);
  for (const name in headers) {
    if (name === 'host' || name === 'connection' || name === 'upgrade' || isStrippedRequestHeader(name)) continue;
    if (named !== undefined && named.includes(name)) continue;
    const value = headers[name];
    if (typeof value === 'string') out.push(name, value);
    else if (value !== undefined) for (const item of value) out.push(name, item);
  }
  return out;
}

/** Whether the client request has a body to stream: HTTP/1.1 framing says so by Content-Length or Transfer-Encoding. */
export function hasRequestBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/** `chunked` in any case, alone: the only transfer coding undici can forward (it re-chunks the body itself). */
export function isChunkedOnly(transferEncoding: string): boolean {
  return transferEncoding.length === 7 && transferEncoding.toLowerCase() === 'chunked';
}

/** The request target sent upstream: the client's path and query unchanged (pathProblem has vetted the path); a fragment is not sent. */
export function upstreamPath(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
