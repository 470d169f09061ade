import { isMount, isWidgetLabel, widgetPathSegment } from '../hosts/index.js';
import { isAppUrl } from './app-url.js';
import { gatewayLabelOf } from './partitions.js';

/** What the shell does with a navigation or a `window.open`. */
export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny'; reason: string }
  /** Open `{base}/widgets/<mount>/` of this agent in a widget window. */
  | { action: 'open-widget'; mount: string }
  /** Hand the URL to the system browser (`shell.openExternal`). */
  | { action: 'open-external'; url: string }
  /** A widget enter URL the desk minted: load it in a widget window. */
  | { action: 'open-widget-window'; url: string; label: string };

function parse(rawUrl: string): URL | undefined {
  try {
    return new URL(rawUrl);
  } catch {
    return undefined;
  }
}

/** The main window shows the bundled renderer and nothing else. */
export function decideMainWindowNavigation(rawUrl: string): NavigationDecision {
  if (isAppUrl(rawUrl)) return { action: 'allow' };
  return { action: 'deny', reason: 'the desk window only shows the desk' };
}

/**
 * `window.open` from the desk page: the UI opens a widget by opening the
 * enter URL `widgets:open` gave it, which becomes a widget window. Links to
 * the web go to the system browser; agent and desk hosts, and every other
 * scheme, are refused (agents open in their webview, never in a window).
 */
export function decideMainWindowOpen(rawUrl: string, gatewayPort: number): NavigationDecision {
  const label = gatewayLabelOf(rawUrl, gatewayPort);
  if (label !== undefined && isWidgetLabel(label)) return { action: 'open-widget-window', url: rawUrl, label };
  const url = parse(rawUrl);
  if (!url) return { action: 'deny', reason: 'not a valid URL' };
  if (url.username !== '' || url.password !== '') return { action: 'deny', reason: 'URLs with credentials are refused' };
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) return { action: 'deny', reason: 'the desk does not open its own hosts in windows' };
  if (url.protocol === 'http:' || url.protocol === 'https:') return { action: 'open-external', url: url.href };
  return { action: 'deny', reason: `${url.protocol} links are refused` };
}

export interface AgentNavigationContext {
  /** `http://<label>.localhost:PORT` of the agent this webview belongs to. */
  agentOrigin: string;
  /** The agent's WEB_BASE_PATH, normalized (`/chat`, or `` for root). */
  basePath: string;
}

/**
 * The mount of a `{base}/widgets/<mount>` or `{base}/widgets/<mount>/…` path
 * on the agent's own origin, or undefined.
 */
export function widgetMountOf(url: URL, context: AgentNavigationContext): string | undefined {
  if (url.origin !== context.agentOrigin) return undefined;
  const segment = widgetPathSegment(url.pathname, context.basePath);
  return segment !== undefined && isMount(segment.mount) ? segment.mount : undefined;
}

/**
 * An agent's webview stays on its agent's host. Its widget paths open the
 * widget window (the widget runs on an origin of its own, never inside the
 * agent's), other http(s) links go to the system browser, and every other
 * scheme (file:, javascript:, custom protocols, the app's own) is denied.
 * `kind` tells a navigation of the page itself from a `window.open`: a
 * same-host popup is not allowed to make a second, unmanaged agent window.
 */
export function decideAgentNavigation(rawUrl: string, context: AgentNavigationContext, kind: 'navigate' | 'window-open'): NavigationDecision {
  const url = parse(rawUrl);
  if (!url) return { action: 'deny', reason: 'not a valid URL' };
  if (url.username !== '' || url.password !== '') return { action: 'deny', reason: 'URLs with credentials are refused' };
  const mount = widgetMountOf(url, context);
  if (mount !== undefined) return { action: 'open-widget', mount };
  if (url.origin === context.agentOrigin) {
    return kind === 'navigate' ? { action: 'allow' } : { action: 'deny', reason: 'an agent cannot open a second window of itself' };
  }
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) {
    // Another agent, a widget host or the desk: reaching them is the desk's job,
    // and the system browser would only land on the gateway's login page.
    return { action: 'deny', reason: 'links to other desk hosts are refused' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { action: 'open-external', url: url.href };
  return { action: 'deny', reason: `${url.protocol} links are refused` };
}

/** A widget window stays on its widget host; it opens nothing. */
export function decideWidgetNavigation(rawUrl: string, widgetOrigin: string, kind: 'navigate' | 'window-open'): NavigationDecision {
  if (kind === 'window-open') return { action: 'deny', reason: 'widgets cannot open windows' };
  const url = parse(rawUrl);
  if (url && url.origin === widgetOrigin && url.username === '' && url.password === '') return { action: 'allow' };
  return { action: 'deny', reason: 'a widget window stays on its widget host' };
}

/**
 * The network-level backstop behind the navigation events: a partition's
 * top-level document may only come from its own origin. `will-navigate` does
 * not see loads the embedder starts (a changed `<webview src>`), and this
 * check, on the session's main-frame requests, does.
 */
export function mainFrameAllowed(rawUrl: string, origin: string): boolean {
  const url = parse(rawUrl);
  return url !== undefined && url.origin === origin && url.username === '' && url.password === '';
}

/** Query strings and fragments can hold grants; logs get scheme, host and path only. */
export function urlForLog(rawUrl: string): string {
  const url = parse(rawUrl);
  if (!url) return '(unparseable URL)';
  return url.host ? `${url.protocol}//${url.host}${url.pathname}` : `${url.protocol}…`;
}
