import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AgentSource, RoutableAgent } from '../agents/agent-source.js';
import { readSessionCookie } from './cookies.js';
import { handleEnter, ENTER_PATH } from './enter.js';
import {
  refuseUpgrade,
  sendCrossSiteNavigation,
  sendJson,
  sendMisdirected,
  sendPlain,
  sendUnauthorized,
  sendUpstreamDown,
} from './error-pages.js';
import type { GrantIssuer } from './grants.js';
import { stripRequestHeaders } from './header-rewrite.js';
import { hasDuplicateHost, routeHost } from './host-router.js';
import type { AgentProxy } from './proxy.js';
import { agentVerdict, deskVerdict, isNavigation, pathProblem } from './request-policy.js';
import type { SessionStore } from './sessions.js';
import { handleStorageProbe } from './storage-probe.js';
import { handleAgentWidgetRequest, isWidgetLink } from './widgets/agent-widget-handler.js';
import type { WidgetContext } from './widgets/widget-context.js';
import { handleWidgetRequest, handleWidgetUpgrade } from './widgets/widget-host-handler.js';

/** What the handlers need from the gateway; built once per listen. */
export interface GatewayContext extends WidgetContext {
  readonly port: number;
  readonly deskHost: string;
  readonly deskOrigin: string;
  /** `frame-ancestors` sources for agent responses: the desk, plus the Electron app when present. */
  readonly frameAncestors: string;
  readonly agents: AgentSource;
  readonly sessions: SessionStore;
  readonly grants: GrantIssuer;
  readonly deskHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  readonly log: (line: string) => void;
  /** The agent's proxy for its current endpoint (cached; rebuilt when the endpoint object changes). */
  proxyFor(agent: RoutableAgent): AgentProxy | undefined;
  /** Registers an in-flight response or upgraded socket, closed if the agent's sessions are revoked. */
  track(agentId: string, stream: ServerResponse | Duplex): void;
  /** A desk login grant was used: mint the next one. */
  deskLoginUsed(): void;
}

function isEnter(url: string): boolean {
  return url.startsWith(ENTER_PATH) && (url.length === ENTER_PATH.length || url[ENTER_PATH.length] === '?');
}

export function handleRequest(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
  if (hasDuplicateHost(req.rawHeaders)) {
    sendPlain(res, 400, 'Bad request: more than one Host header.', { connection: 'close' });
    return;
  }
  const host = req.headers.host;
  const route = routeHost(host, ctx.port, ctx.agents);
  if (route.kind === 'refused') {
    sendMisdirected(res);
    return;
  }
  const url = req.url ?? '';
  const problem = pathProblem(url);
  if (problem !== undefined) {
    sendPlain(res, 400, `Bad request: ${problem}.`);
    return;
  }
  if (route.kind === 'widget') return handleWidgetRequest(ctx, req, res, route.label, expectsContinue);
  if (route.kind === 'storage-probe') return handleStorageProbe(req, res, ctx.deskOrigin);
  const frame = ctx.frameAncestors;
  if (route.kind === 'desk') {
    if (isEnter(url)) return handleEnter(ctx, req, res, route);
    const verdict = deskVerdict(req.method, req.headers, ctx.deskOrigin);
    if (verdict !== 'allow') {
      sendJson(res, 403, verdict, 'Refused: requests to the desk must come from the desk itself.', "'none'");
      return;
    }
    if (ctx.sessions.get(readSessionCookie(req.headers.cookie), host!) === undefined) {
      sendUnauthorized(res, isNavigation(req.headers), "'none'", true);
      return;
    }
    if (!ctx.deskHandler) {
      sendJson(res, 404, 'not-found', 'Nothing is served here.', "'none'");
      return;
    }
    // Defaults the desk handler may refine; the desk is never framed by anyone.
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    if (expectsContinue) res.writeContinue();
    ctx.deskHandler(req, res);
    return;
  }
  const { agent } = route;
  const verdict = agentVerdict(req.method, req.headers, host!, false);
  if (verdict !== 'allow' && !(verdict === 'cross-site-navigation' && isEnter(url))) {
    // A person who followed a link or submitted a form gets a page; scripts get JSON.
    if (verdict === 'cross-site-navigation' || isNavigation(req.headers)) sendCrossSiteNavigation(res, ctx.deskOrigin, frame);
    else sendJson(res, 403, verdict, 'Refused: another site may not call this agent.', frame);
    return;
  }
  if (isEnter(url)) return handleEnter(ctx, req, res, route);
  // The widget link is a signed capability of its own (the framed agent's cookie is partitioned away from the new tab).
  if (isWidgetLink(url)) {
    handleAgentWidgetRequest(ctx, req, res, agent);
    return;
  }
  const session = ctx.sessions.get(readSessionCookie(req.headers.cookie), host!);
  if (session === undefined || session.kind !== 'agent' || session.agentId !== agent.record.id) {
    sendUnauthorized(res, isNavigation(req.headers), frame, false);
    return;
  }
  // Widget content never renders as a document on the agent's origin.
  if (handleAgentWidgetRequest(ctx, req, res, agent)) return;
  const proxy = ctx.proxyFor(agent);
  if (proxy === undefined) {
    const reason = agent.hold ?? agent.record.reason ?? 'the workspace is not ready';
    const state = agent.hold === undefined ? agent.record.state : agent.record.health.status;
    sendUpstreamDown(res, isNavigation(req.headers), 503, { name: agent.record.name, state, problem: reason }, frame);
    return;
  }
  // The head goes upstream as a filtered copy (upstream-headers.ts); req.headers stays as the client sent it.
  if (expectsContinue) res.writeContinue();
  ctx.track(agent.record.id, res);
  proxy.web(req, res);
}

export function handleUpgrade(ctx: GatewayContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const raw = socket as Socket;
  if (hasDuplicateHost(req.rawHeaders)) return refuseUpgrade(raw, 400, 'Bad Request', 'more than one Host header');
  const host = req.headers.host;
  const route = routeHost(host, ctx.port, ctx.agents);
  if (route.kind === 'widget') {
    const problem = pathProblem(req.url);
    if (problem !== undefined) return refuseUpgrade(raw, 400, 'Bad Request', problem);
    return handleWidgetUpgrade(ctx, req, socket, head, route.label);
  }
  if (route.kind !== 'agent') {
    return route.kind === 'desk' || route.kind === 'storage-probe'
      ? refuseUpgrade(raw, 404, 'Not Found', 'no WebSocket here')
      : refuseUpgrade(raw, 421, 'Misdirected Request', 'Misdirected request: this is the Agent Desk gateway.');
  }
  const problem = pathProblem(req.url);
  if (problem !== undefined) return refuseUpgrade(raw, 400, 'Bad Request', problem);
  if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return refuseUpgrade(raw, 400, 'Bad Request', 'only WebSocket upgrades are proxied');
  }
  const verdict = agentVerdict(req.method, req.headers, host!, true);
  if (verdict !== 'allow') return refuseUpgrade(raw, 403, 'Forbidden', 'another site may not open a WebSocket to this agent');
  const { agent } = route;
  const session = ctx.sessions.get(readSessionCookie(req.headers.cookie), host!);
  if (session === undefined || session.kind !== 'agent' || session.agentId !== agent.record.id) {
    return refuseUpgrade(raw, 401, 'Unauthorized', 'no session for this host; open the agent from Agent Desk');
  }
  const proxy = ctx.proxyFor(agent);
  if (proxy === undefined) return refuseUpgrade(raw, 503, 'Service Unavailable', `${agent.record.name} is not ${agent.hold === undefined ? 'ready' : 'running'}`);
  stripRequestHeaders(req.headers, true);
  ctx.track(agent.record.id, socket);
  proxy.ws(req, socket, head);
}
