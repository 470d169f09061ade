import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../../preload/contract.js';
import { containerText } from '../../../renderer/logic/lifecycle-view.js';
import { makeAgent } from '../../fixtures/memory-desk-api.js';

const withRuntime = (kind: AgentRecord['runtime']['kind'], status: AgentRecord['health']['status'], container: AgentRecord['runtime']['container']) =>
  makeAgent('scout', {
    health: { status, latencyMs: null, version: null, capabilities: [], checkedAt: null },
    runtime: { kind, container },
  });

describe('containerText', () => {
  it('says nothing of Docker for a custom runtime it does not describe', () => {
    expect(containerText(withRuntime('custom', 'online', 'missing'))).toBeNull();
    expect(containerText(withRuntime('custom', 'offline', 'unknown'))).toBeNull();
  });

  it('a custom runtime whose container Docker finds gets its words', () => {
    expect(containerText(withRuntime('custom', 'offline', 'running'))).toBe('running but not answering');
    expect(containerText(withRuntime('custom', 'offline', 'stopped'))).toBe('container stopped');
  });

  it('term-llm and compose say when there is no container or Docker cannot tell', () => {
    expect(containerText(withRuntime('term-llm', 'offline', 'missing'))).toBe('no container yet');
    expect(containerText(withRuntime('compose', 'offline', 'unknown'))).toBe('container state unknown');
    expect(containerText(withRuntime('none', 'offline', 'missing'))).toBeNull();
  });
});
