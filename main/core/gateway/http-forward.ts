import { request, type Agent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ResponseDeadlines } from './response-deadlines.js';
import { hasRequestBody, upstreamPath, upstreamRequestHeaders } from './upstream-headers.js';

/** Agents listen on loopback IPv4; an IP literal also skips any name lookup. */
export const UPSTREAM_HOST = '127.0.0.1';

/**
 * One endpoint's plain-HTTP upstream, fixed when the endpoint object is:
 * everything a request needs that does not depend on the request (Go's
 * ReverseProxy keeps the same per-target state in its Director).
 */
export interface HttpUpstream {
  readonly agentId: string;
  /** The shared keep-alive Agent (its createConnection carries the connect timeout). */
  readonly agent: Agent;
  readonly port: number;
  /** `127.0.0.1:PORT`, the Host the agent sees. */
  readonly hostHeader: string;
  /** `Bearer <token>`: replaces whatever the client sent. */
  readonly bearer: string;
  readonly deadlines: ResponseDeadlines;
  /** Agent or widget rules, editing the upstream head in place (header-rewrite.ts, widgets/widget-headers.ts). */
  readonly rewriteHead: (statusCode: number | undefined, headers: IncomingHttpHeaders) => void;
  onError(error: unknown, req: IncomingMessage, res: ServerResponse | Socket, agentId: string): void;
  onResponse?(statusCode: number, agentId: string): void;
}

/**
 * Sends the upstream's head to the client: our header rules first, then
 * what is hop-by-hop on the way back (Node frames the client's response
 * itself — chunked, or close-delimited for HTTP/1.0 — and keeps or closes
 * the client's connection by the client's own request).
 */
export function writeUpstreamHead(res: ServerResponse, upstreamRes: IncomingMessage, rewriteHead: HttpUpstream['rewriteHead']): void {
  const status = upstreamRes.statusCode ?? 502;
  const headers = upstreamRes.headers;
  rewriteHead(status, headers);
  delete headers.connection;
  delete headers['transfer-encoding'];
  delete headers.upgrade;
  const message = upstreamRes.statusMessage;
  if (message) res.writeHead(status, message, headers);
  else res.writeHead(status, headers);
}

/**
 * Streams the upstream body to the client as it arrives (SSE and chunked
 * bodies unbuffered), with `pipe`'s backpressure — pause when the client's
 * buffer is full, resume on `drain` — in three listeners instead of pipe's
 * eight set up and torn down per response. An upstream that dies mid-body
 * ends the client's response too, or the client would wait for the rest of a
 * keep-alive body; a client that leaves is handled by forwardHttp (the
 * upstream request is destroyed, so no more data comes).
 */
export function relayBody(upstreamRes: IncomingMessage, res: ServerResponse): void {
  upstreamRes.on('data', (chunk: Buffer) => {
    if (!res.write(chunk) && !res.destroyed) {
      upstreamRes.pause();
      res.once('drain', () => upstreamRes.resume());
    }
  });
  upstreamRes.on('end', () => res.end());
  upstreamRes.on('close', () => {
    if (!upstreamRes.complete) res.destroy();
  });
}

/**
 * Proxies one plain HTTP request (no upgrade) with `http.request` on the
 * pooled keep-alive Agent, in the steps of Go's ReverseProxy: copy the
 * filtered head and add the bearer, stream the body, rewrite and send the
 * response head, relay the response body (backpressure both ways).
 * Errors before the response head go to `onError` (the offline page / JSON
 * 502/504); a client that leaves aborts the upstream request; an upstream
 * that dies mid-body ends the client's response, so the client sees the
 * truncation. The response-header deadline is the shared swept Map.
 */
export function forwardHttp(up: HttpUpstream, req: IncomingMessage, res: ServerResponse): void {
  const headers = req.headers;
  let upstream: ClientRequest;
  try {
    upstream = request({
      agent: up.agent,
      hostname: UPSTREAM_HOST,
      port: up.port,
      method: req.method,
      path: upstreamPath(req.url ?? '/'),
      headers: upstreamRequestHeaders(headers, up.hostHeader, up.bearer),
    });
  } catch (error) {
    // http.request validates method, path and header values before any I/O.
    up.onError(error, req, res, up.agentId);
    return;
  }
  const deadlines = up.deadlines;
  deadlines.start(upstream);
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    // We answer this ourselves, so the upstream request must not live on.
    deadlines.done(upstream);
    upstream.destroy();
    // The client already left: nobody to answer.
    if (req.socket.destroyed && (error as { code?: unknown } | null)?.code === 'ECONNRESET') return;
    up.onError(error, req, res, up.agentId);
  };
  upstream.on('error', fail);
  req.on('error', fail);
  res.on('close', () => {
    if (res.writableFinished) return;
    // The client went away before its response was complete.
    deadlines.done(upstream);
    upstream.destroy();
  });
  upstream.on('response', (upstreamRes: IncomingMessage) => {
    deadlines.done(upstream);
    if (failed || res.destroyed) {
      upstream.destroy();
      return;
    }
    try {
      writeUpstreamHead(res, upstreamRes, up.rewriteHead);
    } catch (error) {
      // A head Node will not write (a status below 100, a control character in
      // the reason): a 502, never an exception on the socket's data path. The
      // refused reason is kept on `res` by writeHead; the 502 must not reuse it.
      res.statusMessage = '';
      fail(error);
      return;
    }
    if (upstreamRes.statusCode !== undefined) up.onResponse?.(upstreamRes.statusCode, up.agentId);
    relayBody(upstreamRes, res);
  });
  if (hasRequestBody(headers)) req.pipe(upstream);
  else upstream.end();
}
