import type { RoutableAgent } from '../agents/agent-source.js';
import type { GrantIssuer } from './grants.js';
import { hostOf, originOf } from '../hosts/index.js';
import { agentHome, ENTER_PATH } from './paths.js';
import type { WidgetHostTable } from './widgets/widget-hosts.js';
import { widgetTarget } from './widgets/widget-links.js';

/**
 * Minting enter URLs: a single-use grant bound to one host (and agent, and
 * mount), in a URL on that host. The gateway's public `agentEnterUrl` and
 * `widgetEnterUrl`, the widget links and the agent host's widget redirects
 * all come here.
 */
export interface EnterUrlMinter {
  readonly port: number;
  readonly grants: GrantIssuer;
  readonly widgetHosts: WidgetHostTable;
}

/** A fresh enter URL on the agent's host; `to` defaults to the agent's base path. */
export function mintAgentEnterUrl(minter: Pick<EnterUrlMinter, 'port' | 'grants'>, agent: RoutableAgent, to?: string): string {
  const label = agent.record.label;
  const grant = minter.grants.mint({ host: hostOf(label, minter.port), kind: 'agent', agent: agent.record.id });
  const target = to ?? agentHome(agent.endpoint?.basePath);
  return `${originOf(label, minter.port)}${ENTER_PATH}?g=${grant}&to=${encodeURIComponent(target)}`;
}

/**
 * A fresh enter URL for (agent, mount): routes the widget host for the rest
 * of the run (an explicit open) and mints a ≤ 60 s single-use grant of kind
 * `widget` bound to that host, agent and mount. `to` is kept only when it is
 * a path inside the widget's tree. `link`: the id of the widget link that
 * asked (its grants are counted against that link).
 */
export function mintWidgetEnterUrl(minter: EnterUrlMinter, agent: RoutableAgent, mount: string, to?: string, link?: string): string {
  const entry = minter.widgetHosts.open(agent.record.id, mount);
  const host = hostOf(entry.label, minter.port);
  const grant = minter.grants.mint({ host, kind: 'widget', agent: agent.record.id, mount, ...(link !== undefined ? { link } : {}) });
  const target = widgetTarget(to, agent.endpoint?.basePath ?? '', mount);
  return `${originOf(entry.label, minter.port)}${ENTER_PATH}?g=${grant}&to=${encodeURIComponent(target)}`;
}

/** The desk login URL for a desk grant. */
export function deskEnterUrl(port: number, grant: string, deskLabel: string): string {
  return `${originOf(deskLabel, port)}${ENTER_PATH}?g=${grant}`;
}
