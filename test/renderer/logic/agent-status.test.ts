import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../../preload/contract.js';
import { describeStatus, isReachable, statusKind } from '../../../renderer/logic/agent-status.js';
import { makeAgent } from '../../fixtures/memory-desk-api.js';

const withHealth = (status: AgentRecord['health']['status'], error?: string) =>
  makeAgent('scout', { health: { status, latencyMs: null, version: null, capabilities: [], checkedAt: null, ...(error ? { error } : {}) } });

describe('statusKind', () => {
  it('lets the workspace state win over health', () => {
    expect(statusKind(makeAgent('a', { state: 'invalid', reason: 'bad port' }))).toBe('invalid');
    expect(statusKind(makeAgent('a', { state: 'not-provisioned' }))).toBe('not-provisioned');
  });

  it('uses the health status for a ready workspace', () => {
    for (const status of ['online', 'offline', 'unauthorized', 'starting', 'unknown'] as const) {
      expect(statusKind(withHealth(status))).toBe(status);
    }
  });
});

describe('describeStatus', () => {
  it('gives every state a label, a reason and (unless online) an action', () => {
    const agents = [
      withHealth('online'),
      withHealth('offline'),
      withHealth('unauthorized'),
      withHealth('starting'),
      withHealth('unknown'),
      makeAgent('scout', { state: 'not-provisioned' }),
      makeAgent('scout', { state: 'invalid' }),
    ];
    const kinds = agents.map((agent) => {
      const description = describeStatus(agent);
      expect(description.label).not.toBe('');
      expect(description.reason).not.toBe('');
      if (description.kind !== 'online') expect(description.action).not.toBe('');
      return description.kind;
    });
    expect(new Set(kinds).size).toBe(7);
  });

  it('uses the reason the desk gave, in plain words', () => {
    expect(describeStatus(withHealth('offline', 'connection refused on port 8081')).reason).toBe('connection refused on port 8081');
    expect(describeStatus(makeAgent('scout', { state: 'invalid', reason: 'WEB_PORT "abc" is not a number' })).reason).toBe(
      'WEB_PORT "abc" is not a number',
    );
  });

  it('tells how to fix it, naming the agent and its .env file', () => {
    const unmanaged = (status: 'offline' | 'unauthorized') => ({ ...withHealth(status), runtime: { kind: 'none' as const, container: 'unknown' as const } });
    expect(describeStatus(unmanaged('offline')).action).toContain('term-llm contain start scout');
    expect(describeStatus(unmanaged('unauthorized')).action).toContain('term-llm contain restart scout');
    // Where the root has commands, the remedy is the desk's own button.
    expect(describeStatus(withHealth('offline')).action).toBe('Press Start; it shows as online here as soon as it answers.');
    expect(describeStatus(withHealth('unauthorized')).action).toContain('Press Restart');
    expect(describeStatus(makeAgent('scout', { state: 'not-provisioned' })).action).toContain(
      '/home/user/.config/term-llm/containers/scout/.env',
    );
  });
});

describe('isReachable', () => {
  it('is true only where a frame can show the agent', () => {
    expect(isReachable(withHealth('online'))).toBe(true);
    expect(isReachable(withHealth('starting'))).toBe(false);
    expect(isReachable(withHealth('unknown'))).toBe(true);
    expect(isReachable(withHealth('offline'))).toBe(false);
    expect(isReachable(withHealth('unauthorized'))).toBe(false);
    expect(isReachable(makeAgent('a', { state: 'invalid' }))).toBe(false);
  });
});
