import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { headersFromRaw, InvalidUpstreamResponseError, isReplayable, type UpstreamClient } from '../upstream/index.js';
import { sendPlain } from './error-pages.js';
import { isDroppedResponseHeader } from './header-rewrite.js';
import { hasRequestBody, isChunkedOnly, upstreamPath, upstreamRequestHeaders } from './upstream-headers.js';

/**
 * One endpoint's plain-HTTP upstream, fixed when the endpoint object is:
 * everything a request needs that does not depend on the request (Go's
 * ReverseProxy keeps the same per-target state in its Director).
 */
export interface HttpUpstream {
  readonly agentId: string;
  /** The undici pool of the agent's origin (keep-alive, deadlines: upstream/upstream-client.ts). */
  readonly pool: Dispatcher;
  readonly client: UpstreamClient;
  /** `Bearer <token>` (upstream/upstream-target.ts): replaces whatever the client sent. */
  readonly authorization: string;
  /** Agent or widget rules, editing the upstream head in place (header-rewrite.ts, widgets/widget-headers.ts). */
  readonly rewriteHead: (statusCode: number | undefined, headers: IncomingHttpHeaders) => void;
  onError(error: unknown, req: IncomingMessage, res: ServerResponse | Socket, agentId: string): void;
  onResponse?(statusCode: number, agentId: string): void;
}

/**
 * Sends the upstream's head to the client: our header rules first, then
 * what is hop-by-hop on the way back (Node frames the client's response
 * itself — chunked, or close-delimited for HTTP/1.0 — and keeps or closes
 * the client's connection by the client's own request). Throws on a head
 * Node will not write (a control character in the reason, a bad value).
 */
export function writeUpstreamHead(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: IncomingHttpHeaders,
  rewriteHead: HttpUpstream['rewriteHead'],
): void {
  rewriteHead(status, headers);
  delete headers.connection;
  delete headers['transfer-encoding'];
  delete headers.upgrade;
  if (statusText) res.writeHead(status, statusText, headers);
  else res.writeHead(status, headers);
}

const FORWARD = Symbol('forward');
type ForwardedResponse = ServerResponse & { [FORWARD]?: Forward };

/** Shared listeners (no closure per request): the response carries its Forward. */
function onResponseClose(this: ForwardedResponse): void {
  // The client went away before its response was complete.
  if (!this.writableFinished) this[FORWARD]?.clientLeft();
}

function onResponseDrain(this: ForwardedResponse): void {
  this[FORWARD]?.resumeUpstream();
}

/** Sends a request again on the next tick, out of undici's error handling for the failed one. */
function dispatchAgain(forward: Forward, up: HttpUpstream, options: Dispatcher.DispatchOptions): void {
  up.pool.dispatch(options, forward);
}

const WAITING = 0;
const STREAMING = 1;
const ENDED = 2;

/**
 * One proxied request as an undici dispatch handler, in the steps of Go's
 * ReverseProxy: the filtered head with the bearer, the client's body
 * streamed with its framing, the response head rewritten and written, the
 * body relayed with backpressure (a full client buffer pauses undici's
 * parser until `drain`).
 *
 * - Errors before the response head go to `onError` (the offline page or
 *   JSON 502/504); a head Node will not write, or a status below 100, is a 502.
 * - A client that leaves aborts the upstream request: undici destroys that
 *   socket, so no pool slot stays busy with an answer nobody reads.
 * - An upstream that dies mid-body ends the client's response with an error
 *   (the client sees the truncation instead of waiting for the rest).
 * - A reset before any answer, on a bodiless GET/HEAD/OPTIONS/TRACE, is sent
 *   once more: a pooled socket the agent closed between requests fails the
 *   next request that way. Never for other requests (upstream-errors.ts).
 *
 * It uses undici's handler protocol its `Request` speaks itself (onConnect,
 * onHeaders, onData, onComplete, onError): raw header buffers, no wrapper
 * objects per request.
 */
class Forward implements Dispatcher.DispatchHandler {
  private readonly up: HttpUpstream;
  private readonly req: IncomingMessage;
  private readonly res: ForwardedResponse;
  private readonly options: Dispatcher.DispatchOptions;
  private abortUpstream: ((error?: Error) => void) | undefined = undefined;
  private resume: (() => void) | undefined = undefined;
  private state = WAITING;
  private gone = false;
  private retried = false;

  constructor(up: HttpUpstream, req: IncomingMessage, res: ForwardedResponse, options: Dispatcher.DispatchOptions) {
    this.up = up;
    this.req = req;
    this.res = res;
    this.options = options;
  }

  clientLeft(): void {
    this.gone = true;
    const abort = this.abortUpstream;
    if (abort !== undefined) {
      this.abortUpstream = undefined;
      abort();
    }
  }

  resumeUpstream(): void {
    this.resume?.();
  }

  onConnect(abort: (error?: Error) => void): void {
    // The client left while the request waited for a socket: end it now.
    if (this.gone) abort();
    else this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    if (statusCode < 200) {
      // 1xx: informational, not relayed (the client's 100 Continue was ours). Below 100: not HTTP.
      if (statusCode >= 100) return true;
      throw new InvalidUpstreamResponseError();
    }
    const res = this.res;
    if (this.gone || res.destroyed) return false;
    this.resume = resume;
    try {
      writeUpstreamHead(res, statusCode, statusText, headersFromRaw(rawHeaders, isDroppedResponseHeader), this.up.rewriteHead);
    } catch (error) {
      // Thrown here, undici aborts the request and calls onError: a 502. The
      // refused reason is kept on `res` by writeHead; the 502 must not reuse it.
      res.statusMessage = '';
      throw error;
    }
    this.state = STREAMING;
    this.up.onResponse?.(statusCode, this.up.agentId);
    return true;
  }

  onData(chunk: Buffer): boolean {
    const res = this.res;
    if (res.write(chunk) || res.destroyed) return true;
    res.once('drain', onResponseDrain);
    return false;
  }

  onComplete(): void {
    this.state = ENDED;
    this.abortUpstream = undefined;
    this.res.end();
  }

  onError(error: Error): void {
    this.abortUpstream = undefined;
    const res = this.res;
    if (this.state !== WAITING) {
      // Mid-body: the head is out, so the truncation is all we can say.
      this.state = ENDED;
      res.destroy();
      return;
    }
    // The client already left: nobody to answer.
    if (this.gone || res.destroyed) return;
    if (!this.retried && isReplayable(this.options.method, this.options.body != null) && this.up.client.describe(error).kind === 'reset') {
      this.retried = true;
      process.nextTick(dispatchAgain, this, this.up, this.options);
      return;
    }
    this.state = ENDED;
    this.up.onError(error, this.req, res, this.up.agentId);
  }
}

/**
 * Proxies one plain HTTP request (no upgrade) through the agent's undici
 * pool (see `Forward`). A request undici refuses to build (a header value
 * it will not send) fails through `onError` like any upstream error.
 */
export function forwardHttp(up: HttpUpstream, req: IncomingMessage, res: ServerResponse): void {
  const headers = req.headers;
  const transferEncoding = headers['transfer-encoding'];
  if (transferEncoding !== undefined && !isChunkedOnly(transferEncoding)) {
    // undici frames a body only as Content-Length or chunked: a `gzip, chunked` body would reach the agent without its gzip.
    sendPlain(res, 501, 'Not implemented: request bodies with a transfer coding other than chunked are not forwarded.', { connection: 'close' });
    return;
  }
  const options: Dispatcher.DispatchOptions = {
    method: req.method as Dispatcher.HttpMethod,
    path: upstreamPath(req.url ?? '/'),
    headers: upstreamRequestHeaders(headers, up.authorization),
    body: hasRequestBody(headers) ? req : null,
  };
  const forward = new Forward(up, req, res, options);
  const forwarded = res as ForwardedResponse;
  forwarded[FORWARD] = forward;
  res.on('close', onResponseClose);
  up.pool.dispatch(options, forward);
}
