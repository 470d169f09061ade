import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendableEndpoint, type AgentSourceChange, type RoutableAgent } from '../agents/agent-source.js';
import { DESK_LABEL, hostLabel, hostOf, isWidgetLabel, originOf } from '../hosts/index.js';
import { ConnectionBounds, serverOptions } from './connection-bounds.js';
import type { RequestContext } from './context.js';
import { DeskLogin } from './desk-login.js';
import { handleRequest, handleUpgrade } from './dispatch.js';
import { mintAgentEnterUrl } from './enter-urls.js';
import { refuseUpgrade, sendPlain, sendUpstreamDown } from './error-pages.js';
import { GrantIssuer } from './grants.js';
import { createHostRouter } from './host-router.js';
import { UpstreamProxies, type AgentProxy } from './proxy.js';
import { InflightStreams } from './inflight.js';
import { closeServers, DEFAULT_BIND_HOSTS, isAbsentAddress, listenError, listenOn } from './listen.js';
import { isNavigation } from './request-policy.js';
import { SessionStore } from './sessions.js';
import { DeskTokens } from './desk-tokens.js';
import { frameAncestorsFor, type Gateway, type GatewayOptions } from './gateway-types.js';
import { setWidgetBaseline } from './widgets/widget-headers.js';
import { WidgetRouting } from './widgets/widget-routing.js';

export { GatewayListenError } from './listen.js';
export { frameAncestorsFor, type Gateway, type GatewayOptions } from './gateway-types.js';

export function createGateway(options: GatewayOptions): Gateway {
  return new LoopbackGateway(options);
}

class LoopbackGateway implements Gateway {
  readonly #options: GatewayOptions;
  readonly #log: (line: string) => void;
  readonly #sessions: SessionStore;
  readonly #deskTokens = new DeskTokens();
  readonly #grants: GrantIssuer;
  readonly #proxies: UpstreamProxies;
  readonly #proxyCache = new Map<string, AgentProxy>();
  readonly #inflight = new InflightStreams();
  readonly #lastRequestAt = new Map<string, number>();
  readonly #bounds: ConnectionBounds;
  readonly #servers: Server[] = [];
  readonly #deskLogin: DeskLogin;
  readonly #widgets: WidgetRouting;
  #port = 0;
  #context: RequestContext | undefined;
  #unsubscribe: (() => void) | undefined;
  #closed = false;
  #listenCalled = false;

  constructor(options: GatewayOptions) {
    this.#options = options;
    this.#log = options.log ?? (() => {});
    this.#bounds = new ConnectionBounds(options.connections);
    const now = options.now ?? Date.now;
    this.#sessions = new SessionStore({
      now,
      ...(options.maxSessions ? { maxSessions: options.maxSessions } : {}),
      ...(options.maxSessionsPerAgent ? { maxSessionsPerAgent: options.maxSessionsPerAgent } : {}),
    });
    this.#grants = new GrantIssuer({ now });
    this.#deskLogin = new DeskLogin(this.#grants, this.#log);
    const agents = options.agents;
    this.#proxies = new UpstreamProxies(
      {
        onError: (error, req, res, agentId) => this.#upstreamFailed(error, req, res, agentId),
        // A 401 to our token means it may be stale: health decides when to look (it coalesces bursts).
        onResponse: (status, agentId) => {
          if (status === 401) agents.requestProbe?.(agentId);
        },
      },
      { connectMs: options.connectTimeoutMs, headerMs: options.responseHeaderTimeoutMs },
      options.upstream,
    );
    this.#widgets = new WidgetRouting({
      ...(options.installKey ? { installKey: options.installKey } : {}),
      now,
      sessions: this.#sessions,
      grants: this.#grants,
      log: this.#log,
      createProxy: (agent, rewrite) => {
        const endpoint = sendableEndpoint(agent);
        return endpoint && this.#proxies.create(agent.record.id, endpoint, originOf(agent.record.label, this.#port), "'none'", rewrite);
      },
    });
  }

  get port(): number {
    return this.#port;
  }

  async listen(): Promise<void> {
    if (this.#listenCalled) throw new Error('listen() was already called on this gateway');
    if (this.#closed) throw new Error('the gateway was closed; create a new one');
    this.#listenCalled = true;
    const hosts = this.#options.bindHosts ?? DEFAULT_BIND_HOSTS;
    let port = this.#options.port;
    const bound: string[] = [];
    for (const [index, host] of hosts.entries()) {
      const server = this.#createServer();
      try {
        port = await listenOn(server, host, port);
        server.on('error', (error: NodeJS.ErrnoException) => this.#log(`gateway: server error on ${host} (${error.code ?? 'unknown'})`));
        this.#servers.push(server);
        bound.push(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
        if (index > 0 && isAbsentAddress(code)) continue;
        await closeServers(this.#servers.splice(0));
        throw listenError(code, port, host);
      }
    }
    this.#port = port;
    const deskHost = hostOf(DESK_LABEL, port);
    this.#context = this.#createContext(deskHost);
    this.#widgets.start(port, this.#options.agents);
    this.#unsubscribe = this.#options.agents.onChange((change) => this.#agentChanged(change));
    this.#deskLogin.start(port);
    this.#log(`gateway: listening on ${bound.join(', ')} port ${port}`);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#sessions.revokeAll();
    this.#deskTokens.revokeAll();
    this.#grants.revokeAll();
    this.#deskLogin.close();
    this.#inflight.endUpgraded();
    await closeServers(this.#servers.splice(0));
    this.#bounds.close();
    await this.#proxies.close();
    this.#proxyCache.clear();
    this.#widgets.close();
  }

  origin(label: string): string {
    return originOf(label, this.#requirePort());
  }

  deskLoginUrl(): string {
    this.#requirePort();
    return this.#deskLogin.url();
  }

  onDeskLogin(listener: (nextLoginUrl: string) => void): () => void {
    return this.#deskLogin.onLogin(listener);
  }

  agentEnterUrl(agentId: string, to?: string): string {
    const port = this.#requirePort();
    const agent = this.#options.agents.byId(agentId);
    if (agent === undefined) throw new Error(`unknown agent "${agentId}"`);
    return mintAgentEnterUrl({ port, grants: this.#grants }, agent, to);
  }

  widgetEnterUrl(agentId: string, mount: string, to?: string): string {
    this.#requirePort();
    return this.#widgets.enterUrl(this.#options.agents, agentId, mount, to);
  }

  widgetHost(agentId: string, mount: string): string | undefined {
    return this.#closed ? undefined : this.#widgets.hostFor(agentId, mount);
  }

  /** Connections open across the gateway's listeners (what the cap counts). */
  get openConnections(): number {
    return this.#bounds.openConnections;
  }

  lastRequestAt(agentId: string): number | undefined {
    // A stream still open (an agent page's event stream or WebSocket) is use going on now.
    if (this.#inflight.hasOpen(agentId)) return Date.now();
    return this.#lastRequestAt.get(agentId);
  }

  #requirePort(): number {
    if (this.#port === 0 || this.#closed) throw new Error('the gateway is not listening');
    return this.#port;
  }

  #createServer(): Server {
    const server = createServer(serverOptions(this.#bounds.limits));
    this.#bounds.watch(server);
    server.on('request', (req, res) => this.#handle(req, res, false));
    // Handled here so a refused request never gets a `100 Continue` first.
    server.on('checkContinue', (req, res) => this.#handle(req, res, true));
    // Without a listener Node closes CONNECT without a word; the gateway is no forward proxy, and says so.
    server.on('connect', (_req, socket: Socket) => {
      if (this.#bounds.isRefused(socket)) return;
      socket.on('error', () => socket.destroy());
      refuseUpgrade(socket, 405, 'Method Not Allowed', 'CONNECT is not served: the Agent Desk gateway is not a proxy');
    });
    server.on('upgrade', (req, socket, head) => {
      if (this.#bounds.isRefused(socket as Socket)) return;
      socket.on('error', () => socket.destroy());
      if (this.#context === undefined) return refuseUpgrade(socket as Socket, 503, 'Service Unavailable', 'starting');
      try {
        handleUpgrade(this.#context, req, socket, head);
      } catch (error) {
        this.#log(`gateway: internal error on upgrade (${error instanceof Error ? error.name : typeof error})`);
        socket.destroy();
      }
    });
    return server;
  }

  /** A bug in a handler (ours or the desk's) costs one request, never the process. */
  #handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    if (this.#bounds.isRefused(req.socket)) return;
    this.#bounds.armBodyDeadline(req);
    const context = this.#context;
    if (context === undefined) {
      sendPlain(res, 503, 'The Agent Desk gateway is starting; try again.');
      return;
    }
    try {
      handleRequest(context, req, res, expectsContinue);
    } catch (error) {
      this.#log(`gateway: internal error (${error instanceof Error ? error.name : typeof error})`);
      if (res.headersSent) res.destroy();
      else sendPlain(res, 500, 'Internal error in the Agent Desk gateway.');
    }
  }

  #createContext(deskHost: string): RequestContext {
    const port = this.#port;
    const deskOrigin = `http://${deskHost}`;
    const frameAncestors = frameAncestorsFor(deskOrigin, this.#options.embedderOrigins);
    return {
      port,
      deskHost,
      deskOrigin,
      frameAncestors,
      agents: this.#options.agents,
      routeHost: createHostRouter(port, this.#options.agents),
      sessions: this.#sessions,
      deskTokens: this.#deskTokens,
      grants: this.#grants,
      deskHandler: this.#options.deskHandler,
      log: this.#log,
      proxyFor: (agent) => this.#proxyFor(agent, frameAncestors),
      track: (agentId, stream) => {
        // Idle stop reads this: one number written per request (an existing key: no allocation).
        this.#lastRequestAt.set(agentId, Date.now());
        this.#inflight.add(agentId, stream, !('writeHead' in stream));
      },
      widgetHosts: this.#widgets.hosts,
      widgetLinks: this.#widgets.links,
      widgetProxyFor: (agent, entry) => this.#widgets.proxyFor(agent, entry),
      deskLoginUsed: () => this.#deskLogin.used(),
      authenticated: (req) => this.#bounds.authenticated(req),
      lifecycle: this.#options.lifecycle,
    };
  }

  #proxyFor(agent: RoutableAgent, frameAncestors: string): AgentProxy | undefined {
    const endpoint = sendableEndpoint(agent);
    if (endpoint === undefined) return undefined;
    const id = agent.record.id;
    const cached = this.#proxyCache.get(id);
    // Identity check: a changed endpoint (token, port) is a new object, so the
    // next request uses it even before the change event arrives.
    if (cached !== undefined && cached.endpoint === endpoint) return cached;
    const created = this.#proxies.create(id, endpoint, originOf(agent.record.label, this.#port), frameAncestors);
    this.#proxyCache.set(id, created);
    return created;
  }

  /**
   * Removal or a token change revokes the agent's sessions and ends its
   * in-flight streams: nothing keeps running on an authority that was
   * withdrawn. The UI reopens the agent with a fresh grant.
   */
  #agentChanged(change: AgentSourceChange): void {
    this.#widgets.agentChanged(change, this.#options.agents);
    if (change.kind === 'added') return;
    if (change.kind === 'removed') this.#lastRequestAt.delete(change.id);
    if (change.kind === 'updated' && !change.tokenChanged && !change.endpointChanged) return;
    this.#proxyCache.delete(change.id);
    if (change.kind === 'updated' && !change.tokenChanged) return;
    const revoked = this.#sessions.revokeAgent(change.id);
    const ended = this.#inflight.endAgent(change.id);
    const why = change.kind === 'removed' ? 'removed' : 'token changed';
    this.#log(`gateway: agent ${change.id} ${why}; revoked ${revoked} session(s), closed ${ended} stream(s)`);
  }

  #upstreamFailed(error: unknown, req: IncomingMessage, res: ServerResponse | Socket, agentId: string): void {
    const { status, problem } = this.#proxies.describe(error);
    this.#log(`gateway: upstream of ${agentId} failed (${problem})`);
    if (!('writeHead' in res)) {
      // The same words as the pages: a timeout is not "offline" (agent-pages.ts).
      const what = status === 504 ? 'did not answer in time' : 'cannot be reached';
      refuseUpgrade(res, status, status === 504 ? 'Gateway Timeout' : 'Bad Gateway', `the agent ${what} (${problem})`);
      return;
    }
    // On a widget host: the widget baseline, never framed.
    const widget = isWidgetLabel(hostLabel(req.headers.host, this.#port) ?? '');
    if (widget) setWidgetBaseline(res);
    const agent = this.#options.agents.byId(agentId);
    const info = {
      name: agent?.record.name ?? 'This agent',
      state: agent ? `${agent.record.state}, ${agent.record.health.status}` : 'removed',
      problem,
      // Widget hosts serve nothing but their widget: no controls there.
      startable: !widget && agent !== undefined && this.#options.lifecycle?.canStart(agentId) === true,
      restartable: !widget && agent !== undefined && this.#options.lifecycle?.canRestart(agentId) === true,
      starting: agent?.record.health.status === 'starting',
    };
    sendUpstreamDown(res, isNavigation(req.headers), status, info, widget ? "'none'" : (this.#context?.frameAncestors ?? "'none'"));
  }
}
