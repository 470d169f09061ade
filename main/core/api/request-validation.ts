import { SESSION_ID } from '../attention/parse-attention.js';
import { isMount } from '../hosts/index.js';
import { DeskError } from './desk-errors.js';

/**
 * The checks every payload crossing into main is built from, whatever the
 * transport; each domain's handlers (handlers/*.ts) combine them.
 */

export function objectOf(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new DeskError('bad-request', 'the request must be a JSON object');
  }
  return payload as Record<string, unknown>;
}

/** A sanity bound only: an id of the right charset that names no agent is `not-found`, not `bad-request`. */
const AGENT_ID = /^[a-z0-9-]{1,63}$/;

export function agentId(value: unknown): string {
  if (typeof value !== 'string' || !AGENT_ID.test(value)) throw new DeskError('bad-request', 'invalid agent id');
  return value;
}

export function mount(value: unknown): string {
  if (!isMount(value)) {
    throw new DeskError('bad-request', 'invalid widget mount (expected lower-case letters, digits and hyphens)');
  }
  return value;
}

export function sessionId(value: unknown): string {
  if (typeof value !== 'string' || !SESSION_ID.test(value)) throw new DeskError('bad-request', 'invalid session id');
  return value;
}
