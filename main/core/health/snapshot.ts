import type { HealthStatus } from '../../../preload/contract.js';
import type { HealthSnapshot } from './health-types.js';

/** Before the first probe answers. */
export function unknownSnapshot(): HealthSnapshot {
  return {
    health: { status: 'unknown', latencyMs: null, version: null, capabilities: [], checkedAt: null },
    widgets: [],
    sessions: { count: 0, activeRuns: 0 },
  };
}

/** What listeners care about: everything except latency and checkedAt, which jitter on every probe. */
function significant(snapshot: HealthSnapshot): string {
  const { status, version, capabilities, error } = snapshot.health;
  return JSON.stringify([status, version, capabilities, error ?? null, snapshot.widgets, snapshot.sessions]);
}

export function snapshotChanged(previous: HealthSnapshot, next: HealthSnapshot): boolean {
  return significant(previous) !== significant(next);
}

/**
 * Pause before the next probe: the interval while reachable; while offline,
 * the interval doubled per consecutive failure (1×, 2×, 4×, …) up to the cap.
 */
export function nextDelayMs(status: HealthStatus, failures: number, intervalMs: number, maxBackoffMs: number): number {
  if (status !== 'offline' || failures <= 1) return intervalMs;
  const factor = 2 ** Math.min(failures - 1, 30);
  return Math.min(maxBackoffMs, intervalMs * factor);
}
