import { describe, expect, it } from 'vitest';
import { moveId, orderAgents } from '../../../renderer/logic/agent-order.js';
import { filterAgents, sortAgents } from '../../../renderer/logic/directory-view.js';
import { makeAgent } from '../../fixtures/memory-desk-api.js';

const alpha = makeAgent('alpha');
const beta = makeAgent('Beta', { health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: null } });
const gamma = makeAgent('gamma', { state: 'invalid', reason: 'bad name' });
const delta = makeAgent('delta', { health: { status: 'starting', latencyMs: null, version: '2.0.0', capabilities: ['voice'], checkedAt: null } });
const all = [gamma, beta, delta, alpha];
const names = (list: { name: string }[]) => list.map((agent) => agent.name);

describe('orderAgents', () => {
  it('puts the user order first and the rest by name; unknown ids are ignored', () => {
    expect(names(orderAgents(all, ['nope', delta.id, beta.id]))).toEqual(['delta', 'Beta', 'alpha', 'gamma']);
  });

  it('sorts by name, case-insensitively, without an order', () => {
    expect(names(orderAgents(all, []))).toEqual(['alpha', 'Beta', 'delta', 'gamma']);
  });
});

describe('moveId', () => {
  it('moves one id and leaves the input untouched', () => {
    const ids = ['a', 'b', 'c'];
    expect(moveId(ids, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveId(ids, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('clamps the target and ignores a bad source', () => {
    expect(moveId(['a', 'b'], 0, 9)).toEqual(['b', 'a']);
    expect(moveId(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });
});

describe('sortAgents', () => {
  it('by name', () => {
    expect(names(sortAgents(all, 'name'))).toEqual(['alpha', 'Beta', 'delta', 'gamma']);
  });

  it('by status: usable first, broken last', () => {
    expect(names(sortAgents(all, 'status'))).toEqual(['alpha', 'delta', 'Beta', 'gamma']);
  });

  it('by recently opened, never-opened ones last by name', () => {
    expect(names(sortAgents(all, 'recent', { [gamma.id]: 10, [beta.id]: 20 }))).toEqual(['Beta', 'gamma', 'alpha', 'delta']);
  });
});

describe('filterAgents', () => {
  it('matches name, status words, version and capabilities; every word must match', () => {
    expect(names(filterAgents(all, 'ALP'))).toEqual(['alpha']);
    expect(names(filterAgents(all, 'offline'))).toEqual(['Beta']);
    expect(names(filterAgents(all, 'voice'))).toEqual(['delta']);
    expect(names(filterAgents(all, '2.0.0 starting'))).toEqual(['delta']);
    expect(names(filterAgents(all, 'alpha voice'))).toEqual([]);
  });

  it('an empty query keeps everything', () => {
    expect(filterAgents(all, '  ')).toHaveLength(4);
  });
});
