import type { InvokeChannel, InvokeRequest } from '../../../preload/contract.js';
import { DeskError } from './desk-errors.js';

const AGENT_ID = /^[a-z0-9-]{1,63}$/;
const MOUNT = /^[a-z0-9][a-z0-9-]{0,63}$/;

function objectOf(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new DeskError('bad-request', 'the request must be a JSON object');
  }
  return payload as Record<string, unknown>;
}

function agentId(value: unknown): string {
  if (typeof value !== 'string' || !AGENT_ID.test(value)) throw new DeskError('bad-request', 'invalid agent id');
  return value;
}

function mount(value: unknown): string {
  if (typeof value !== 'string' || !MOUNT.test(value)) {
    throw new DeskError('bad-request', 'invalid widget mount (expected lower-case letters, digits and hyphens)');
  }
  return value;
}

type Validators = { [C in InvokeChannel]: (payload: unknown) => InvokeRequest<C> };

/** Every payload crossing into main is checked here, whatever the transport. */
const VALIDATORS: Validators = {
  'desk:info': () => undefined,
  'agents:list': () => undefined,
  'agents:open': (payload) => ({ id: agentId(objectOf(payload).id) }),
  'widgets:open': (payload) => {
    const body = objectOf(payload);
    return { agentId: agentId(body.agentId), mount: mount(body.mount) };
  },
  'settings:get': () => undefined,
  // Field-level checks live with the settings schema; here only the shape.
  'settings:update': (payload) => objectOf(payload),
};

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(VALIDATORS, value);
}

export function validateRequest<C extends InvokeChannel>(channel: C, payload: unknown): InvokeRequest<C> {
  return (VALIDATORS[channel] as (payload: unknown) => InvokeRequest<C>)(payload);
}
