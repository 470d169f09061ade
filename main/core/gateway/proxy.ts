import { Agent, type ClientRequest, type ClientRequestArgs, type IncomingMessage, type ServerResponse } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProxyServer } from 'http-proxy-3';
import { lazyModule } from '../lazy-module.js';
import { agentTarget, UpstreamClient, UpstreamTimeoutError, type AgentTarget, type UpstreamFailure } from '../upstream/index.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import { agentResponseCsp, rewriteResponseHeaders, upstreamOriginsFor, type ResponseRewrite } from './header-rewrite.js';
import { forwardHttp, type HttpUpstream } from './http-forward.js';
import { ResponseDeadlines } from './response-deadlines.js';

/** Loaded with the first WebSocket upgrade: most agents' pages never make one. */
const httpProxy = lazyModule('http-proxy-3');

/** A WebSocket upgrade's upstream request, kept on the client request (http-proxy-3 does not hand it to error handlers). */
const UPSTREAM = Symbol('upstream');
type WithUpstream = IncomingMessage & { [UPSTREAM]?: ClientRequest };

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
 * Agent traffic (docs/decisions/0014-undici-upstream.md): plain HTTP goes
 * through `forwardHttp` on the agent origin's undici pool (the gateway's
 * UpstreamClient); WebSocket upgrades through http-proxy-3 on a node:http
 * keep-alive Agent (0002), with the same connect and response-header
 * deadlines, and errors described by the same mapping.
 */
export class UpstreamProxies {
  readonly #client: UpstreamClient;
  /** Whether close() closes the client: only one we made. */
  readonly #ownsClient: boolean;
  readonly #hooks: UpstreamHooks;
  #websocketAgent: Agent | undefined;
  #deadlines: ResponseDeadlines | undefined;

  /** `client`: agent traffic goes through it and its deadlines apply; absent, one is made with `timeouts` and closed with this. */
  constructor(hooks: UpstreamHooks, timeouts: { connectMs?: number; headerMs?: number } = {}, client?: UpstreamClient) {
    // http-proxy-3 silently switches to its fetch code path when this is set.
    delete process.env.FORCE_FETCH_PATH;
    this.#hooks = hooks;
    this.#ownsClient = client === undefined;
    this.#client = client ?? new UpstreamClient({ connectTimeoutMs: timeouts.connectMs, headersTimeoutMs: timeouts.headerMs });
  }

  describe(error: unknown): UpstreamFailure {
    return this.#client.describe(error);
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
    const target = agentTarget(endpoint);
    const rewrite: ResponseRewrite = {
      agentOrigin,
      upstreamOrigins: upstreamOriginsFor(endpoint.port),
      csp: agentResponseCsp(frameAncestors),
    };
    const rewriteHead =
      rewriteHeaders ?? ((statusCode: number | undefined, headers: IncomingMessage['headers']) => rewriteResponseHeaders(statusCode, headers, rewrite));
    const hooks = this.#hooks;
    // Built once per endpoint, so a request allocates no URL, no options template, no bearer string.
    const http: HttpUpstream = {
      agentId,
      pool: this.#client.pool(target.origin),
      client: this.#client,
      authorization: target.authorization,
      rewriteHead,
      onError: (error, req, res, id) => hooks.onError(error, req, res, id),
      ...(hooks.onResponse ? { onResponse: hooks.onResponse.bind(hooks) } : {}),
    };
    let websockets: ProxyServer | undefined;
    return {
      endpoint,
      web: (req, res) => forwardHttp(http, req, res),
      ws: (req, socket, head) => {
        websockets ??= this.#websocketProxy(agentId, target, rewriteHead);
        websockets.ws(req, socket, head);
      },
    };
  }

  /** The keep-alive Agent for upgrades, made on the first one; its createConnection carries the connect deadline. */
  #agent(): Agent {
    if (this.#websocketAgent !== undefined) return this.#websocketAgent;
    // keepAlive: without an agent http-proxy-3 sends `Connection: close`. Our
    // own Agent: never an environment proxy. `timeout` only ever closes idle
    // pooled sockets.
    const agent = new Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo', timeout: 4_000 });
    const connectMs = this.#client.deadlines.connectMs;
    agent.createConnection = (options: ClientRequestArgs): Duplex => {
      const socket = createConnection(options as NetConnectOpts);
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new UpstreamTimeoutError('UND_ERR_CONNECT_TIMEOUT')), connectMs);
      const clear = (): void => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('close', clear);
      return socket;
    };
    this.#websocketAgent = agent;
    return agent;
  }

  /** http-proxy-3 for one endpoint's WebSocket upgrades (docs/decisions/0002-http-proxy-3.md). */
  #websocketProxy(agentId: string, target: AgentTarget, rewriteHead: HttpUpstream['rewriteHead']): ProxyServer {
    const proxy = new (httpProxy().ProxyServer)({
      target: new URL(target.origin),
      // Per-call headers reach the upstream on every pass; `req.headers` was stripped first (stripRequestHeaders).
      headers: { authorization: target.authorization },
      agent: this.#agent(),
      changeOrigin: true,
      xfwd: false,
    });
    const hooks = this.#hooks;
    this.#deadlines ??= new ResponseDeadlines(this.#client.deadlines.headersMs, (proxyReq) =>
      proxyReq.destroy(new UpstreamTimeoutError('UND_ERR_HEADERS_TIMEOUT')),
    );
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
  async close(): Promise<void> {
    this.#deadlines?.close();
    this.#websocketAgent?.destroy();
    if (this.#ownsClient) await this.#client.close();
  }
}
