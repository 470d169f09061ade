import { describe, expect, it } from 'vitest';
import { agentTabName, placementOf, readProbeMessage, STORAGE_PROBE_MESSAGE, verdictOf } from '../../../renderer/logic/framed-storage.js';
import { STORAGE_PROBE_MESSAGE as GATEWAY_MESSAGE } from '../../../main/core/gateway/storage-probe.js';

describe('framed storage decisions', () => {
  it('reads only the probe message, with each check true or a short reason', () => {
    const ok = { type: STORAGE_PROBE_MESSAGE, localStorage: true, indexedDB: true, serviceWorker: true };
    expect(readProbeMessage(ok)).toEqual({ localStorage: true, indexedDB: true, serviceWorker: true });
    expect(readProbeMessage({ ...ok, localStorage: 'SecurityError: Access is denied' })?.localStorage).toBe('SecurityError: Access is denied');
    for (const bad of [null, 'x', 42, {}, { ...ok, type: 'other' }, { ...ok, indexedDB: false }, { ...ok, serviceWorker: 1 }, { ...ok, localStorage: 'x'.repeat(301) }]) {
      expect(readProbeMessage(bad)).toBeUndefined();
    }
  });

  it('the renderer and the gateway agree on the message type', () => {
    expect(STORAGE_PROBE_MESSAGE).toBe(GATEWAY_MESSAGE);
  });

  it('available only when all three checks work; denied names what failed', () => {
    expect(verdictOf({ localStorage: true, indexedDB: true, serviceWorker: true })).toEqual({ state: 'available' });
    expect(verdictOf({ localStorage: 'SecurityError: denied', indexedDB: true, serviceWorker: 'NotSupportedError: no' })).toEqual({
      state: 'denied',
      reason: 'localStorage: SecurityError: denied; service workers: NotSupportedError: no',
    });
    expect(verdictOf({ localStorage: true, indexedDB: 'UnknownError', serviceWorker: true }).state).toBe('denied');
  });

  it('agents open in a tab only where framed storage is denied; undecided while checking', () => {
    expect(placementOf({ state: 'denied', reason: 'x' })).toBe('tab');
    expect(placementOf({ state: 'checking' })).toBe('undecided');
    for (const state of ['available', 'not-needed'] as const) expect(placementOf({ state })).toBe('desk');
    expect(placementOf({ state: 'unknown', reason: 'no answer' })).toBe('desk');
  });

  it('names each agent tab after the agent, with window-name-safe characters', () => {
    expect(agentTabName('a-alpha-abcdef')).toBe('agent-desk-a-alpha-abcdef');
    expect(agentTabName('a b/c')).toBe('agent-desk-a_b_c');
    expect(agentTabName('a-x-1')).not.toBe(agentTabName('a-y-1'));
  });
});
