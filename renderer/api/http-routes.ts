import type { DeskEvent, EventChannel, InvokeChannel, InvokeRequest } from '../../preload/contract.js';

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

const segment = (value: string): string => encodeURIComponent(value);

/** How each contract channel maps to the desk's control API in browser mode. */
export function routeFor<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): HttpRoute {
  switch (channel) {
    case 'desk:info':
      return { method: 'GET', path: '/api/info' };
    case 'agents:list':
      return { method: 'GET', path: '/api/agents' };
    case 'agents:open': {
      const { id } = request as InvokeRequest<'agents:open'>;
      return { method: 'POST', path: `/api/agents/${segment(id)}/open`, body: {} };
    }
    case 'widgets:open': {
      const { agentId, mount } = request as InvokeRequest<'widgets:open'>;
      return { method: 'POST', path: `/api/agents/${segment(agentId)}/widgets/${segment(mount)}/open`, body: {} };
    }
    case 'settings:get':
      return { method: 'GET', path: '/api/settings' };
    case 'settings:update':
      return { method: 'PATCH', path: '/api/settings', body: request };
    default:
      throw new Error(`unknown desk channel: ${String(channel)}`);
  }
}

export const EVENT_CHANNELS: readonly EventChannel[] = ['agents:changed', 'desk:changed', 'settings:changed'];

/** Turns one SSE message into a typed event, or null when it is not one we know. */
export function parseEvent(channel: string, data: string): DeskEvent | null {
  if (!(EVENT_CHANNELS as readonly string[]).includes(channel)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const valid =
    (channel === 'agents:changed' && Array.isArray(p.agents)) ||
    (channel === 'desk:changed' && isObject(p.info)) ||
    (channel === 'settings:changed' && isObject(p.settings));
  return valid ? ({ channel, payload: p } as DeskEvent) : null;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
