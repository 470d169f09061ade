import { randomBytes } from 'node:crypto';
import { safeRedirectTarget } from '../request-policy.js';
import { openToken, signToken } from '../signed-token.js';
import { mountProblem, widgetPrefix } from './widget-policy.js';

/** `/__desk/widget-link?t=<link>` on an agent host: mints a fresh widget grant when clicked. */
export const WIDGET_LINK_PATH = '/__desk/widget-link';

/** How long the "open in a new tab" link on the gateway's page keeps working. */
export const WIDGET_LINK_TTL_MS = 10 * 60_000;

export interface WidgetLinkClaims {
  /** Random: names this link, whose grants are counted and rate-limited on their own (grant-ledger.ts). */
  id: string;
  /** Agent id: the link works only on this agent's host. */
  agent: string;
  mount: string;
  /** Path on the widget host to open (inside the widget's tree). */
  to: string;
  exp: number;
}

export type WidgetLinkCheck =
  | { ok: true; claims: WidgetLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-agent' | 'expired' };

/**
 * Signs the link on the gateway's "open this widget in a new tab" page. A
 * grant cannot sit in that page (it lives 60 s; people read first), and the
 * click cannot rely on the agent's session cookie: the agent page is framed
 * by the desk, so its cookie is partitioned under the desk's site and the
 * new top-level tab does not send it. The link is therefore a capability of
 * its own: signed with a per-launch key, bound to one agent, one mount and
 * a path inside that widget, valid for a few minutes, and good for nothing
 * but minting a fresh ≤ 60 s widget grant for that one widget host — which
 * the agent page it was served to could get anyway by navigating. It needs
 * no session, so it mints only a few grants a minute, kept apart from every
 * other grant (GrantIssuer.linkWaitMs).
 */
export class WidgetLinkSigner {
  readonly #key = randomBytes(32);
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  mint(agent: string, mount: string, to: string): string {
    const claims: WidgetLinkClaims = { id: randomBytes(12).toString('base64url'), agent, mount, to, exp: this.#now() + WIDGET_LINK_TTL_MS };
    return signToken(this.#key, claims);
  }

  verify(token: string | null | undefined, agent: string, basePath: string): WidgetLinkCheck {
    const opened = openToken(this.#key, token, 4096);
    if (!opened.ok) return opened;
    const claims = opened.claims as WidgetLinkClaims;
    if (claims === null || typeof claims !== 'object' || typeof claims.id !== 'string' || typeof claims.to !== 'string' || typeof claims.exp !== 'number') {
      return { ok: false, reason: 'malformed' };
    }
    if (mountProblem(claims.mount) !== undefined) return { ok: false, reason: 'malformed' };
    if (claims.agent !== agent) return { ok: false, reason: 'wrong-agent' };
    if (this.#now() >= claims.exp) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { ...claims, to: widgetTarget(claims.to, basePath, claims.mount) } };
  }
}

/** `to` when it is a safe same-host path inside the widget's tree, else the widget's root. */
export function widgetTarget(to: string | null | undefined, basePath: string, mount: string): string {
  const home = widgetPrefix(basePath, mount);
  const target = safeRedirectTarget(to, home);
  return target.startsWith(home) ? target : home;
}
