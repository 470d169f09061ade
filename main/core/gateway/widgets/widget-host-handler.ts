import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { readSessionCookie } from '../cookies.js';
import { refuseUpgrade, sendJson, sendMisdirected, sendPlain, sendUpstreamDown } from '../error-pages.js';
import { stripRequestHeaders } from '../header-rewrite.js';
import { isNavigation } from '../request-policy.js';
import type { Session } from '../sessions.js';
import { sendWidgetPage, type WidgetContext } from './widget-context.js';
import { handleWidgetEnter } from './widget-enter.js';
import { setWidgetBaseline } from './widget-headers.js';
import type { WidgetHostEntry } from './widget-hosts.js';
import { redirectBlockedPage, widgetCrossSitePage, widgetNoSessionPage, widgetNotFoundPage } from './widget-pages.js';
import { widgetPathDecision, widgetVerdict } from './widget-policy.js';

function widgetSession(ctx: WidgetContext, cookie: string | undefined, host: string, entry: WidgetHostEntry): Session | undefined {
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
  ctx: WidgetContext,
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
      return handleWidgetEnter(ctx, req, res, entry, agent);
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
    return refuse(res, 401, 'no-session', 'No session for this widget; open it again from Agent Desk.');
  }
  const proxy = ctx.widgetProxyFor(agent, entry);
  if (proxy === undefined) {
    setWidgetBaseline(res);
    const problem = agent.hold ?? agent.record.reason ?? 'the workspace is not ready';
    sendUpstreamDown(res, navigation, 503, { name: agent.record.name, state: agent.record.state, problem }, "'none'");
    return;
  }
  // The head goes upstream as a filtered copy (upstream-headers.ts); req.headers stays as the client sent it.
  if (expectsContinue) res.writeContinue();
  ctx.track(agent.record.id, res);
  proxy.web(req, res);
}

/** A WebSocket upgrade on a widget host: same rules, the widget's own tree only. */
export function handleWidgetUpgrade(ctx: WidgetContext, req: IncomingMessage, socket: Duplex, head: Buffer, label: string): void {
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
  const proxy = ctx.widgetProxyFor(agent, entry);
  if (proxy === undefined) return refuseUpgrade(raw, 503, 'Service Unavailable', `${agent.record.name} is not ready`);
  stripRequestHeaders(req.headers, true);
  ctx.track(agent.record.id, socket);
  proxy.ws(req, socket, head);
}
