import { describe, expect, it } from 'vitest';
import { applyDeskEvent } from '../../renderer/stores/apply-event.js';
import { createDeskStores } from '../../renderer/stores/desk-stores.js';
import { makeAgent } from '../fixtures/memory-desk-api.js';

describe('applyDeskEvent', () => {
  it('agents:changed replaces the agents and drops views of agents that left', () => {
    const stores = createDeskStores();
    const [alpha, bravo] = [makeAgent('alpha'), makeAgent('bravo')];
    applyDeskEvent(stores, { channel: 'agents:changed', payload: { agents: [alpha, bravo] } });
    stores.navigation.getState().agentSelected(alpha.id, 1);
    stores.navigation.getState().agentOpenStarted(alpha.id, 1);
    stores.navigation.getState().agentOpenStarted(bravo.id, 1);

    applyDeskEvent(stores, { channel: 'agents:changed', payload: { agents: [bravo] } });
    expect(stores.agents.getState()).toMatchObject({ agents: [bravo], status: 'loaded' });
    expect(Object.keys(stores.navigation.getState().opened)).toEqual([bravo.id]);
    expect(stores.navigation.getState()).toMatchObject({ activeAgentId: null, view: 'directory' });
  });

  it('desk:changed and settings:changed land in their stores', () => {
    const stores = createDeskStores();
    const info = { version: '1', mode: 'browser' as const, gatewayPort: 47800, roots: [] };
    const settings = { roots: ['/r'], agentOrder: [], hibernateAfterMinutes: 3, theme: 'light' as const, port: 47800, runtimes: {}, startOnOpen: true, idleStopMinutes: 0, notifications: { kinds: { approval: true, question: true, finished: true, failed: true }, mutedAgents: [], doNotDisturb: false, sound: true } };
    applyDeskEvent(stores, { channel: 'desk:changed', payload: { info } });
    applyDeskEvent(stores, { channel: 'settings:changed', payload: { settings } });
    expect(stores.desk.getState()).toMatchObject({ info, status: 'loaded' });
    expect(stores.settings.getState()).toMatchObject({ settings, status: 'loaded' });
  });

  it('a late answer for a view that was hibernated or reopened is ignored', () => {
    const stores = createDeskStores();
    const nav = stores.navigation.getState();
    const first = nav.agentOpenStarted('a', 0);
    const second = stores.navigation.getState().agentOpenStarted('a', 0);
    stores.navigation.getState().agentOpened('a', first, 'http://stale');
    expect(stores.navigation.getState().opened.a).toMatchObject({ phase: 'opening', url: null });
    stores.navigation.getState().agentOpened('a', second, 'http://fresh');
    expect(stores.navigation.getState().opened.a).toMatchObject({ phase: 'open', url: 'http://fresh' });
    stores.navigation.getState().agentsHibernated(['a']);
    stores.navigation.getState().agentOpened('a', second, 'http://late');
    expect(stores.navigation.getState().opened.a).toBeUndefined();
  });
});
