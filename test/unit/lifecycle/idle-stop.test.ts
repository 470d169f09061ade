import { describe, expect, it } from 'vitest';
import { idleAgents, type IdleCandidate } from '../../../main/core/lifecycle/idle-stop.js';

const MIN = 60_000;
const agent = (overrides: Partial<IdleCandidate> = {}): IdleCandidate => ({
  id: 'a',
  online: true,
  stoppable: true,
  activeRuns: 0,
  lastRequestAt: undefined,
  onlineSince: 0,
  ...overrides,
});

describe('idleAgents', () => {
  it('is off at 0 minutes', () => {
    expect(idleAgents([agent()], 100 * MIN, 0)).toEqual([]);
  });

  it('stops an agent with neither a request nor its coming online within the time', () => {
    expect(idleAgents([agent({ lastRequestAt: 1 * MIN, onlineSince: 0 })], 11 * MIN, 10 * MIN)).toEqual(['a']);
    expect(idleAgents([agent({ lastRequestAt: 2 * MIN })], 11 * MIN, 10 * MIN)).toEqual([]);
    // Never asked anything this run: counted from when it came online.
    expect(idleAgents([agent({ onlineSince: 5 * MIN })], 11 * MIN, 10 * MIN)).toEqual([]);
    expect(idleAgents([agent({ onlineSince: 1 * MIN })], 11 * MIN, 10 * MIN)).toEqual(['a']);
  });

  it('never stops an agent with an active run, one that is down, or one whose root cannot stop it (or is busy)', () => {
    const now = 100 * MIN;
    expect(idleAgents([agent({ activeRuns: 1 })], now, MIN)).toEqual([]);
    expect(idleAgents([agent({ online: false })], now, MIN)).toEqual([]);
    expect(idleAgents([agent({ stoppable: false })], now, MIN)).toEqual([]);
    expect(idleAgents([agent({ id: 'x' }), agent({ id: 'y', activeRuns: 2 }), agent({ id: 'z' })], now, MIN)).toEqual(['x', 'z']);
  });
});
