import { Agent, type ClientRequest, type ClientRequestArgs, type IncomingMessage, type ServerResponse } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ProxyServer } from 'http-proxy-3';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import { rewriteResponseHeaders, upstreamOriginsFor, type ResponseRewrite } from './header-rewrite.js';
import { ResponseDeadlines } from './response-deadlines.js';

/** The client request's upstream request, kept on the request itself (the library does not hand it to error handlers). */
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
  if (code === 'HPE_INVALID_CONSTANT' || (typeof code === 'string' && code.startsWith('HPE_'))) {
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
 * Wraps http-proxy-3 for agent traffic (see docs/decisions/0002-http-proxy-3.md):
 * one keep-alive Agent pools upstream sockets for every agent; connect and
 * response-header timers replace `proxyTimeout` (an idle timer that would kill
 * quiet SSE streams); upstream headers are edited on `proxyRes` before the
 * library copies them.
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
    // keepAlive: without an agent http-proxy-3 sends `Connection: close`.
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
    const proxy = new ProxyServer({
      target: new URL(`http://127.0.0.1:${endpoint.port}`),
      // Per-call headers reach the upstream even when `proxyReq` is skipped (Expect).
      headers: { authorization: `Bearer ${endpoint.token.reveal()}` },
      agent: this.#agent,
      changeOrigin: true,
      xfwd: false,
    });
    const hooks = this.#hooks;
    const deadlines = this.#deadlines;
    proxy.on('proxyReq', (proxyReq, req) => {
      (req as WithUpstream)[UPSTREAM] = proxyReq;
      deadlines.start(proxyReq);
    });
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
    proxy.on('proxyRes', (proxyRes, req, res) => {
      deadlines.done((req as WithUpstream)[UPSTREAM]);
      rewriteHead(proxyRes.statusCode, proxyRes.headers);
      if (proxyRes.statusCode !== undefined) hooks.onResponse?.(proxyRes.statusCode, agentId);
      // An upstream that dies mid-body: end the client's response too, or it
      // would wait forever for the rest of a keep-alive body.
      proxyRes.once('close', () => {
        if (!proxyRes.complete) res.destroy();
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
    return {
      endpoint,
      web: (req, res) => proxy.web(req, res),
      ws: (req, socket, head) => proxy.ws(req, socket, head),
    };
  }

  /** Destroys every pooled and in-use upstream socket. */
  close(): void {
    this.#deadlines.close();
    this.#agent.destroy();
  }
}
