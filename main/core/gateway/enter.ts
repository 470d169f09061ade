import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from './context.js';
import { escapeHtml, sendPlain } from './error-pages.js';
import type { GrantClaims } from './grants.js';

export { ENTER_PATH, agentHome, isEnterPath } from './paths.js';

/** The query of an enter URL (`g` = grant, `to` = where to go next). */
export function enterParams(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
}

/**
 * What differs between the desk, agent and widget enter steps, as data.
 * Why they differ: the desk and agents are shown inside the desk (agents in
 * its frame), so their cookie is `SameSite=None; Partitioned` and their
 * pages may be framed by the desk; a widget is only ever top-level on its
 * own origin, so its cookie is `Strict`, its pages are never framed and
 * carry the widget baseline headers.
 */
export interface EnterRules {
  /** What a refused grant is called in the log (`a grant on the agent host`, `a widget grant`). */
  readonly refused: string;
  /** Whether a redeemed grant's claims are for this host's kind, agent (and mount). */
  accepts(claims: GrantClaims): boolean;
  /** The session to create: kind and agent (empty for the desk). */
  readonly session: { kind: 'desk' | 'agent' | 'widget'; agentId: string };
  /** The `Set-Cookie` value for a new session id. */
  cookie(sessionId: string): string;
  /** Where the browser goes next: `to` when it is allowed, else the host's home. */
  target(to: string | null): string;
  /** A spent, expired or foreign grant: the page saying how to open it again. */
  expired(res: ServerResponse): void;
  /** Headers every answer on this host carries (the widget baseline), set first. */
  readonly baseline: ((res: ServerResponse) => void) | undefined;
  /** Extra response headers of a successful enter. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether this navigation came from another site (then a page-initiated refresh replaces the 302). */
  crossSite(headers: IncomingHttpHeaders): boolean;
  /** The refresh page's title and CSP. */
  readonly page: { title: string; csp: string };
  /** After the session exists (the desk mints its next login link). */
  readonly used: (() => void) | undefined;
}

/**
 * `/__desk/enter?g=<grant>&to=<path>` on any host: redeem a single-use grant
 * for a session on this exact host, set the `__Host-` cookie and send the
 * browser to `to` (a path on this host only). GET only: a link previewer's
 * HEAD must not spend a grant. The URL carries a grant, so it is never logged.
 */
export function handleEnter(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, rules: EnterRules): void {
  if (req.method !== 'GET') {
    rules.baseline?.(res);
    sendPlain(res, 405, 'Method not allowed: open this link in a browser.', { allow: 'GET' });
    return;
  }
  const host = req.headers.host!;
  const params = enterParams(req.url ?? '');
  const check = ctx.grants.redeem(params.get('g') ?? '', host);
  if (!check.ok || !rules.accepts(check.claims)) {
    ctx.log(`gateway: refused ${rules.refused} (${check.ok ? 'wrong kind, agent or mount' : check.reason})`);
    rules.expired(res);
    return;
  }
  const session = ctx.sessions.create(host, rules.session.kind, rules.session.agentId);
  rules.used?.();
  rules.baseline?.(res);
  res.setHeader('set-cookie', rules.cookie(session.id));
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(rules.headers)) res.setHeader(name, value);
  // A 302 would keep the other site as the chain's initiator, so the next
  // request would arrive cross-site (refused, or without a Strict cookie);
  // a page-initiated refresh arrives same-origin.
  continueTo(res, rules.target(params.get('to')), rules.crossSite(req.headers) ? rules.page : undefined);
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
