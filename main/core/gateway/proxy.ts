import { Agent, type ClientRequest, type ClientRequestArgs, type IncomingMessage, type ServerResponse } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ProxyServer } from 'http-proxy-3';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import { rewriteResponseHeaders, upstreamOriginsFor, type ResponseRewrite } from './header-rewrite.js';
import { forwardHttp, UPSTREAM_HOST, type HttpUpstream } from './http-forward.js';
import { ResponseDeadlines } from './response-deadlines.js';

/** A WebSocket upgrade's upstream request, kept on the client request (http-proxy-3 does not hand it to error handlers). */
const UPSTREAM = Symbol('upstream');
type WithUpstream = IncomingMessage & { [UPSTREAM]?: ClientRequest };

export const CONNECT_TIMEOUT_MS = 5_000;
export const RESPONSE_HEADER_TIMEOUT_MS = 30_000;

/** Why an upstream request failed, in words safe to show (no address, no token). */
export type UpstreamProblem = { status: 502 | 504; problem: string };

export class UpstreamTimeoutError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'UpstreamTimeoutError';
  }
}

export function describeUpstreamError(error: unknown): UpstreamProblem {
  if (error instanceof UpstreamTimeoutError) return { status: 504, problem: error.problem };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return { status: 502, problem: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { status: 502, problem: 'connection reset' };
  // HPE_*: Node's parser refused the response; the other two: a head it parsed but will not write (http-forward.ts).
  if (code === 'ERR_HTTP_INVALID_STATUS_CODE' || code === 'ERR_INVALID_CHAR' || (typeof code === 'string' && code.startsWith('HPE_'))) {
    return { status: 502, problem: 'invalid HTTP response' };
  }
  return { status: 502, problem: 'upstream error' };
}

export interface UpstreamHooks {
  /** The upstream failed before or while answering; the client side is yours to answer. */
  onError(error: unknown, req: IncomingMessage, res: ServerResponse | Socket, agentId: string): void;
  /** Every upstream response head (e.g. a 401 means our token is stale: ask health to re-probe). */
  onResponse?(statusCode: number, agentId: string): void;
}

/** One agent's proxy: target, bearer and header rewrite fixed per endpoint object. */
export interface AgentProxy {
  readonly endpoint: AgentEndpoint;
  web(req: IncomingMessage, res: ServerResponse): void;
  ws(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * Agent traffic (see docs/decisions/0002-http-proxy-3.md and
 * 0010-gateway-fast-path.md): one keep-alive Agent pools upstream sockets for
 * every agent; plain HTTP goes through `forwardHttp` (node:http on that
 * Agent), WebSocket upgrades through http-proxy-3. Connect and
 * response-header timers replace `proxyTimeout` (an idle timer that would
 * kill quiet SSE streams).
 */
export class UpstreamProxies {
  readonly #agent: Agent;
  readonly #hooks: UpstreamHooks;
  readonly #connectTimeoutMs: number;
  readonly #headerTimeoutMs: number;
  readonly #deadlines: ResponseDeadlines;

  constructor(hooks: UpstreamHooks, timeouts: { connectMs?: number; headerMs?: number } = {}) {
    // http-proxy-3 silently switches to its fetch code path when this is set.
    delete process.env.FORCE_FETCH_PATH;
    this.#hooks = hooks;
    this.#connectTimeoutMs = timeouts.connectMs ?? CONNECT_TIMEOUT_MS;
    this.#headerTimeoutMs = timeouts.headerMs ?? RESPONSE_HEADER_TIMEOUT_MS;
    const headerMs = this.#headerTimeoutMs;
    this.#deadlines = new ResponseDeadlines(headerMs, (proxyReq) =>
      proxyReq.destroy(new UpstreamTimeoutError(`no response within ${headerMs / 1000} s`)),
    );
    // keepAlive: pooled upstream sockets (without an agent http-proxy-3 also
    // sends `Connection: close`). Our own Agent: never an environment proxy.
    // `timeout` only ever closes idle pooled sockets (Node destroys free sockets
    // on timeout; sockets in use merely get an event nobody acts on).
    this.#agent = new Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo', timeout: 4_000 });
    const connectMs = this.#connectTimeoutMs;
    this.#agent.createConnection = (options: ClientRequestArgs): Duplex => {
      const socket = createConnection(options as NetConnectOpts);
      // Request head and body are separate writes: without this, Nagle plus
      // delayed ACKs can hold a small POST body back by tens of milliseconds.
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new UpstreamTimeoutError(`no connection within ${connectMs / 1000} s`)), connectMs);
      const clear = (): void => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('close', clear);
      return socket;
    };
  }

  /** A proxy for one endpoint. Build a new one when the endpoint object changes (token, port). */
  create(
    agentId: string,
    endpoint: AgentEndpoint,
    agentOrigin: string,
    frameAncestors: string,
    /** Replaces the agent header rules (widget hosts have their own: widgets/widget-headers.ts). */
    rewriteHeaders?: (statusCode: number | undefined, headers: IncomingMessage['headers']) => void,
  ): AgentProxy {
    const rewrite: ResponseRewrite = {
      agentOrigin,
      upstreamOrigins: upstreamOriginsFor(endpoint.port),
      csp: `frame-ancestors ${frameAncestors}`,
    };
    const rewriteHead =
      rewriteHeaders ?? ((statusCode: number | undefined, headers: IncomingMessage['headers']) => rewriteResponseHeaders(statusCode, headers, rewrite));
    const hooks = this.#hooks;
    // Built once per endpoint, so a request allocates no URL, no options template, no bearer string.
    const http: HttpUpstream = {
      agentId,
      agent: this.#agent,
      port: endpoint.port,
      hostHeader: `${UPSTREAM_HOST}:${endpoint.port}`,
      bearer: `Bearer ${endpoint.token.reveal()}`,
      deadlines: this.#deadlines,
      rewriteHead,
      onError: (error, req, res, id) => hooks.onError(error, req, res, id),
      ...(hooks.onResponse ? { onResponse: hooks.onResponse.bind(hooks) } : {}),
    };
    let websockets: ProxyServer | undefined;
    return {
      endpoint,
      web: (req, res) => forwardHttp(http, req, res),
      ws: (req, socket, head) => {
        websockets ??= this.#websocketProxy(agentId, endpoint, rewriteHead);
        websockets.ws(req, socket, head);
      },
    };
  }

  /** http-proxy-3 for one endpoint's WebSocket upgrades (docs/decisions/0002-http-proxy-3.md). */
  #websocketProxy(agentId: string, endpoint: AgentEndpoint, rewriteHead: HttpUpstream['rewriteHead']): ProxyServer {
    const proxy = new ProxyServer({
      target: new URL(`http://${UPSTREAM_HOST}:${endpoint.port}`),
      // Per-call headers reach the upstream on every pass; `req.headers` was stripped first (stripRequestHeaders).
      headers: { authorization: `Bearer ${endpoint.token.reveal()}` },
      agent: this.#agent,
      changeOrigin: true,
      xfwd: false,
    });
    const hooks = this.#hooks;
    const deadlines = this.#deadlines;
    proxy.on('proxyReqWs', (proxyReq, req) => {
      (req as WithUpstream)[UPSTREAM] = proxyReq;
      deadlines.start(proxyReq);
      // Registered before the library's own listeners, so these edits land
      // before it writes the 101 (or a refusal) to the client socket.
      proxyReq.on('upgrade', (proxyRes: IncomingMessage) => {
        deadlines.done(proxyReq);
        rewriteHead(101, proxyRes.headers);
      });
      proxyReq.on('response', (proxyRes: IncomingMessage) => {
        deadlines.done(proxyReq);
        rewriteHead(proxyRes.statusCode, proxyRes.headers);
      });
    });
    proxy.on('econnreset', () => {
      /* the client went away; the library already destroyed the upstream request */
    });
    proxy.on('error', (error, req, res) => {
      // We answer this error ourselves, so the upstream request must not live on.
      const upstream = (req as WithUpstream)[UPSTREAM];
      deadlines.done(upstream);
      upstream?.destroy();
      hooks.onError(error, req, res as ServerResponse | Socket, agentId);
    });
    return proxy;
  }

  /** Destroys every pooled and in-use upstream socket. */
  close(): void {
    this.#deadlines.close();
    this.#agent.destroy();
  }
}
