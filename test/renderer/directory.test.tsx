// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../preload/contract.js';
import { makeAgent, MemoryDeskApi, MemoryDeskError } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(cleanup);

const health = (status: AgentRecord['health']['status'], error?: string): AgentRecord['health'] => ({
  status,
  latencyMs: null,
  version: null,
  capabilities: [],
  checkedAt: null,
  ...(error ? { error } : {}),
});

const everyState = [
  makeAgent('online-one', {
    health: { status: 'online', latencyMs: 12.4, version: '0.9.1', capabilities: ['web', 'widgets'], checkedAt: 1_700_000_000_000 },
    widgets: [{ id: 'w1', mount: 'todo', title: 'Todo', state: 'running' }],
    sessions: { count: 4, activeRuns: 2 },
  }),
  makeAgent('offline-one', { health: health('offline', 'connection refused on 127.0.0.1:8093') }),
  makeAgent('unauth-one', { health: health('unauthorized', 'the agent answered 401 to our token') }),
  makeAgent('starting-one', { health: health('starting') }),
  makeAgent('unknown-one', { health: health('unknown') }),
  makeAgent('unprovisioned-one', { state: 'not-provisioned', reason: 'WEB_TOKEN is missing from .env', health: health('unknown') }),
  makeAgent('invalid-one', { state: 'invalid', reason: 'WEB_PORT "80x" is not a port number', health: health('unknown') }),
];

const card = (name: string) => screen.getByRole('article', { name });

describe('Directory', () => {
  it('shows a loading state, then every agent', async () => {
    const api = renderDesk({ agents: everyState }).api;
    expect(screen.getByText('Loading agents…')).toBeTruthy();
    expect(await screen.findByRole('article', { name: 'online-one' })).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(everyState.length);
    expect(api.callsTo('agents:list')).toHaveLength(1);
  });

  it('renders each status with its reason and what to do', async () => {
    renderDesk({ agents: everyState });
    await screen.findByRole('article', { name: 'online-one' });

    const online = within(card('online-one'));
    expect(online.getByText('Online')).toBeTruthy();
    expect(online.getByText('12 ms')).toBeTruthy();
    expect(online.getByText('0.9.1')).toBeTruthy();
    expect(online.getByText('web, widgets')).toBeTruthy();
    expect(online.getByRole('img', { name: '2 active runs' })).toBeTruthy();
    expect(online.queryByTestId('status-explanation')).toBeNull();

    const expectations: [string, string, RegExp, RegExp][] = [
      ['offline-one', 'Offline', /connection refused on 127\.0\.0\.1:8093/, /Press Start/],
      ['unauth-one', 'Unauthorized', /answered 401/, /Press Restart so the agent uses the current WEB_TOKEN/],
      ['starting-one', 'Starting', /starting up/, /updates by itself/],
      ['unknown-one', 'Not checked yet', /not heard from this agent/, /first health check/],
      ['unprovisioned-one', 'Not provisioned', /WEB_TOKEN is missing/, /Set WEB_TOKEN/],
      ['invalid-one', 'Invalid', /WEB_PORT "80x" is not a port number/, /Fix the problem/],
    ];
    for (const [name, label, reason, action] of expectations) {
      const scope = within(card(name));
      expect(scope.getByText(label)).toBeTruthy();
      const explanation = scope.getByTestId('status-explanation').textContent ?? '';
      expect(explanation).toMatch(reason);
      expect(explanation).toMatch(action);
    }
    // Workspaces that cannot be served offer no Open; a down agent's Open is not the primary action.
    expect(within(card('invalid-one')).queryByRole('button', { name: 'Open invalid-one' })).toBeNull();
    expect(within(card('unprovisioned-one')).queryByRole('button', { name: 'Open unprovisioned-one' })).toBeNull();
    expect(within(card('invalid-one')).getByText('/home/user/.config/term-llm/containers/invalid-one/.env')).toBeTruthy();
    const offlineOpen = within(card('offline-one')).getByRole('button', { name: 'Open offline-one' }) as HTMLButtonElement;
    expect(offlineOpen.disabled).toBe(false);
    expect(offlineOpen.classList.contains('button-primary')).toBe(false);
    expect(within(card('online-one')).getByRole('button', { name: 'Open online-one' }).classList.contains('button-primary')).toBe(true);
    // Down agents show no rows of dashes or zero live figures.
    const offlineText = card('offline-one').textContent ?? '';
    expect(offlineText).not.toContain('—');
    expect(offlineText).not.toMatch(/Active runs|Sessions|Version/);
  });

  it('filters by the filter box and sorts by the chosen key', async () => {
    renderDesk({ agents: everyState });
    await screen.findByRole('article', { name: 'online-one' });
    const names = () => screen.getAllByRole('article').map((article) => article.querySelector('h2')?.textContent);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter agents' }), { target: { value: 'offline' } });
    expect(names()).toEqual(['offline-one']);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter agents' }), { target: { value: 'nothing-like-this' } });
    expect(screen.getByText(/No agent matches/)).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter agents' }), { target: { value: '' } });
    expect(names()).toEqual([
      'invalid-one',
      'offline-one',
      'online-one',
      'starting-one',
      'unauth-one',
      'unknown-one',
      'unprovisioned-one',
    ]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'status' } });
    expect(names()).toEqual([
      'online-one',
      'starting-one',
      'unknown-one',
      'unauth-one',
      'offline-one',
      'unprovisioned-one',
      'invalid-one',
    ]);
  });

  it('updates live from agents:changed events, without asking again', async () => {
    const { api } = renderDesk({ agents: [makeAgent('alpha', { health: health('offline') })] });
    await screen.findByRole('article', { name: 'alpha' });
    expect(within(card('alpha')).getByText('Offline')).toBeTruthy();

    act(() => api.updateAgent(makeAgent('alpha').id, (agent) => ({ ...agent, health: makeAgent('alpha').health })));
    expect(within(card('alpha')).getByText('Online')).toBeTruthy();

    act(() => api.setAgents([...api.agents, makeAgent('newcomer')]));
    expect(card('newcomer')).toBeTruthy();
    expect(api.callsTo('agents:list')).toHaveLength(1);
  });

  it('shows a failed load with a retry that works', async () => {
    const api = new MemoryDeskApi({ agents: [makeAgent('alpha')] });
    api.failures.set('agents:list', new MemoryDeskError('unavailable', 'The desk is restarting.', 503));
    renderDesk(api);
    expect((await screen.findByRole('alert')).textContent).toContain('The desk is restarting.');
    api.failures.delete('agents:list');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('article', { name: 'alpha' })).toBeTruthy();
  });
});
