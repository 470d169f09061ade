import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AgentSource, RoutableAgent } from '../../agents/agent-source.js';
import { ENTER_PATH } from '../enter.js';
import { sendPage } from '../error-pages.js';
import type { GrantIssuer } from '../grants.js';
import { originOf } from '../host-router.js';
import type { AgentProxy } from '../proxy.js';
import type { SessionStore } from '../sessions.js';
import { setWidgetBaseline } from './widget-headers.js';
import type { WidgetHostEntry, WidgetHostTable } from './widget-hosts.js';
import type { WidgetLinkSigner } from './widget-links.js';
import { widgetTarget } from './widget-links.js';
import type { PageText } from './widget-pages.js';

/** What the widget handlers need from the gateway (a subset of its request context). */
export interface WidgetContext {
  readonly port: number;
  readonly deskOrigin: string;
  /** `frame-ancestors` sources of agent pages (the desk, and the Electron app when present). */
  readonly frameAncestors: string;
  readonly agents: AgentSource;
  readonly sessions: SessionStore;
  readonly grants: GrantIssuer;
  readonly widgetHosts: WidgetHostTable;
  readonly widgetLinks: WidgetLinkSigner;
  readonly log: (line: string) => void;
  /** The proxy for one widget host (its own header rewrite); undefined when the agent is not ready. */
  widgetProxyFor(agent: RoutableAgent, entry: WidgetHostEntry): AgentProxy | undefined;
  track(agentId: string, stream: ServerResponse | Duplex): void;
}

export function widgetHostOf(label: string, port: number): string {
  return `${label}.localhost:${port}`;
}

/**
 * A fresh enter URL for (agent, mount): routes the widget host for the rest
 * of the run (an explicit open) and mints a ≤ 60 s single-use grant of kind
 * `widget` bound to that host, agent and mount. `to` is kept only when it is
 * a path inside the widget's tree.
 */
export function mintWidgetEnterUrl(
  ctx: Pick<WidgetContext, 'port' | 'grants' | 'widgetHosts'>,
  agent: RoutableAgent,
  mount: string,
  to?: string,
): string {
  const entry = ctx.widgetHosts.open(agent.record.id, mount);
  const host = widgetHostOf(entry.label, ctx.port);
  const grant = ctx.grants.mint({ host, kind: 'widget', agent: agent.record.id, mount });
  const target = widgetTarget(to, agent.endpoint?.basePath ?? '', mount);
  return `${originOf(entry.label, ctx.port)}${ENTER_PATH}?g=${grant}&to=${encodeURIComponent(target)}`;
}

/** A gateway page on a widget host: the widget baseline, never framed. */
export function sendWidgetPage(res: ServerResponse, page: PageText): void {
  if (!res.headersSent) setWidgetBaseline(res);
  sendPage(res, page.status, page.title, page.body, "'none'");
}
