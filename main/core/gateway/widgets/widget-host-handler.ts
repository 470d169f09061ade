import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RoutableAgent } from '../../agents/agent-source.js';
import type { RequestContext } from '../context.js';
import { readSessionCookie, sessionSetCookie } from '../cookies.js';
import { handleEnter, type EnterRules } from '../enter.js';
import { refuseUpgrade, sendJson, sendMisdirected, sendPlain } from '../error-pages.js';
import { proxyRequest, proxyUpgrade } from '../proxy-tail.js';
import { isNavigation } from '../request-policy.js';
import type { Session } from '../sessions.js';
import { setWidgetBaseline, WIDGET_FRAME_CSP } from './widget-headers.js';
import type { WidgetHostEntry } from './widget-hosts.js';
import { widgetTarget } from './widget-links.js';
import { redirectBlockedPage, sendWidgetPage, widgetCrossSitePage, widgetGrantExpiredPage, widgetNoSessionMessage, widgetNoSessionPage, widgetNotFoundPage } from './widget-pages.js';
import { widgetPathDecision, widgetVerdict } from './widget-policy.js';

/**
 * The enter step on a widget host (enter.ts): the grant must be a live,
 * unused `widget` grant for exactly this host, agent and mount. An agent
 * grant, a grant for another widget, or a replayed one gets the page saying
 * how to open the widget again.
 */
function widgetEnterRules(entry: WidgetHostEntry, agent: RoutableAgent): EnterRules {
  return {
    refused: 'a widget grant',
    accepts: (claims) => claims.kind === 'widget' && claims.agent === entry.agentId && claims.mount === entry.mount,
    session: { kind: 'widget', agentId: entry.agentId },
    // Top-level only (widgets refuse frames): `Strict` keeps it off every request another site starts.
    cookie: (id) => sessionSetCookie(id, 'widget'),
    target: (to) => widgetTarget(to, agent.endpoint?.basePath ?? '', entry.mount),
    expired: (res) => sendWidgetPage(res, widgetGrantExpiredPage()),
    baseline: setWidgetBaseline,
    headers: {},
    // Opened from the desk or the agent (another site): a grant opened in a frame was refused before, so any navigation counts.
    crossSite: (h) => h['sec-fetch-mode'] === 'navigate' && h['sec-fetch-site'] !== undefined && h['sec-fetch-site'] !== 'same-origin' && h['sec-fetch-site'] !== 'none',
    page: { title: 'Opening widget…', csp: `default-src 'none'; ${WIDGET_FRAME_CSP}` },
    used: undefined,
  };
}

function widgetSession(ctx: RequestContext, cookie: string | undefined, host: string, entry: WidgetHostEntry): Session | undefined {
  const session = ctx.sessions.get(readSessionCookie(cookie), host);
  // The store already binds sessions to their host; kind and agent are checked too, so
  // an agent session can never stand in for a widget one (nor the reverse).
  return session !== undefined && session.kind === 'widget' && session.agentId === entry.agentId ? session : undefined;
}

function isFramedDestination(dest: string | undefined): boolean {
  return dest !== undefined && dest !== 'document' && dest !== 'empty';
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  setWidgetBaseline(res);
  sendJson(res, status, code, message, "'none'");
}

/**
 * A request on `<widget label>.localhost:PORT` (Host already parsed, path
 * already checked by pathProblem). Serves only `{base}/widgets/<mount>/…` of
 * one agent with a widget session for this host; everything else is
 * answered here with the widget baseline headers.
 */
export function handleWidgetRequest(
  ctx: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  label: string,
  expectsContinue: boolean,
): void {
  const entry = ctx.widgetHosts.byLabel(label);
  const agent = entry === undefined ? undefined : ctx.agents.byId(entry.agentId);
  if (entry === undefined || agent === undefined) {
    sendMisdirected(res);
    return;
  }
  const host = req.headers.host!;
  const url = req.url ?? '/';
  const decision = widgetPathDecision(req.method, url, agent.endpoint?.basePath ?? '', entry.mount);
  const verdict = widgetVerdict(req.method, req.headers, `http://${host}`, false);
  const navigation = isNavigation(req.headers);
  if (verdict === 'cross-site-navigation' && decision.kind !== 'enter') return sendWidgetPage(res, widgetCrossSitePage());
  // A widget never runs in a frame: a grant opened inside one is refused before it is spent.
  if (decision.kind === 'enter' && isFramedDestination(req.headers['sec-fetch-dest'])) return sendWidgetPage(res, widgetCrossSitePage());
  if (verdict === 'cross-site' || verdict === 'foreign-origin') {
    return refuse(res, 403, verdict, 'Refused: another site may not call this widget.');
  }
  switch (decision.kind) {
    case 'enter':
      return handleEnter(ctx, req, res, widgetEnterRules(entry, agent));
    case 'redirect-blocked':
      return sendWidgetPage(res, redirectBlockedPage());
    case 'not-found':
      if (navigation) return sendWidgetPage(res, widgetNotFoundPage());
      return refuse(res, 404, 'not-found', 'A widget origin serves only its widget.');
    case 'redirect':
      setWidgetBaseline(res);
      sendPlain(res, 302, 'Redirecting to the widget.', { location: decision.location });
      return;
    case 'serve':
      break;
  }
  if (widgetSession(ctx, req.headers.cookie, host, entry) === undefined) {
    if (navigation) return sendWidgetPage(res, widgetNoSessionPage());
    return refuse(res, 401, 'no-session', widgetNoSessionMessage());
  }
  // Widgets are never framed: the 503 page says so and carries the widget baseline.
  proxyRequest(ctx, req, res, agent, ctx.widgetProxyFor(agent, entry), expectsContinue, "'none'", setWidgetBaseline);
}

/** A WebSocket upgrade on a widget host: same rules, the widget's own tree only. */
export function handleWidgetUpgrade(ctx: RequestContext, req: IncomingMessage, socket: Duplex, head: Buffer, label: string): void {
  const raw = socket as Socket;
  const entry = ctx.widgetHosts.byLabel(label);
  const agent = entry === undefined ? undefined : ctx.agents.byId(entry.agentId);
  if (entry === undefined || agent === undefined) {
    return refuseUpgrade(raw, 421, 'Misdirected Request', 'Misdirected request: this is the Agent Desk gateway.');
  }
  if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return refuseUpgrade(raw, 400, 'Bad Request', 'only WebSocket upgrades are proxied');
  }
  const host = req.headers.host!;
  if (widgetVerdict(req.method, req.headers, `http://${host}`, true) !== 'allow') {
    return refuseUpgrade(raw, 403, 'Forbidden', 'another site may not open a WebSocket to this widget');
  }
  if (widgetPathDecision(req.method, req.url ?? '/', agent.endpoint?.basePath ?? '', entry.mount).kind !== 'serve') {
    return refuseUpgrade(raw, 404, 'Not Found', 'a widget origin serves only its widget');
  }
  if (widgetSession(ctx, req.headers.cookie, host, entry) === undefined) {
    return refuseUpgrade(raw, 401, 'Unauthorized', 'no session for this widget; open it again from Agent Desk');
  }
  proxyUpgrade(ctx, req, socket, head, agent, ctx.widgetProxyFor(agent, entry));
}
