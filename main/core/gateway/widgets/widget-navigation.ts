import type { IncomingHttpHeaders } from 'node:http';
import { WIDGET_LINK_PATH } from './widget-links.js';
import { mountProblem, widgetPathSegment, widgetPrefix } from '../../hosts/index.js';

export type AgentWidgetRoute =
  /** Not a widget navigation: proxy as usual (the agent's own fetch of its widget paths included). */
  | { kind: 'proxy' }
  /** Top-level document navigation: 302 to the widget host's enter URL with a fresh grant. */
  | { kind: 'enter-redirect'; mount: string; to: string }
  /** Any other navigation (the desk frames the agent; widget hosts refuse frames): the gateway's link page. */
  | { kind: 'link-page'; mount: string; to: string }
  /** A navigation to a widget path whose mount name is not valid. */
  | { kind: 'bad-mount'; problem: string }
  /** `/__desk/widget-link?t=…`: the link page's link was clicked. */
  | { kind: 'widget-link'; token: string | null };

const PROXY: AgentWidgetRoute = { kind: 'proxy' };

/**
 * What an agent host does with a request for `{base}/widgets/<mount>…`
 * (docs/security.md, "Widget isolation"). A widget's content must
 * never render as a document on the agent's origin, where it would run with
 * the agent's session: every navigation to a widget path leaves the agent
 * host — a top-level one by redirect to the widget's own origin, a framed
 * (or object/embed) one by a page linking there in a new tab. Requests that
 * are not navigations are the agent page's own `fetch` and pass through.
 * The caller has already checked the agent session (except for the link,
 * which carries its own signed capability).
 */
export function agentWidgetNavigation(
  method: string | undefined,
  url: string,
  headers: IncomingHttpHeaders,
  basePath: string,
): AgentWidgetRoute {
  const mode = headers['sec-fetch-mode'];
  const navigation = mode === 'navigate' || mode === 'nested-navigate';
  // Hot path: the agent's own API calls are not navigations and allocate nothing here.
  if (!navigation && !url.startsWith(WIDGET_LINK_PATH)) return PROXY;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path === WIDGET_LINK_PATH) {
    return { kind: 'widget-link', token: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).get('t') };
  }
  const segment = navigation ? widgetPathSegment(path, basePath) : undefined;
  if (segment === undefined) return PROXY;
  const { mount, slash } = segment;
  const problem = mountProblem(mount);
  if (problem !== undefined) return { kind: 'bad-mount', problem };
  const query = q < 0 ? '' : url.slice(q);
  const to = slash < 0 ? widgetPrefix(basePath, mount) + query : url;
  const topLevel = headers['sec-fetch-dest'] === 'document' && (method === 'GET' || method === 'HEAD');
  return topLevel ? { kind: 'enter-redirect', mount, to } : { kind: 'link-page', mount, to };
}
