import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionSetCookie } from './cookies.js';
import { escapeHtml, sendExpiredGrant, sendPlain } from './error-pages.js';
import type { HostRoute } from './host-router.js';
import type { GatewayContext } from './request-handler.js';
import { safeRedirectTarget } from './request-policy.js';

export const ENTER_PATH = '/__desk/enter';

/** Where an agent opens when `to` is absent or refused: its base path. */
export function agentHome(basePath: string | undefined): string {
  return `${basePath ?? ''}/`;
}

/**
 * `/__desk/enter?g=<grant>&to=<path>`: redeem a grant for a session on this
 * exact host, set the `__Host-` cookie and send the browser to `to` (a path on
 * this host only). The URL carries a grant, so it is never logged.
 */
/** The query of an enter URL (`g` = grant, `to` = where to go next). */
export function enterParams(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
}

export function handleEnter(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: Extract<HostRoute, { kind: 'desk' | 'agent' }>,
): void {
  // Not even HEAD: a link previewer probing the desk link must not spend it.
  if (req.method !== 'GET') {
    sendPlain(res, 405, 'Method not allowed: open this link in a browser.', { allow: 'GET' });
    return;
  }
  const host = req.headers.host!;
  const params = enterParams(req.url ?? '');
  const grant = params.get('g') ?? '';
  const frame = route.kind === 'desk' ? "'none'" : ctx.frameAncestors;
  const check = ctx.grants.redeem(grant, host);
  const wantedKind = route.kind === 'desk' ? 'desk' : 'agent';
  const agentId = route.kind === 'agent' ? route.agent.record.id : '';
  if (!check.ok || check.claims.kind !== wantedKind || check.claims.agent !== agentId) {
    ctx.log(`gateway: refused a grant on the ${route.kind} host (${check.ok ? 'wrong kind or agent' : check.reason})`);
    sendExpiredGrant(res, frame, route.kind === 'desk');
    return;
  }
  const session = ctx.sessions.create(host, wantedKind, agentId);
  if (route.kind === 'desk') ctx.deskLoginUsed();
  const home = route.kind === 'desk' ? '/' : agentHome(route.agent.endpoint?.basePath);
  const target = safeRedirectTarget(params.get('to'), home);
  res.setHeader('set-cookie', sessionSetCookie(session.id, wantedKind));
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  const h = req.headers;
  const crossSiteTopLevel =
    h['sec-fetch-mode'] === 'navigate' && h['sec-fetch-dest'] === 'document' &&
    h['sec-fetch-site'] !== undefined && h['sec-fetch-site'] !== 'same-origin' && h['sec-fetch-site'] !== 'none';
  // A 302 would keep the desk as the chain's initiator, so the next request
  // would arrive cross-site and be refused; a page-initiated refresh arrives
  // same-origin.
  continueTo(res, target, crossSiteTopLevel ? { title: 'Opening…', csp: `default-src 'none'; frame-ancestors ${frame}` } : undefined);
}

/**
 * The last step of a successful enter: a 302 to `target`, or, when `viaPage`
 * is given, a tiny page that refreshes to it (so the next request is
 * page-initiated and same-origin).
 */
export function continueTo(res: ServerResponse, target: string, viaPage: { title: string; csp: string } | undefined): void {
  if (viaPage) {
    const url = escapeHtml(target);
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', viaPage.csp);
    res.end(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><title>${viaPage.title}</title><a href="${url}">Continue</a>`);
    return;
  }
  res.statusCode = 302;
  res.setHeader('location', target);
  res.setHeader('content-length', 0);
  res.end();
}
