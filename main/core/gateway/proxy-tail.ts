import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RoutableAgent } from '../agents/agent-source.js';
import type { RequestContext } from './context.js';
import { refuseUpgrade, sendUpstreamDown } from './error-pages.js';
import { stripRequestHeaders } from './header-rewrite.js';
import type { AgentProxy } from './proxy.js';
import { isNavigation } from './request-policy.js';

/**
 * The last step of every proxied request, agent host or widget host: the
 * agent not ready → 503 (page for a person, JSON for a script); otherwise
 * `100 Continue` if the client waits for it, the response tracked (so a
 * revoked agent's streams end) and the request forwarded.
 *
 * The two host kinds differ only in how the 503 page is dressed, because of
 * where each is shown: an agent page lives inside the desk's frame
 * (`frameAncestors` = the desk), a widget only ever top-level on its own
 * origin (`'none'`, and `baseline` = the widget headers every answer there
 * carries — widgets/widget-headers.ts). Plain arguments, not an object, so
 * a request allocates nothing here.
 */
export function proxyRequest(
  ctx: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  agent: RoutableAgent,
  proxy: AgentProxy | undefined,
  expectsContinue: boolean,
  frameAncestors: string,
  baseline: ((res: ServerResponse) => void) | undefined,
): void {
  if (proxy === undefined) {
    baseline?.(res);
    // Held back (its container is not running, or not on its port): say so, with the health it has.
    const problem = agent.hold ?? agent.record.reason ?? 'the workspace is not ready';
    // A held agent's workspace is ready (its container is what is missing): the offline words, not "fix your .env".
    const state = agent.hold === undefined ? agent.record.state : `${agent.record.state}, ${agent.record.health.status}`;
    // Only agent hosts (no widget baseline) offer Start.
    const startable = baseline === undefined && ctx.lifecycle?.canStart(agent.record.id) === true;
    const starting = agent.record.health.status === 'starting';
    sendUpstreamDown(res, isNavigation(req.headers), 503, { name: agent.record.name, state, problem, startable, starting }, frameAncestors);
    return;
  }
  // The head goes upstream as a filtered copy (upstream-headers.ts); req.headers stays as the client sent it.
  ctx.authenticated(req);
  if (expectsContinue) res.writeContinue();
  ctx.track(agent.record.id, res);
  proxy.web(req, res);
}

/** The last step of every proxied WebSocket upgrade, agent host or widget host. */
export function proxyUpgrade(ctx: RequestContext, req: IncomingMessage, socket: Duplex, head: Buffer, agent: RoutableAgent, proxy: AgentProxy | undefined): void {
  if (proxy === undefined) {
    return refuseUpgrade(socket as Socket, 503, 'Service Unavailable', `${agent.record.name} is not ${agent.hold === undefined ? 'ready' : 'running'}`);
  }
  stripRequestHeaders(req.headers, true);
  ctx.authenticated(req);
  ctx.track(agent.record.id, socket);
  proxy.ws(req, socket, head);
}
