import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoutableAgent } from '../../agents/agent-source.js';
import { SESSION_COOKIE } from '../cookies.js';
import { sendPlain } from '../error-pages.js';
import { continueTo, enterParams } from '../enter.js';
import { sendWidgetPage, type WidgetContext } from './widget-context.js';
import { setWidgetBaseline, WIDGET_FRAME_CSP } from './widget-headers.js';
import type { WidgetHostEntry } from './widget-hosts.js';
import { widgetTarget } from './widget-links.js';
import { widgetGrantExpiredPage } from './widget-pages.js';

/**
 * The widget session cookie. Widgets are only ever top-level (they refuse
 * frames), so unlike agent cookies it needs neither `SameSite=None` nor
 * `Partitioned`: `Strict` keeps it off every request another site starts.
 */
export function widgetSetCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

/**
 * `/__desk/enter?g=<grant>&to=<path>` on a widget host: the grant must be a
 * live, unused `widget` grant for exactly this host, agent and mount. An
 * agent grant, a grant for another widget, or a replayed one gets the page
 * saying how to open the widget again. The URL carries a grant: never logged.
 */
export function handleWidgetEnter(
  ctx: WidgetContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: WidgetHostEntry,
  agent: RoutableAgent,
): void {
  if (req.method !== 'GET') {
    setWidgetBaseline(res);
    sendPlain(res, 405, 'Method not allowed: open this link in a browser.', { allow: 'GET' });
    return;
  }
  const host = req.headers.host!;
  const params = enterParams(req.url ?? '');
  const check = ctx.grants.redeem(params.get('g') ?? '', host);
  if (!check.ok || check.claims.kind !== 'widget' || check.claims.agent !== entry.agentId || check.claims.mount !== entry.mount) {
    ctx.log(`gateway: refused a widget grant (${check.ok ? 'wrong kind, agent or mount' : check.reason})`);
    sendWidgetPage(res, widgetGrantExpiredPage());
    return;
  }
  const session = ctx.sessions.create(host, 'widget', entry.agentId);
  const target = widgetTarget(params.get('to'), agent.endpoint?.basePath ?? '', entry.mount);
  setWidgetBaseline(res);
  res.setHeader('set-cookie', widgetSetCookie(session.id));
  res.setHeader('cache-control', 'no-store');
  const h = req.headers;
  const site = h['sec-fetch-site'];
  const crossSite = h['sec-fetch-mode'] === 'navigate' && site !== undefined && site !== 'same-origin' && site !== 'none';
  // Opened from the desk or the agent (another site): a 302 would keep the
  // chain cross-site and the Strict cookie unsent; a page-initiated refresh
  // arrives same-origin.
  continueTo(res, target, crossSite ? { title: 'Opening widget…', csp: `default-src 'none'; ${WIDGET_FRAME_CSP}` } : undefined);
}
