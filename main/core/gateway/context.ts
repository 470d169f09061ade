import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AgentSource, RoutableAgent } from '../agents/agent-source.js';
import type { GatewayLifecycle } from './gateway-types.js';
import type { GrantIssuer } from './grants.js';
import type { HostRouter } from './host-router.js';
import type { AgentProxy } from './proxy.js';
import type { DeskTokens } from './desk-tokens.js';
import type { SessionStore } from './sessions.js';
import type { WidgetHostEntry, WidgetHostTable } from './widgets/widget-hosts.js';
import type { WidgetLinkSigner } from './widgets/widget-links.js';

/**
 * What every host handler (desk, agent, widget) needs from the gateway;
 * built once per listen. Its own module, imported by handlers and by the
 * gateway alike, so no handler imports another to get it.
 */
export interface RequestContext {
  readonly port: number;
  readonly deskHost: string;
  readonly deskOrigin: string;
  /** `frame-ancestors` sources for agent responses: the desk, plus the Electron app when present. */
  readonly frameAncestors: string;
  readonly agents: AgentSource;
  /** This gateway's Host header classifier (its port, its agents). */
  readonly routeHost: HostRouter;
  readonly sessions: SessionStore;
  /** Desk API bearers, one per desk login. */
  readonly deskTokens: DeskTokens;
  readonly grants: GrantIssuer;
  readonly widgetHosts: WidgetHostTable;
  readonly widgetLinks: WidgetLinkSigner;
  readonly deskHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  readonly log: (line: string) => void;
  /** For the offline page's Start button (agent hosts only). */
  readonly lifecycle: GatewayLifecycle | undefined;
  /** The agent's proxy for its current endpoint (cached; rebuilt when the endpoint object changes). */
  proxyFor(agent: RoutableAgent): AgentProxy | undefined;
  /** The proxy for one widget host (its own header rules); undefined when the agent is not ready. */
  widgetProxyFor(agent: RoutableAgent, entry: WidgetHostEntry): AgentProxy | undefined;
  /** Registers an in-flight response or upgraded socket, closed if the agent's sessions are revoked. */
  track(agentId: string, stream: ServerResponse | Duplex): void;
  /** A desk login grant was used: mint the next one. */
  deskLoginUsed(): void;
  /** The request carries a valid session or desk bearer: no deadline on its body (connection-bounds.ts). */
  authenticated(req: IncomingMessage): void;
}
