import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoutableAgent } from '../../agents/agent-source.js';
import { sendPage, sendPlain } from '../error-pages.js';
import type { RequestContext } from '../context.js';
import { mintWidgetEnterUrl } from '../enter-urls.js';
import { WIDGET_LINK_PATH } from './widget-links.js';
import { agentWidgetNavigation } from './widget-navigation.js';
import { badMountPage, linkPage, widgetLinkExpiredPage } from './widget-pages.js';

/** True for `/__desk/widget-link[?…]`, which works without the agent session (see widget-links.ts). */
export function isWidgetLink(url: string): boolean {
  return url.startsWith(WIDGET_LINK_PATH) && (url.length === WIDGET_LINK_PATH.length || url[WIDGET_LINK_PATH.length] === '?');
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('location', location);
  // The Location carries a grant: it must not be cached or passed on as a referrer.
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-length', 0);
  res.end();
}

/**
 * Widget navigations on an agent host (docs/architecture.md, widgets). Returns false
 * when the request is not one (the caller proxies it as usual). Call it
 * after the agent session check, except for the widget link (`isWidgetLink`),
 * which is its own capability and is answered here whatever the session.
 */
export function handleAgentWidgetRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, agent: RoutableAgent): boolean {
  const basePath = agent.endpoint?.basePath ?? '';
  const route = agentWidgetNavigation(req.method, req.url ?? '/', req.headers, basePath);
  // These pages are shown where the agent is: inside the desk's frame.
  const frame = ctx.frameAncestors;
  switch (route.kind) {
    case 'proxy':
      return false;
    case 'bad-mount': {
      const page = badMountPage(route.problem);
      sendPage(res, page.status, page.title, page.body, frame);
      return true;
    }
    case 'widget-link': {
      const check = ctx.widgetLinks.verify(route.token, agent.record.id, basePath);
      if (!check.ok) {
        ctx.log(`gateway: refused a widget link (${check.reason})`);
        const page = widgetLinkExpiredPage();
        sendPage(res, page.status, page.title, page.body, frame);
        return true;
      }
      const waitMs = ctx.grants.linkWaitMs(agent.record.id, check.claims.id);
      if (waitMs > 0) {
        ctx.log('gateway: refused a widget link (too many grants a minute)');
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        sendPlain(res, 429, `Too many opens from this link; try again in ${seconds} s, or open the widget from Agent Desk.`, { 'retry-after': String(seconds) });
        return true;
      }
      redirect(res, mintWidgetEnterUrl(ctx, agent, check.claims.mount, check.claims.to, check.claims.id));
      return true;
    }
    case 'enter-redirect':
      redirect(res, mintWidgetEnterUrl(ctx, agent, route.mount, route.to));
      return true;
    case 'link-page': {
      const title = agent.widgets.find((widget) => widget.mount === route.mount)?.title ?? route.mount;
      const link = `${WIDGET_LINK_PATH}?t=${ctx.widgetLinks.mint(agent.record.id, route.mount, route.to)}`;
      const page = linkPage(agent.record.name, title, link);
      sendPage(res, page.status, page.title, page.body, frame);
      return true;
    }
  }
}
