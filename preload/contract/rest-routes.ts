/**
 * The one REST route table: how each invoke channel travels over HTTP in
 * browser mode. The renderer builds requests from it (renderer/api/
 * http-routes.ts) and the desk matches them with it (main/core/api/
 * http-api.ts), so the two sides cannot drift.
 *
 * A path's `:name` segments are the request's fields of the same name; a
 * route with `body: 'request'` sends the whole request as its JSON body.
 * Every other non-GET route sends `{}`.
 */
import type { InvokeChannel, InvokeRequest } from './api.js';

export type RestMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The `:name` parameters of a path template. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export interface RestRoute {
  readonly method: RestMethod;
  readonly path: `/api/${string}`;
  readonly body?: 'request';
}

/** Total over the invoke channels, and each path's parameters are fields of its request. */
type CheckedRoutes<T extends { readonly [C in InvokeChannel]: RestRoute }> = {
  [C in keyof T]: C extends InvokeChannel
    ? PathParams<T[C]['path']> extends keyof InvokeRequest<C> & string
      ? T[C]
      : `path parameters of ${C} must be fields of its request`
    : never;
};

const routes = {
  'desk:info': { method: 'GET', path: '/api/info' },
  'agents:list': { method: 'GET', path: '/api/agents' },
  'agents:open': { method: 'POST', path: '/api/agents/:id/open', body: 'request' },
  'widgets:open': { method: 'POST', path: '/api/agents/:agentId/widgets/:mount/open' },
  'settings:get': { method: 'GET', path: '/api/settings' },
  'settings:update': { method: 'PATCH', path: '/api/settings', body: 'request' },
  'settings:check-root': { method: 'POST', path: '/api/settings/check-root', body: 'request' },
  'attention:list': { method: 'GET', path: '/api/attention' },
  'attention:answer': { method: 'POST', path: '/api/attention/answer', body: 'request' },
  'attention:seen': { method: 'POST', path: '/api/attention/seen', body: 'request' },
  'attention:focus': { method: 'POST', path: '/api/attention/focus', body: 'request' },
} as const;

export const REST_ROUTES: CheckedRoutes<typeof routes> = routes;

/** The path of the desk's event stream (Server-Sent Events of state events). */
export const EVENTS_PATH = '/api/events';

export interface RestRequest {
  method: RestMethod;
  path: string;
  body?: unknown;
}

/** The HTTP request for one call; path parameters are percent-encoded. */
export function restRequestFor<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): RestRequest {
  const route: RestRoute | undefined = Object.hasOwn(REST_ROUTES, channel) ? REST_ROUTES[channel] : undefined;
  if (!route) throw new Error(`unknown desk channel: ${String(channel)}`);
  const fields = (request ?? {}) as Record<string, unknown>;
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(fields[name])));
  if (route.method === 'GET') return { method: route.method, path };
  return { method: route.method, path, body: route.body === 'request' ? request : {} };
}

interface CompiledRoute {
  channel: InvokeChannel;
  method: RestMethod;
  pattern: RegExp;
  params: string[];
  body?: 'request';
}

const COMPILED: CompiledRoute[] = (Object.keys(REST_ROUTES) as InvokeChannel[]).map((channel) => {
  const route: RestRoute = REST_ROUTES[channel];
  const params: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { channel, method: route.method, pattern: new RegExp(`^${source}$`), params, ...(route.body ? { body: route.body } : {}) };
});

export type RestMatch =
  | { kind: 'route'; channel: InvokeChannel; method: RestMethod; body?: 'request'; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/**
 * The channel a request is for. Path parameters are passed on as sent (not
 * decoded): every valid id and mount is plain ASCII that needs no escaping,
 * so an escaped one fails validation, as it should.
 */
export function matchRestRoute(method: string | undefined, pathname: string): RestMatch {
  let wrongMethod = false;
  for (const route of COMPILED) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method !== method) {
      wrongMethod = true;
      continue;
    }
    const params = Object.fromEntries(route.params.map((name, index) => [name, match[index + 1]!]));
    return { kind: 'route', channel: route.channel, method: route.method, params, ...(route.body ? { body: route.body } : {}) };
  }
  return wrongMethod ? { kind: 'wrong-method' } : { kind: 'none' };
}
