import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from './context.js';
import { readSessionCookie, sessionSetCookie } from './cookies.js';
import { handleEnter, type EnterRules } from './enter.js';
import { sendExpiredGrant, sendJson, sendUnauthorized } from './error-pages.js';
import { isEnterPath } from './paths.js';
import { deskVerdict, isNavigation, safeRedirectTarget } from './request-policy.js';

/** The desk is never framed by anyone: its pages say so, its enter page too. */
const NOT_FRAMED = "'none'";

function deskEnterRules(ctx: RequestContext): EnterRules {
  return {
    refused: 'a grant on the desk host',
    accepts: (claims) => claims.kind === 'desk' && claims.agent === '',
    session: { kind: 'desk', agentId: '' },
    cookie: (id) => sessionSetCookie(id, 'desk'),
    target: (to) => safeRedirectTarget(to, '/'),
    expired: (res) => sendExpiredGrant(res, NOT_FRAMED, true),
    baseline: undefined,
    headers: { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' },
    crossSite: crossSiteTopLevel,
    page: { title: 'Opening…', csp: `default-src 'none'; frame-ancestors ${NOT_FRAMED}` },
    used: () => ctx.deskLoginUsed(),
  };
}

/** A top-level navigation (a document, not a frame) that another site started. */
export function crossSiteTopLevel(h: IncomingMessage['headers']): boolean {
  const site = h['sec-fetch-site'];
  return h['sec-fetch-mode'] === 'navigate' && h['sec-fetch-dest'] === 'document' && site !== undefined && site !== 'same-origin' && site !== 'none';
}

/**
 * A request on `desk.localhost:PORT` (Host and path already checked): the
 * login link, else the desk's own origin and a desk session, then the desk
 * handler (UI files and /api/*).
 */
export function handleDeskRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
  const url = req.url ?? '';
  if (isEnterPath(url)) return handleEnter(ctx, req, res, deskEnterRules(ctx));
  const verdict = deskVerdict(req.method, req.headers, ctx.deskOrigin);
  if (verdict !== 'allow') {
    sendJson(res, 403, verdict, 'Refused: requests to the desk must come from the desk itself.', NOT_FRAMED);
    return;
  }
  if (ctx.sessions.get(readSessionCookie(req.headers.cookie), req.headers.host!) === undefined) {
    sendUnauthorized(res, isNavigation(req.headers), NOT_FRAMED, true);
    return;
  }
  if (!ctx.deskHandler) {
    sendJson(res, 404, 'not-found', 'Nothing is served here.', NOT_FRAMED);
    return;
  }
  // Defaults the desk handler may refine.
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  if (expectsContinue) res.writeContinue();
  ctx.deskHandler(req, res);
}
