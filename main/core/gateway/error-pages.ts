import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { expiredAgentLinkText, noSessionText, upstreamDownText, type OfflineInfo } from './agent-pages.js';
import { escapeHtml } from './page-html.js';

/**
 * Every answer the gateway writes itself. None of them is ever given a token
 * or an upstream address: callers pass only agent names and states.
 */

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export { escapeHtml };

function page(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${refresh}<title>${escapeHtml(title)}</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;color:#222;background:#fafafa}@media(prefers-color-scheme:dark){body{color:#ddd;background:#1b1b1b}a{color:#8ab4f8}}h1{font-size:1.3em}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** Headers our own pages carry; `frameAncestors` is the desk origin (or 'none'). */
function send(res: ServerResponse, status: number, type: string, body: string, frameAncestors: string, extra?: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', `${PAGE_CSP}; frame-ancestors ${frameAncestors}`);
  res.setHeader('referrer-policy', 'no-referrer');
  if (extra) for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(body);
}

export function sendPage(res: ServerResponse, status: number, title: string, bodyHtml: string, frameAncestors: string, refreshSeconds?: number): void {
  send(res, status, 'text/html; charset=utf-8', page(title, bodyHtml, refreshSeconds), frameAncestors);
}

export function sendJson(res: ServerResponse, status: number, code: string, message: string, frameAncestors = "'none'"): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: { code, message } }), frameAncestors);
}

export function sendPlain(res: ServerResponse, status: number, text: string, extra?: Record<string, string>): void {
  send(res, status, 'text/plain; charset=utf-8', `${text}\n`, "'none'", extra);
}

/** 421 for hosts that are not ours: a short plain answer, never a silent close. */
export function sendMisdirected(res: ServerResponse): void {
  sendPlain(res, 421, 'Misdirected request: this is the Agent Desk gateway; open agents from Agent Desk.', { connection: 'close' });
}

/** Answers an upgrade we refuse with a real HTTP response, then closes. */
export function refuseUpgrade(socket: Socket, status: number, reason: string, text: string): void {
  if (socket.destroyed) return;
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.destroySoon();
}

/**
 * Upstream down: a friendly page with a way to try again, or JSON for API
 * calls, in the words of agent-pages.ts.
 */
export function sendUpstreamDown(res: ServerResponse, navigation: boolean, status: 502 | 503 | 504, info: OfflineInfo, frameAncestors: string): void {
  const text = upstreamDownText(status, info);
  if (!navigation) {
    sendJson(res, status, 'agent-unavailable', text.message, frameAncestors);
    return;
  }
  // No timed refresh (WCAG 2.2.1): the desk reloads this page itself when the agent is back.
  // With a Start form, `same-origin`: under `no-referrer` Chromium sends `Origin: null` with the
  // form's POST, which the gateway must refuse (agent-start.ts wants this host's own Origin).
  const referrer = text.state === 'offline' && info.startable ? { 'referrer-policy': 'same-origin' } : undefined;
  send(res, status, 'text/html; charset=utf-8', page(text.title, text.body), frameAncestors, referrer);
}

/** An agent host without its session (the desk API's 401 is sendDeskUnauthenticated). */
export function sendUnauthorized(res: ServerResponse, navigation: boolean, frameAncestors: string): void {
  const text = noSessionText();
  if (!navigation) {
    sendJson(res, 401, 'no-session', text.message, frameAncestors);
    return;
  }
  sendPage(res, 401, text.title, text.body, frameAncestors);
}

/** 401 for the desk API: no valid bearer. The UI tells the user to use the newest login link. */
export function sendDeskUnauthenticated(res: ServerResponse): void {
  send(res, 401, 'application/json; charset=utf-8', JSON.stringify({ error: { code: 'unauthenticated', message: 'This desk session is not signed in; open the newest login link printed by agent-desk serve.' } }), "'none'", {
    'www-authenticate': 'Bearer realm="agent-desk"',
  });
}

/** A spent, expired or foreign enter link: on the desk host only the terminal has a newer one. */
export function sendExpiredGrant(res: ServerResponse, frameAncestors: string, desk = false): void {
  if (!desk) {
    const text = expiredAgentLinkText();
    sendPage(res, 403, text.title, text.body, frameAncestors);
    return;
  }
  const body = '<p>This login link has expired or was already used. Use the newest login link that <code>agent-desk serve</code> printed in its terminal.</p>';
  sendPage(res, 403, 'This link has expired', body, frameAncestors);
}

export function sendCrossSiteNavigation(res: ServerResponse, deskOrigin: string, frameAncestors: string): void {
  const body = `<p>Agents open only from Agent Desk, not from links on other pages.</p><p><a href="${escapeHtml(deskOrigin)}/">Go to Agent Desk</a></p>`;
  sendPage(res, 403, 'Open this agent from Agent Desk', body, frameAncestors);
}
