import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from './context.js';
import { DESK_TOKEN_FRAGMENT, isDeskApiPath, readBearer } from './desk-tokens.js';
import { continueTo, enterParams } from './enter.js';
import { sendDeskUnauthenticated, sendExpiredGrant, sendJson, sendPlain } from './error-pages.js';
import { isEnterPath } from './paths.js';
import { deskVerdict, safeRedirectTarget } from './request-policy.js';

/** The desk is never framed by anyone: its pages say so, its enter page too. */
const NOT_FRAMED = "'none'";

/** A top-level navigation (a document, not a frame) that another site started. */
export function crossSiteTopLevel(h: IncomingMessage['headers']): boolean {
  const site = h['sec-fetch-site'];
  return h['sec-fetch-mode'] === 'navigate' && h['sec-fetch-dest'] === 'document' && site !== undefined && site !== 'same-origin' && site !== 'none';
}

/**
 * `/__desk/enter?g=…` on the desk host: redeem the single-use login grant
 * for a fresh desk token, handed to the UI in the redirect's fragment
 * (never sent to a server, never in a Referer); the UI keeps it in its
 * origin's storage. No cookie: cookies are not port-scoped, so any server
 * on another loopback port visited as `desk.localhost:<its port>` would get
 * it. GET only: a link previewer's HEAD must not spend the link.
 */
function handleDeskEnter(ctx: RequestContext, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') {
    sendPlain(res, 405, 'Method not allowed: open this link in a browser.', { allow: 'GET' });
    return;
  }
  const params = enterParams(req.url ?? '');
  const check = ctx.grants.redeem(params.get('g') ?? '', req.headers.host!);
  if (!check.ok || check.claims.kind !== 'desk' || check.claims.agent !== '') {
    ctx.log(`gateway: refused a grant on the desk host (${check.ok ? 'wrong kind, agent or mount' : check.reason})`);
    sendExpiredGrant(res, NOT_FRAMED, true);
    return;
  }
  const token = ctx.deskTokens.mint();
  ctx.deskLoginUsed();
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  const target = safeRedirectTarget(params.get('to'), '/').split('#')[0]!;
  continueTo(res, `${target}#${DESK_TOKEN_FRAGMENT}=${token}`, undefined);
}

/**
 * A request on `desk.localhost:PORT` (Host and path already checked): the
 * login link, else the desk's own origin, the desk bearer on `/api/*` (the
 * UI's files are public), then the desk handler (UI files and /api/*).
 */
export function handleDeskRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
  const url = req.url ?? '';
  if (isEnterPath(url)) return handleDeskEnter(ctx, req, res);
  const verdict = deskVerdict(req.method, req.headers, ctx.deskOrigin);
  if (verdict !== 'allow') {
    sendJson(res, 403, verdict, 'Refused: requests to the desk must come from the desk itself.', NOT_FRAMED);
    return;
  }
  if (isDeskApiPath(url)) {
    if (!ctx.deskTokens.verify(readBearer(req.headers.authorization))) {
      sendDeskUnauthenticated(res);
      return;
    }
    ctx.authenticated(req);
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
