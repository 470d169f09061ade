/**
 * The one REST route table: how each invoke and stream channel travels over
 * HTTP in browser mode. The renderer builds requests from it (renderer/api/
 * http-routes.ts) and the desk matches them with it (main/core/api/
 * http-api.ts), so the two sides cannot drift.
 *
 * A path's `:name` segments are the request's fields of the same name; a
 * route with `body: 'request'` sends the whole request as its JSON body.
 * Every other non-GET route sends `{}`. A stream route answers a
 * `text/event-stream` of `chunk` events and one `end` event.
 */
import type { DeskInvokeContract, DeskStreamContract, InvokeChannel, StreamChannel } from './api.js';

export type RestMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRoute {
  readonly method: RestMethod;
  readonly path: `/api/${string}`;
  readonly body?: 'request';
  /** The success status when it is not 200 (202: accepted, the work goes on). */
  readonly status?: 202;
}

/** The `:name` parameters of a path template. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** Total over a contract's channels, and each path's parameters are fields of its request. */
type CheckedRoutes<Contract extends { [K in keyof Contract]: { request: unknown } }, T extends { readonly [C in keyof Contract]: RestRoute }> = {
  [C in keyof T]: C extends keyof Contract
    ? PathParams<T[C]['path']> extends keyof Contract[C]['request'] & string
      ? T[C]
      : `path parameters of ${C & string} must be fields of its request`
    : never;
};

const invokeRoutes = {
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
  // Accepted, not done: progress arrives as `agents:progress` events.
  'agents:start': { method: 'POST', path: '/api/agents/:id/start', status: 202 },
  'agents:stop': { method: 'POST', path: '/api/agents/:id/stop', status: 202 },
  'agents:restart': { method: 'POST', path: '/api/agents/:id/restart', status: 202 },
  'agents:cancel': { method: 'POST', path: '/api/agents/:id/cancel' },
  'agents:logs': { method: 'GET', path: '/api/agents/:id/logs' },
  'agents:watch-logs': { method: 'POST', path: '/api/agents/:id/logs/watch' },
} as const;

const streamRoutes = {
  'agents:watch': { method: 'GET', path: '/api/agents/:id/watch' },
} as const;

export const REST_ROUTES: CheckedRoutes<DeskInvokeContract, typeof invokeRoutes> = invokeRoutes;
export const STREAM_ROUTES: CheckedRoutes<DeskStreamContract, typeof streamRoutes> = streamRoutes;

/** The path of the desk's event stream (Server-Sent Events of state events). */
export const EVENTS_PATH = '/api/events';

export interface RestRequest {
  method: RestMethod;
  path: string;
  body?: unknown;
}

function requestFor(route: RestRoute | undefined, channel: string, request: unknown): RestRequest {
  if (!route) throw new Error(`unknown desk channel: ${channel}`);
  const fields = (request ?? {}) as Record<string, unknown>;
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(fields[name])));
  if (route.method === 'GET') return { method: route.method, path };
  return { method: route.method, path, body: route.body === 'request' ? request : {} };
}

/** The HTTP request for one call; path parameters are percent-encoded. */
export function restRequestFor<C extends InvokeChannel>(channel: C, request: DeskInvokeContract[C]['request']): RestRequest {
  return requestFor(Object.hasOwn(REST_ROUTES, channel) ? REST_ROUTES[channel] : undefined, String(channel), request);
}

/** The HTTP request that opens one stream. */
export function streamRequestFor<C extends StreamChannel>(channel: C, request: DeskStreamContract[C]['request']): RestRequest {
  return requestFor(Object.hasOwn(STREAM_ROUTES, channel) ? STREAM_ROUTES[channel] : undefined, String(channel), request);
}

type Compiled =
  | { kind: 'invoke'; channel: InvokeChannel; route: RestRoute; pattern: RegExp; params: string[] }
  | { kind: 'stream'; channel: StreamChannel; route: RestRoute; pattern: RegExp; params: string[] };

function compile(route: RestRoute): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), params };
}

const COMPILED: Compiled[] = [
  ...(Object.keys(REST_ROUTES) as InvokeChannel[]).map((channel): Compiled => ({ kind: 'invoke', channel, route: REST_ROUTES[channel], ...compile(REST_ROUTES[channel]) })),
  ...(Object.keys(STREAM_ROUTES) as StreamChannel[]).map((channel): Compiled => ({ kind: 'stream', channel, route: STREAM_ROUTES[channel], ...compile(STREAM_ROUTES[channel]) })),
];

interface Matched {
  method: RestMethod;
  body?: 'request';
  params: Record<string, string>;
}

export type RestMatch =
  | ({ kind: 'invoke'; channel: InvokeChannel } & Matched)
  | ({ kind: 'stream'; channel: StreamChannel } & Matched)
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/**
 * The channel a request is for. Path parameters are passed on as sent (not
 * decoded): every valid id and mount is plain ASCII that needs no escaping,
 * so an escaped one fails validation, as it should.
 */
export function matchRestRoute(method: string | undefined, pathname: string): RestMatch {
  let wrongMethod = false;
  for (const compiled of COMPILED) {
    const match = compiled.pattern.exec(pathname);
    if (!match) continue;
    if (compiled.route.method !== method) {
      wrongMethod = true;
      continue;
    }
    const params = Object.fromEntries(compiled.params.map((name, index) => [name, match[index + 1]!]));
    const matched: Matched = { method: compiled.route.method, params, ...(compiled.route.body ? { body: compiled.route.body } : {}) };
    return compiled.kind === 'invoke' ? { kind: 'invoke', channel: compiled.channel, ...matched } : { kind: 'stream', channel: compiled.channel, ...matched };
  }
  return wrongMethod ? { kind: 'wrong-method' } : { kind: 'none' };
}
