import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RoutableAgent } from '../agents/agent-source.js';
import type { RequestContext } from './context.js';
import { readSessionCookie, sessionSetCookie } from './cookies.js';
import { handleEnter, type EnterRules } from './enter.js';
import { refuseUpgrade, sendCrossSiteNavigation, sendExpiredGrant, sendJson, sendUnauthorized } from './error-pages.js';
import { agentHome, isEnterPath, isStartPath } from './paths.js';
import { handleAgentStart } from './agent-start.js';
import { proxyRequest, proxyUpgrade } from './proxy-tail.js';
import { agentVerdict, isCrossSiteNavigation, isNavigation, safeRedirectTarget } from './request-policy.js';
import { handleAgentWidgetRequest, isWidgetLink } from './widgets/agent-widget-handler.js';

function agentEnterRules(ctx: RequestContext, agent: RoutableAgent): EnterRules {
  const agentId = agent.record.id;
  const frame = ctx.frameAncestors;
  return {
    refused: 'a grant on the agent host',
    accepts: (claims) => claims.kind === 'agent' && claims.agent === agentId,
    session: { kind: 'agent', agentId },
    cookie: (id) => sessionSetCookie(id, 'agent'),
    target: (to) => safeRedirectTarget(to, agentHome(agent.endpoint?.basePath)),
    expired: (res) => sendExpiredGrant(res, frame, false),
    baseline: undefined,
    headers: { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' },
    // Framed by the desk or opened from it: a 302 would keep the desk as the chain's initiator and
    // the landing request would arrive cross-site (refused); the refresh page makes it same-origin.
    crossSite: isCrossSiteNavigation,
    page: { title: 'Opening…', csp: `default-src 'none'; frame-ancestors ${frame}` },
    used: undefined,
  };
}

function hasAgentSession(ctx: RequestContext, req: IncomingMessage, agent: RoutableAgent): boolean {
  const session = ctx.sessions.get(readSessionCookie(req.headers.cookie), req.headers.host!);
  return session !== undefined && session.kind === 'agent' && session.agentId === agent.record.id;
}

/**
 * A request on `<agent label>.localhost:PORT` (Host and path already
 * checked): request policy (another site may only navigate to the enter
 * link), the enter link, the widget link (its own capability), the agent
 * session, widget navigations, then the proxy.
 */
export function handleAgentRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, agent: RoutableAgent, expectsContinue: boolean): void {
  const url = req.url ?? '';
  const frame = ctx.frameAncestors;
  const enter = isEnterPath(url);
  const verdict = agentVerdict(req.method, req.headers, req.headers.host!, false);
  if (verdict !== 'allow' && !(verdict === 'cross-site-navigation' && enter)) {
    // A person who followed a link or submitted a form gets a page; scripts get JSON.
    if (verdict === 'cross-site-navigation' || isNavigation(req.headers)) sendCrossSiteNavigation(res, ctx.deskOrigin, frame);
    else sendJson(res, 403, verdict, 'Refused: another site may not call this agent.', frame);
    return;
  }
  if (enter) return handleEnter(ctx, req, res, agentEnterRules(ctx, agent));
  // The widget link is a signed capability of its own (the framed agent's cookie is partitioned away from the new tab).
  if (isWidgetLink(url)) {
    handleAgentWidgetRequest(ctx, req, res, agent);
    return;
  }
  if (!hasAgentSession(ctx, req, agent)) {
    sendUnauthorized(res, isNavigation(req.headers), frame);
    return;
  }
  if (isStartPath(url)) return handleAgentStart(ctx, req, res, agent);
  // Widget content never renders as a document on the agent's origin.
  if (handleAgentWidgetRequest(ctx, req, res, agent)) return;
  proxyRequest(ctx, req, res, agent, ctx.proxyFor(agent), expectsContinue, frame, undefined);
}

/** A WebSocket upgrade on an agent host: same origin only, with the agent session. */
export function handleAgentUpgrade(ctx: RequestContext, req: IncomingMessage, socket: Duplex, head: Buffer, agent: RoutableAgent): void {
  const raw = socket as Socket;
  if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return refuseUpgrade(raw, 400, 'Bad Request', 'only WebSocket upgrades are proxied');
  }
  const verdict = agentVerdict(req.method, req.headers, req.headers.host!, true);
  if (verdict !== 'allow') return refuseUpgrade(raw, 403, 'Forbidden', 'another site may not open a WebSocket to this agent');
  if (!hasAgentSession(ctx, req, agent)) {
    return refuseUpgrade(raw, 401, 'Unauthorized', 'no session for this host; open the agent from Agent Desk');
  }
  proxyUpgrade(ctx, req, socket, head, agent, ctx.proxyFor(agent));
}
