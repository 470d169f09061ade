// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskShortcut } from '../../preload/contract.js';
import { makeAgent } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(() => cleanup());

const agents = [makeAgent('alpha'), makeAgent('bravo'), makeAgent('charlie')];
const sidebar = () => screen.getByRole('navigation', { name: 'Agents' });
const visiblePane = () => screen.queryAllByRole('region').find((region) => region.classList.contains('agent-pane') && !region.hidden);
const shown = () => visiblePane()?.getAttribute('aria-label');

async function ready(options: Parameters<typeof renderDesk>[0] = { agents }) {
  const desk = renderDesk(options);
  await within(sidebar()).findByRole('button', { name: /alpha/ });
  const forward = (shortcut: DeskShortcut) => act(() => desk.api.emit({ channel: 'desk:shortcut', payload: { shortcut } }));
  return { ...desk, forward };
}

/**
 * `desk:shortcut` is what the Electron shell sends for a desk shortcut pressed
 * inside an agent's `<webview>` (the keys never reach the desk page there).
 */
describe('desk:shortcut from the shell', () => {
  it('open-nth opens the n-th agent in the saved sidebar order', async () => {
    const { api, forward } = await ready({ agents, settings: { agentOrder: [agents[2]!.id, agents[0]!.id] } });
    forward({ kind: 'open-nth', index: 0 });
    await waitFor(() => expect(shown()).toBe('charlie'));
    forward({ kind: 'open-nth', index: 2 });
    await waitFor(() => expect(shown()).toBe('bravo'));
    expect(api.callsTo('agents:open')).toEqual([{ id: agents[2]!.id }, { id: agents[1]!.id }]);
  });

  it('open-nth past the last agent does nothing', async () => {
    const { api, forward } = await ready();
    forward({ kind: 'open-nth', index: 8 });
    expect(api.callsTo('agents:open')).toEqual([]);
    expect(shown()).toBeUndefined();
  });

  it('cycle moves both ways and wraps, as Ctrl+Tab does', async () => {
    const { forward } = await ready();
    forward({ kind: 'cycle', direction: 1 });
    await waitFor(() => expect(shown()).toBe('alpha'));
    forward({ kind: 'cycle', direction: -1 });
    await waitFor(() => expect(shown()).toBe('charlie'));
    forward({ kind: 'cycle', direction: 1 });
    await waitFor(() => expect(shown()).toBe('alpha'));
    expect(within(sidebar()).getByRole('button', { current: 'page' }).textContent).toContain('alpha');
  });

  it('switcher toggles the quick switcher open and closed', async () => {
    const { forward } = await ready();
    forward({ kind: 'switcher' });
    const dialog = screen.getByRole('dialog', { name: 'Quick switcher' });
    expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: 'Switch to agent' }));
    forward({ kind: 'switcher' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('with no agents, cycle does nothing and the switcher still opens', async () => {
    const desk = renderDesk({ agents: [] });
    await waitFor(() => expect(desk.api.callsTo('agents:list')).toHaveLength(1));
    act(() => desk.api.emit({ channel: 'desk:shortcut', payload: { shortcut: { kind: 'cycle', direction: 1 } } }));
    expect(desk.api.callsTo('agents:open')).toEqual([]);
    act(() => desk.api.emit({ channel: 'desk:shortcut', payload: { shortcut: { kind: 'switcher' } } }));
    expect(screen.getByRole('dialog', { name: 'Quick switcher' })).toBeTruthy();
  });
});

describe('desk-page keys run the same actions', () => {
  it('a shortcut that acted takes the key; one with nothing to do leaves it to the page', async () => {
    await ready();
    // fireEvent returns false when the listener called preventDefault.
    expect(fireEvent.keyDown(window, { key: '9', ctrlKey: true })).toBe(true);
    expect(shown()).toBeUndefined();
    expect(fireEvent.keyDown(window, { key: '2', ctrlKey: true })).toBe(false);
    await waitFor(() => expect(shown()).toBe('bravo'));
    expect(fireEvent.keyDown(window, { key: 'k', ctrlKey: true })).toBe(false);
    expect(screen.getByRole('dialog', { name: 'Quick switcher' })).toBeTruthy();
    expect(fireEvent.keyDown(window, { key: 'x', ctrlKey: true })).toBe(true);
  });
});
