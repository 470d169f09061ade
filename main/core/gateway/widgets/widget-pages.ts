import type { ServerResponse } from 'node:http';
import { escapeHtml, sendPage } from '../error-pages.js';
import { setWidgetBaseline } from './widget-headers.js';

/**
 * Bodies of the pages the gateway writes itself about widgets (the frame is
 * error-pages.ts' `sendPage`). They name agents and widgets only — never a
 * token, an upstream address, or a redirect target a widget chose.
 */
export interface PageText {
  status: number;
  title: string;
  body: string;
}

/** Shown inside the desk's frame instead of a widget (widget hosts refuse frames). */
export function linkPage(agentName: string, widgetTitle: string, linkHref: string): PageText {
  const title = `Open ${widgetTitle} in a new tab`;
  const body =
    `<p><strong>${escapeHtml(widgetTitle)}</strong> is a widget of <strong>${escapeHtml(agentName)}</strong>. ` +
    'Widgets run on an origin of their own and cannot be shown inside this page.</p>' +
    `<p><a id="open-widget" href="${escapeHtml(linkHref)}" target="_blank" rel="noopener noreferrer">Open ${escapeHtml(widgetTitle)} in a new tab</a></p>`;
  return { status: 200, title, body };
}

/** An expired, used or foreign grant on a widget host. */
export function widgetGrantExpiredPage(): PageText {
  return {
    status: 403,
    title: 'This widget link has expired',
    body:
      '<p>This link to a widget has expired or was already used; widget links work once, for a minute.</p>' +
      '<p>To open the widget again, use its <strong>Open</strong> button in Agent Desk (the agent’s widget list), ' +
      'or open it again from the agent’s page.</p>',
  };
}

/** The "open in a new tab" link was older than its lifetime, or not ours. */
export function widgetLinkExpiredPage(): PageText {
  return {
    status: 403,
    title: 'This widget link has expired',
    body:
      '<p>This link is too old or not valid. Reload the agent’s page and use the new link, ' +
      'or open the widget from its agent’s widget list in Agent Desk.</p>',
  };
}

const WIDGET_NO_SESSION = 'This tab has no session for this widget. Open the widget from Agent Desk (the agent’s widget list) or from the agent’s page.';

export function widgetNoSessionPage(): PageText {
  return { status: 401, title: 'This widget is not open', body: `<p>${WIDGET_NO_SESSION}</p>` };
}

/** The same words for the widget's own requests (JSON). */
export function widgetNoSessionMessage(): string {
  return WIDGET_NO_SESSION;
}

export function widgetCrossSitePage(): PageText {
  return {
    status: 403,
    title: 'Open this widget from Agent Desk',
    body: '<p>Widgets open only from Agent Desk or their agent’s page, not from links or frames on other pages.</p>',
  };
}

export function redirectBlockedPage(): PageText {
  return {
    status: 502,
    title: 'Redirect blocked',
    body: '<p>This widget tried to send the browser to an address outside its own origin (such as its agent or a local port). Agent Desk blocked it.</p>',
  };
}

export function widgetNotFoundPage(): PageText {
  return {
    status: 404,
    title: 'Not found',
    body: '<p>A widget’s origin serves only that widget. Nothing else is here.</p>',
  };
}

export function badMountPage(problem: string): PageText {
  return { status: 400, title: 'Not a widget', body: `<p>${escapeHtml(problem)}.</p>` };
}

/** A gateway page on a widget host: the widget baseline, never framed. */
export function sendWidgetPage(res: ServerResponse, page: PageText): void {
  if (!res.headersSent) setWidgetBaseline(res);
  sendPage(res, page.status, page.title, page.body, "'none'");
}
