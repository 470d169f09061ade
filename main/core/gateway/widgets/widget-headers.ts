import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { appendCsp, stripResponseHeaders } from '../header-rewrite.js';
import { REDIRECT_BLOCKED_PATH } from './widget-policy.js';

/** Appended as its own CSP header value, so a widget's own policy stays in force as well. */
export const WIDGET_FRAME_CSP = "frame-ancestors 'none'";

/** Powerful features no widget gets, whatever it asks for. */
export const WIDGET_PERMISSIONS_POLICY = [
  'camera',
  'microphone',
  'geolocation',
  'usb',
  'serial',
  'hid',
  'clipboard-read',
  'accelerometer',
  'gyroscope',
  'magnetometer',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Headers every widget-host response carries, replacing any the widget sent:
 * no referrer leaves the widget, it shares no browsing context group with its
 * opener, no other origin may embed its resources, no MIME sniffing, no
 * powerful features, no framing (also for browsers without CSP level 2).
 */
export const WIDGET_BASELINE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'permissions-policy': WIDGET_PERMISSIONS_POLICY,
  'x-frame-options': 'DENY',
});

/**
 * Upstream headers a widget response never passes on, besides what every
 * host kind drops (stripResponseHeaders: Set-Cookie, hop-by-hop). Refresh: a
 * header redirect that would bypass the Location check. CORS grants: a
 * widget serves only itself. Service-Worker-Allowed: keeps a widget's
 * service worker inside its own path, away from `/__desk/*`.
 */
const DROPPED = [
  'refresh',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-private-network',
  'service-worker-allowed',
];

/**
 * The Location a widget response may carry: unchanged when it resolves to the
 * widget's own origin (relative paths, or absolute on the widget host), else
 * the gateway's blocked-redirect page. That covers the agent host, the raw
 * upstream (`127.0.0.1`/`localhost`/`[::1]` on any port), other widgets, the
 * desk, `//other`, `\\other` and non-http schemes. The page never repeats the
 * target, which could carry a secret in its query.
 */
export function widgetLocation(location: string, widgetOrigin: string): string {
  let resolved: URL;
  try {
    resolved = new URL(location, `${widgetOrigin}/`);
  } catch {
    return REDIRECT_BLOCKED_PATH;
  }
  return resolved.origin === widgetOrigin ? location : REDIRECT_BLOCKED_PATH;
}

/** True when the Location was replaced (worth a log line). */
export interface WidgetRewriteResult {
  redirectBlocked: boolean;
}

/**
 * Edits an upstream widget response's headers in place, before the gateway
 * writes them to the client: the rules every host kind shares
 * (header-rewrite.ts), then what a widget may not send, off-host redirects
 * neutralised, `frame-ancestors 'none'` appended to its CSP, the baseline.
 */
export function rewriteWidgetResponseHeaders(
  statusCode: number | undefined,
  headers: IncomingHttpHeaders | OutgoingHttpHeaders,
  widgetOrigin: string,
): WidgetRewriteResult {
  stripResponseHeaders(statusCode, headers);
  for (const name of DROPPED) delete headers[name];
  let redirectBlocked = false;
  const location = headers.location;
  if (location !== undefined) {
    const next = typeof location === 'string' ? widgetLocation(location, widgetOrigin) : REDIRECT_BLOCKED_PATH;
    redirectBlocked = next !== location;
    headers.location = next;
  }
  appendCsp(headers, WIDGET_FRAME_CSP);
  Object.assign(headers, WIDGET_BASELINE_HEADERS);
  return { redirectBlocked };
}

/** The baseline on a response the gateway writes itself on a widget host. */
export function setWidgetBaseline(res: ServerResponse): void {
  for (const [name, value] of Object.entries(WIDGET_BASELINE_HEADERS)) res.setHeader(name, value);
}
