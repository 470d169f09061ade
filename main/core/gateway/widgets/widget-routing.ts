import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sendableEndpoint, type AgentSource, type AgentSourceChange, type RoutableAgent } from '../../agents/agent-source.js';
import type { GrantIssuer } from '../grants.js';
import { mintWidgetEnterUrl } from '../enter-urls.js';
import { hostOf, originOf } from '../../hosts/index.js';
import type { AgentProxy } from '../proxy.js';
import type { SessionStore } from '../sessions.js';
import { rewriteWidgetResponseHeaders } from './widget-headers.js';
import { WidgetHostTable, WidgetMountError, type WidgetHostEntry } from './widget-hosts.js';
import { WidgetLinkSigner } from './widget-links.js';
import { mountProblem } from './widget-policy.js';

/** Builds an upstream proxy for an agent endpoint whose response headers get `rewrite` instead of the agent rules. */
export type WidgetProxyFactory = (
  agent: RoutableAgent,
  rewrite: (statusCode: number | undefined, headers: IncomingHttpHeaders) => void,
) => AgentProxy | undefined;

export interface WidgetRoutingOptions {
  /** Per-install key (SettingsFile.installKey()); absent: a per-launch one (origins then change per run). */
  installKey?: Uint8Array;
  now?: () => number;
  sessions: SessionStore;
  grants: GrantIssuer;
  log: (line: string) => void;
  createProxy: WidgetProxyFactory;
}

/**
 * The gateway's widget state: which widget hosts route where, the signer for
 * widget links, and one proxy per widget host (its own header rules). Kept
 * in step with the agent source; a host that stops being routed loses its
 * sessions. Owned by the gateway, which calls `close()`.
 */
export class WidgetRouting {
  readonly hosts: WidgetHostTable;
  readonly links: WidgetLinkSigner;
  readonly #options: WidgetRoutingOptions;
  /** label → the proxy built for that widget host (rebuilt when the agent's endpoint object changes). */
  readonly #proxies = new Map<string, AgentProxy>();
  #port = 0;

  constructor(options: WidgetRoutingOptions) {
    this.#options = options;
    this.hosts = new WidgetHostTable(options.installKey ?? randomBytes(32));
    this.links = new WidgetLinkSigner(options.now ? { now: options.now } : {});
  }

  /** Routes every agent's listed widgets (at listen). */
  start(port: number, agents: AgentSource): void {
    this.#port = port;
    for (const record of agents.list()) {
      const agent = agents.byId(record.id);
      if (agent !== undefined) this.#sync(agent);
    }
  }

  agentChanged(change: AgentSourceChange, agents: AgentSource): void {
    if (change.kind === 'removed') {
      this.#forget(this.hosts.forgetAgent(change.id));
      return;
    }
    const agent = agents.byId(change.id);
    if (agent !== undefined) this.#sync(agent);
  }

  /** `<widget label>.localhost:PORT` of (agent, mount), or undefined before listen or for a bad mount. Routes nothing. */
  hostFor(agentId: string, mount: string): string | undefined {
    if (this.#port === 0 || mountProblem(mount) !== undefined || agentId.length === 0) return undefined;
    return hostOf(this.hosts.labelFor(agentId, mount), this.#port);
  }

  /**
   * `Gateway.widgetEnterUrl`: a fresh enter URL for (agent, mount), routing
   * that host for the rest of the run. Throws on an unknown agent or a bad
   * mount (WidgetMountError), with a message a person can act on.
   */
  enterUrl(agents: AgentSource, agentId: string, mount: string, to?: string): string {
    const agent = agents.byId(agentId);
    if (agent === undefined) throw new Error(`unknown agent "${agentId}"`);
    const problem = mountProblem(mount);
    if (problem !== undefined) throw new WidgetMountError(problem);
    return mintWidgetEnterUrl({ port: this.#port, grants: this.#options.grants, widgetHosts: this.hosts }, agent, mount, to);
  }

  proxyFor(agent: RoutableAgent, entry: WidgetHostEntry): AgentProxy | undefined {
    const endpoint = sendableEndpoint(agent);
    if (endpoint === undefined) return undefined;
    const cached = this.#proxies.get(entry.label);
    if (cached !== undefined && cached.endpoint === endpoint) return cached;
    const origin = originOf(entry.label, this.#port);
    const log = this.#options.log;
    const created = this.#options.createProxy(agent, (statusCode, headers) => {
      if (rewriteWidgetResponseHeaders(statusCode, headers, origin).redirectBlocked) {
        log(`gateway: widget ${entry.mount} of ${entry.agentId} redirected off its host; sent to the blocked-redirect page`);
      }
    });
    if (created !== undefined) this.#proxies.set(entry.label, created);
    return created;
  }

  close(): void {
    this.hosts.clear();
    this.#proxies.clear();
  }

  #sync(agent: RoutableAgent): void {
    this.#forget(this.hosts.syncAgent(agent.record.id, agent.widgets.map((widget) => widget.mount)));
  }

  #forget(labels: string[]): void {
    for (const label of labels) {
      this.#proxies.delete(label);
      if (this.#port !== 0) this.#options.sessions.revokeHost(hostOf(label, this.#port));
    }
  }
}
