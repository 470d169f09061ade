import type { DeskStateEvent, InvokeChannel, InvokeRequest } from '../../preload/contract.js';
import { isStateEventChannel, toDeskEvent } from '../../preload/contract/channels.js';
import { restRequestFor, type RestRequest } from '../../preload/contract/rest-routes.js';

export type HttpRoute = RestRequest;

/** How each contract channel maps to the desk's control API in browser mode (the shared route table). */
export function routeFor<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): HttpRoute {
  return restRequestFor(channel, request);
}

/**
 * Turns one SSE message into a typed state event, or null when it is not
 * one we know. Shell commands never come over HTTP.
 */
export function parseEvent(channel: string, data: string): DeskStateEvent | null {
  if (!isStateEventChannel(channel)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  return toDeskEvent(channel, payload) as DeskStateEvent | null;
}
