import type { IncomingHttpHeaders } from 'node:http';
import { connectionTokens, isStrippedRequestHeader } from './header-rewrite.js';

/**
 * The request head an agent gets for a plain HTTP request, as the flat
 * `[name, value, …]` list `http.request` accepts (it stores that as the head
 * at once, without a `setHeader` per header). `req.headers` is left as it is.
 *
 * - `Host` is the upstream's own (`127.0.0.1:PORT`) and `Authorization` is
 *   our bearer, each exactly once, whatever the client sent;
 * - client credentials, X-Forwarded-* / Forwarded / X-Real-IP / Proxy-*,
 *   `Expect` (Node already answered `100 Continue`), hop-by-hop headers
 *   (`Connection`, `Keep-Alive`, `TE`, `Trailer`, `Upgrade`) and every header
 *   the client's `Connection` names are left out;
 * - the body keeps its framing: `Content-Length` passes through, and a chunked
 *   body stays chunked (Node's parser only accepts a request whose last
 *   transfer coding is `chunked`; `http.request` then frames what we write as
 *   chunks). Dropping `Transfer-Encoding` would send the body of a GET, HEAD,
 *   DELETE or OPTIONS unframed — read by the agent as a second request on the
 *   pooled connection.
 */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, hostHeader: string, bearer: string): string[] {
  const out = ['host', hostHeader, 'authorization', bearer];
  const named = connectionTokens(headers.connection, false);
  for (const name in headers) {
    if (name === 'host' || name === 'connection' || name === 'upgrade' || isStrippedRequestHeader(name)) continue;
    if (named !== undefined && named.includes(name)) continue;
    const value = headers[name];
    if (typeof value === 'string') out.push(name, value);
    else if (value !== undefined) for (const item of value) out.push(name, item);
  }
  const transferEncoding = headers['transfer-encoding'];
  if (transferEncoding !== undefined) out.push('transfer-encoding', transferEncoding);
  return out;
}

/** Whether the client request has a body to stream: HTTP/1.1 framing says so by Content-Length or Transfer-Encoding. */
export function hasRequestBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/** The request target sent upstream: the client's path and query unchanged (pathProblem has vetted the path); a fragment is not sent. */
export function upstreamPath(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
