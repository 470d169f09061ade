import { describe, expect, it } from 'vitest';
import { nextDelayMs, snapshotChanged, unknownSnapshot } from '../../../main/core/health/snapshot.js';
import type { HealthSnapshot } from '../../../main/core/health/health-types.js';

function online(overrides: Partial<HealthSnapshot['health']> = {}): HealthSnapshot {
  return { ...unknownSnapshot(), health: { status: 'online', latencyMs: 1.5, version: '1', capabilities: ['web'], checkedAt: 1, ...overrides } };
}

describe('nextDelayMs', () => {
  it('keeps the interval while reachable', () => {
    expect(nextDelayMs('online', 0, 100, 1000)).toBe(100);
    expect(nextDelayMs('unauthorized', 0, 100, 1000)).toBe(100);
  });

  it('doubles per consecutive offline probe up to the cap', () => {
    expect([1, 2, 3, 4, 5, 50].map((f) => nextDelayMs('offline', f, 100, 1000))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('snapshotChanged', () => {
  it('ignores latency and checkedAt jitter', () => {
    expect(snapshotChanged(online(), online({ latencyMs: 9, checkedAt: 99 }))).toBe(false);
  });

  it('sees status, version, capabilities, error, widgets and sessions', () => {
    const base = online();
    expect(snapshotChanged(base, online({ status: 'offline' }))).toBe(true);
    expect(snapshotChanged(base, online({ version: '2' }))).toBe(true);
    expect(snapshotChanged(base, online({ capabilities: ['web', 'voice'] }))).toBe(true);
    expect(snapshotChanged(base, online({ error: 'x' }))).toBe(true);
    expect(snapshotChanged(base, { ...base, sessions: { count: 1, activeRuns: 0 } })).toBe(true);
    expect(snapshotChanged(base, { ...base, widgets: [{ id: 'w', mount: 'w', title: 'w', state: 'running' }] })).toBe(true);
  });
});
