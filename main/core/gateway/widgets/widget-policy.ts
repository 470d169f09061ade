import type { IncomingHttpHeaders } from 'node:http';
import { ENTER_PATH } from '../paths.js';
import { widgetPrefix } from '../../hosts/index.js';
import { isUnsafeMethod } from '../request-policy.js';

export { MOUNT_PATTERN, mountProblem, widgetPrefix } from '../../hosts/index.js';

/** Where the gateway sends a widget response whose Location pointed off the widget host. */
export const REDIRECT_BLOCKED_PATH = '/__desk/redirect-blocked';

export type WidgetPathDecision =
  /** Proxy to the agent, path unchanged. */
  | { kind: 'serve' }
  /** `/__desk/enter`: redeem a widget grant. */
  | { kind: 'enter' }
  /** The gateway's page saying a redirect off the widget host was blocked. */
  | { kind: 'redirect-blocked' }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

const SERVE: WidgetPathDecision = { kind: 'serve' };
const ENTER: WidgetPathDecision = { kind: 'enter' };
const BLOCKED: WidgetPathDecision = { kind: 'redirect-blocked' };
const NOT_FOUND: WidgetPathDecision = { kind: 'not-found' };

/**
 * What a widget host does with a request target (already checked by
 * `pathProblem`: no dot segments, no encoded separators). The host serves
 * only its own widget's tree; `/` and the slash-less form redirect into it;
 * of `/__desk/*` only enter (and the blocked-redirect page) exist here.
 * Everything else — the agent's API and UI, other mounts — is 404.
 */
export function widgetPathDecision(method: string | undefined, url: string, basePath: string, mount: string): WidgetPathDecision {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  const prefix = widgetPrefix(basePath, mount);
  if (path.startsWith(prefix)) return SERVE;
  const readOnly = !isUnsafeMethod(method) && method !== 'OPTIONS';
  if (path === ENTER_PATH) return ENTER;
  if (path === REDIRECT_BLOCKED_PATH) return readOnly ? BLOCKED : NOT_FOUND;
  if (readOnly && (path === '/' || path === prefix.slice(0, -1))) return { kind: 'redirect', location: prefix + query };
  return NOT_FOUND;
}

export type WidgetVerdict = 'allow' | 'cross-site' | 'foreign-origin' | 'cross-site-navigation';

/**
 * Fetch-metadata and Origin rules for widget hosts: those of agent hosts,
 * and stricter on navigations. Nothing may frame a widget, so a cross-site
 * navigation of any destination (document, iframe, object) gets the
 * gateway's page, except `/__desk/enter` (the desk opens widgets in a new
 * tab, which arrives cross-site). Requests without these headers come from
 * no browser we know and still need their session.
 */
export function widgetVerdict(method: string | undefined, headers: IncomingHttpHeaders, ownOrigin: string, upgrade: boolean): WidgetVerdict {
  const origin = headers.origin;
  if ((upgrade || isUnsafeMethod(method)) && origin !== undefined && origin !== ownOrigin) return 'foreign-origin';
  const site = headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return 'allow';
  const mode = headers['sec-fetch-mode'];
  return mode === 'navigate' || mode === 'nested-navigate' ? 'cross-site-navigation' : 'cross-site';
}
