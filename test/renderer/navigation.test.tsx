// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentRecord, DeskEvent } from '../../preload/contract.js';
import { HIBERNATION_CHECK_MS } from '../../renderer/api/desk-context.js';
import { makeAgent } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const agents = [makeAgent('alpha'), makeAgent('bravo'), makeAgent('charlie')];
const sidebar = () => screen.getByRole('navigation', { name: 'Agents' });
const sidebarNames = () => within(sidebar()).getAllByRole('listitem').map((item) => item.querySelector('.sidebar-name')?.textContent);
const pane = (agent: AgentRecord) => screen.queryByTestId(`agent-pane-${agent.id}`);
const frameOf = (agent: AgentRecord) => pane(agent)?.querySelector('iframe') ?? null;
const visiblePane = () => screen.getAllByRole('region').find((region) => region.classList.contains('agent-pane') && !region.hidden);
const key = (init: KeyboardEventInit) => fireEvent.keyDown(window, init);

/** Every iframe src ever attached to the document, in order (a frame mount is a page load). */
function recordFrames(): (() => string[]) & { stop(): void } {
  const seen: string[] = [];
  const collect = (mutations: MutationRecord[]) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        const frames = node.tagName === 'IFRAME' ? [node] : [...node.querySelectorAll('iframe')];
        for (const frame of frames) seen.push(frame.getAttribute('src') ?? '');
      }
    }
  };
  const observer = new MutationObserver(collect);
  observer.observe(document.body, { childList: true, subtree: true });
  const framed = () => {
    collect(observer.takeRecords());
    return [...seen];
  };
  return Object.assign(framed, { stop: () => observer.disconnect() });
}

async function ready(options: Parameters<typeof renderDesk>[0] = { agents }) {
  const desk = renderDesk(options);
  await within(screen.getByRole('navigation', { name: 'Agents' })).findByRole('button', { name: /alpha/ });
  return desk;
}

describe('Sidebar and keyboard', () => {
  it('lists agents in the saved user order, with status badges and active runs', async () => {
    const busy = makeAgent('bravo', { sessions: { count: 3, activeRuns: 1 } });
    await ready({ agents: [agents[0]!, busy, agents[2]!], settings: { agentOrder: [agents[2]!.id, busy.id] } });
    await waitFor(() => expect(sidebarNames()).toEqual(['charlie', 'bravo', 'alpha']));
    expect(within(sidebar()).getAllByText('Online')).toHaveLength(3);
    expect(within(sidebar()).getByRole('img', { name: '1 active run' })).toBeTruthy();
  });

  it('Ctrl+1 opens the first agent, Ctrl+Tab and Ctrl+Shift+Tab cycle', async () => {
    const { api } = await ready();
    key({ key: '1', ctrlKey: true });
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    expect(visiblePane()?.getAttribute('aria-label')).toBe('alpha');
    expect(api.callsTo('agents:open')).toEqual([{ id: agents[0]!.id }]);

    key({ key: 'Tab', ctrlKey: true });
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
    key({ key: 'Tab', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('alpha'));
    key({ key: 'Tab', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('charlie'));
    expect(within(sidebar()).getByRole('button', { current: 'page' }).textContent).toContain('charlie');
  });

  it('Cmd+K opens the quick switcher; typing a fuzzy name and Enter opens that agent', async () => {
    await ready();
    key({ key: 'k', metaKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Quick switcher' });
    const input = within(dialog).getByRole('combobox', { name: 'Switch to agent' });
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'chl' } });
    expect(within(dialog).getAllByRole('option').map((option) => option.textContent)).toEqual([expect.stringContaining('charlie')]);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(frameOf(agents[2]!)).not.toBeNull());
    expect(visiblePane()?.getAttribute('aria-label')).toBe('charlie');
  });

  it('the quick switcher moves with arrows and closes with Escape', async () => {
    await ready();
    key({ key: 'k', ctrlKey: true });
    const input = screen.getByRole('combobox', { name: 'Switch to agent' });
    const options = () => within(screen.getByRole('listbox', { name: 'Matching agents' })).getAllByRole('option');
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(options()[0]!.getAttribute('aria-selected')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Alt+ArrowUp reorders by keyboard, keeps focus, and persists through settings:update', async () => {
    const { api } = await ready();
    const charlie = within(sidebar()).getByRole('button', { name: /charlie/ });
    charlie.focus();
    fireEvent.keyDown(charlie, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(sidebarNames()).toEqual(['alpha', 'charlie', 'bravo']));
    expect(api.callsTo('settings:update')).toEqual([{ agentOrder: [agents[0]!.id, agents[2]!.id, agents[1]!.id] }]);
    expect(api.settings.agentOrder).toEqual([agents[0]!.id, agents[2]!.id, agents[1]!.id]);
    await waitFor(() => expect(document.activeElement?.textContent).toContain('charlie'));
    expect(screen.getByText('Moved charlie to position 2 of 3.')).toBeTruthy();

    // The moved order is what Ctrl+2 now means.
    key({ key: '2', ctrlKey: true });
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('charlie'));
  });

  it('arrow keys walk the sidebar without reordering', async () => {
    const { api } = await ready();
    const alpha = within(sidebar()).getByRole('button', { name: /alpha/ });
    alpha.focus();
    fireEvent.keyDown(alpha, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('bravo');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toContain('charlie');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('charlie');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toContain('alpha');
    expect(api.callsTo('settings:update')).toEqual([]);
  });

  it('reorders by drag and drop', async () => {
    const { api } = await ready();
    const items = within(sidebar()).getAllByRole('listitem');
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()];
      },
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    fireEvent.dragStart(items[0]!, { dataTransfer });
    fireEvent.dragOver(items[2]!, { dataTransfer });
    fireEvent.drop(items[2]!, { dataTransfer });
    await waitFor(() => expect(sidebarNames()).toEqual(['bravo', 'charlie', 'alpha']));
    expect(api.callsTo('settings:update')).toEqual([{ agentOrder: [agents[1]!.id, agents[2]!.id, agents[0]!.id] }]);
  });

  it('quick reorders are saved one at a time, latest wins; answers and events in between do not move the list back', async () => {
    const { api } = await ready();
    const [alpha, bravo, charlie] = agents.map((agent) => agent.id) as [string, string, string];
    const release = api.hold('settings:update');
    const button = (name: string) => within(sidebar()).getByRole('button', { name: new RegExp(name) });
    fireEvent.keyDown(button('charlie'), { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(sidebarNames()).toEqual(['alpha', 'charlie', 'bravo']));
    fireEvent.keyDown(button('charlie'), { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(sidebarNames()).toEqual(['charlie', 'alpha', 'bravo']));
    // The desk's event for the first save arrives late, while the next moves wait.
    act(() => api.emit({ channel: 'settings:changed', payload: { settings: { ...api.settings, agentOrder: [alpha, charlie, bravo] } } }));
    fireEvent.keyDown(button('alpha'), { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(sidebarNames()).toEqual(['charlie', 'bravo', 'alpha']));
    // One save in flight; the two moves behind it became one save of the latest order.
    expect(api.callsTo('settings:update')).toEqual([{ agentOrder: [alpha, charlie, bravo] }]);
    release();
    await waitFor(() => expect(api.callsTo('settings:update')).toHaveLength(2));
    expect(api.callsTo('settings:update')[1]).toEqual({ agentOrder: [charlie, bravo, alpha] });
    await waitFor(() => expect(api.settings.agentOrder).toEqual([charlie, bravo, alpha]));
    expect(sidebarNames()).toEqual(['charlie', 'bravo', 'alpha']);
    expect(within(sidebar()).queryByRole('alert')).toBeNull();
  });

  it('a rejected reorder goes back and says why', async () => {
    const { api } = await ready();
    const { MemoryDeskError } = await import('../fixtures/memory-desk-api.js');
    api.failures.set('settings:update', new MemoryDeskError('io', 'Could not write the settings file.', 500));
    const bravo = within(sidebar()).getByRole('button', { name: /bravo/ });
    fireEvent.keyDown(bravo, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(api.callsTo('settings:update')).toHaveLength(1));
    // The alert comes a microtask after the order goes back: wait for it, then look at the order.
    await waitFor(() =>
      expect(within(sidebar()).getByRole('alert').textContent).toBe('Could not save the order: Could not write the settings file.'),
    );
    expect(sidebarNames()).toEqual(['alpha', 'bravo', 'charlie']);
  });
});

describe('Agent views', () => {
  it('shows the agent the shell asks for (desk:focus-agent from the tray or --open)', async () => {
    const { api } = await ready();
    act(() => api.emit({ channel: 'desk:focus-agent', payload: { id: agents[1]!.id } } as unknown as DeskEvent));
    await waitFor(() => expect(frameOf(agents[1]!)).not.toBeNull());
    expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo');
  });

  it('opened agents stay mounted (hidden) while switching, and are not reopened', async () => {
    const { api } = await ready();
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    const alphaFrame = frameOf(agents[0]!)!;
    expect(alphaFrame.getAttribute('src')).toContain(`${agents[0]!.label}.localhost`);
    expect(alphaFrame.getAttribute('title')).toBe('alpha agent');

    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    await waitFor(() => expect(frameOf(agents[1]!)).not.toBeNull());
    expect(pane(agents[0]!)!.hidden).toBe(true);
    expect(frameOf(agents[0]!)).toBe(alphaFrame);

    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    expect(pane(agents[0]!)!.hidden).toBe(false);
    expect(pane(agents[1]!)!.hidden).toBe(true);
    expect(frameOf(agents[0]!)).toBe(alphaFrame);

    // Going to the directory keeps them loaded too.
    fireEvent.click(screen.getByRole('button', { name: 'Directory' }));
    expect(frameOf(agents[0]!)).toBe(alphaFrame);
    expect(api.callsTo('agents:open')).toHaveLength(2);
  });

  it('hibernation unloads views idle for N minutes, never the one on screen', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api } = await ready({ agents, settings: { hibernateAfterMinutes: 5 } });
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    await waitFor(() => expect(frameOf(agents[1]!)).not.toBeNull());

    act(() => vi.advanceTimersByTime(4 * 60_000));
    expect(pane(agents[0]!)).not.toBeNull();
    act(() => vi.advanceTimersByTime(60_000 + HIBERNATION_CHECK_MS));
    expect(pane(agents[0]!)).toBeNull();
    expect(pane(agents[1]!)).not.toBeNull(); // on screen the whole time

    // Coming back opens it afresh.
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    expect(api.callsTo('agents:open').filter((request) => (request as { id: string }).id === agents[0]!.id)).toHaveLength(2);
  });

  it('hibernation set to 0 never unloads', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await ready({ agents, settings: { hibernateAfterMinutes: 0 } });
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Directory' }));
    act(() => vi.advanceTimersByTime(24 * 60 * 60_000));
    expect(frameOf(agents[0]!)).not.toBeNull();
  });

  it('an offline agent shows why with a retry, and reloads by itself when it is back online', async () => {
    const offline = makeAgent('alpha', {
      health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: 1, error: 'connection refused' },
    });
    const { api } = await ready({ agents: [offline, agents[1]!] });
    const framed = recordFrames();
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    const unavailable = await screen.findByTestId('agent-unavailable');
    expect(unavailable.textContent).toContain('alpha is offline');
    expect(unavailable.textContent).toContain('connection refused');
    expect(within(unavailable).getByRole('button', { name: 'Retry now' })).toBeTruthy();
    expect(frameOf(offline)).toBeNull();
    const opensBefore = api.callsTo('agents:open').length;

    act(() => api.updateAgent(offline.id, (agent) => ({ ...agent, health: makeAgent('alpha').health })));
    await waitFor(() => expect(frameOf(offline)).not.toBeNull());
    expect(screen.queryByTestId('agent-unavailable')).toBeNull();
    expect(api.callsTo('agents:open').length).toBe(opensBefore + 1);
    expect(frameOf(offline)!.getAttribute('src')).toContain(`g=grant-${opensBefore + 1}`);
    expect(framed()).toEqual([expect.stringContaining(`g=grant-${opensBefore + 1}`)]);
    framed.stop();
  });

  it('keeps a loaded page when its agent drops out, with a banner, and does not reload it when it is back', async () => {
    const { api } = await ready();
    const framed = recordFrames();
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    const frame = frameOf(agents[0]!)!;
    const offlineHealth = { status: 'offline' as const, latencyMs: null, version: null, capabilities: [], checkedAt: 2, error: 'connection refused' };
    act(() => api.updateAgent(agents[0]!.id, (agent) => ({ ...agent, health: offlineHealth })));
    expect(frameOf(agents[0]!)).toBe(frame);
    const banner = screen.getByTestId('agent-down-banner');
    expect(banner.textContent).toContain('alpha is offline since');
    expect(banner.textContent).toContain('connection refused');
    expect(banner.textContent).toContain('Press Start'); // its root has commands: the desk's own button
    expect(within(banner).getByRole('button', { name: 'Start alpha' })).toBeTruthy();
    expect(within(banner).getByRole('button', { name: 'Reload now' })).toBeTruthy();

    act(() => api.updateAgent(agents[0]!.id, (agent) => ({ ...agent, health: agents[0]!.health })));
    expect(screen.queryByTestId('agent-down-banner')).toBeNull();
    expect(frameOf(agents[0]!)).toBe(frame);
    expect(api.callsTo('agents:open')).toHaveLength(1);

    // Reloading is the user's call; it takes a fresh enter link, never the spent one.
    fireEvent.click(within(pane(agents[0]!)!).getByRole('button', { name: 'Reload alpha' }));
    await waitFor(() => expect(frameOf(agents[0]!)?.getAttribute('src')).toContain('g=grant-2'));
    expect(framed()).toEqual([expect.stringContaining('g=grant-1'), expect.stringContaining('g=grant-2')]);
    framed.stop();
  });

  it('an enter link answered while the agent was down is never framed: back online, a fresh one is used', async () => {
    const offline = makeAgent('alpha', {
      health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: 1 },
    });
    const { api } = await ready({ agents: [offline] });
    const framed = recordFrames();
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await screen.findByTestId('agent-unavailable');
    await waitFor(() => expect(api.callsTo('agents:open')).toHaveLength(1));
    act(() => api.updateAgent(offline.id, (agent) => ({ ...agent, health: makeAgent('alpha').health })));
    await waitFor(() => expect(frameOf(offline)?.getAttribute('src')).toContain('g=grant-2'));
    expect(framed()).toEqual([expect.stringContaining('g=grant-2')]);
    framed.stop();
  });

  it('"Retry now" on an offline agent loads the gateway page in the frame with a fresh grant', async () => {
    const offline = makeAgent('alpha', {
      health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: 1 },
    });
    const { api } = await ready({ agents: [offline] });
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    fireEvent.click(within(await screen.findByTestId('agent-unavailable')).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(frameOf(offline)).not.toBeNull());
    expect(frameOf(offline)!.getAttribute('src')).toContain('g=grant-2');
    expect(api.callsTo('agents:open')).toHaveLength(2);
    // The banner says what that page is, not that a page of the agent's is kept.
    const banner = await screen.findByTestId('agent-down-banner');
    expect(banner.textContent).toContain('The page below is the gateway’s answer while the agent is down');
    expect(banner.textContent).not.toContain('kept as it was');
    // That frame holds the gateway's page, not the agent's: once it is back, the agent is loaded in its place.
    act(() => api.updateAgent(offline.id, (agent) => ({ ...agent, health: makeAgent('alpha').health })));
    await waitFor(() => expect(frameOf(offline)?.getAttribute('src')).toContain('g=grant-3'));
  });

  it('a failed open shows the error and retries', async () => {
    const { api } = await ready();
    const { MemoryDeskError } = await import('../fixtures/memory-desk-api.js');
    api.failures.set('agents:open', new MemoryDeskError('gateway', 'The gateway is not running.', 503));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    expect((await within(pane(agents[0]!)!).findByRole('alert')).textContent).toContain('The gateway is not running.');
    api.failures.delete('agents:open');
    fireEvent.click(within(pane(agents[0]!)!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
  });

  it('refuses to frame an address that is not http(s)', async () => {
    const { api } = await ready();
    api.urlOverride = 'javascript:alert(1)';
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    expect((await within(pane(agents[0]!)!).findByRole('alert')).textContent).toContain('not an http(s) URL');
    expect(frameOf(agents[0]!)).toBeNull();
  });

  it('an agent removed from the directory loses its view', async () => {
    const { api } = await ready();
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(agents[0]!)).not.toBeNull());
    act(() => api.setAgents(agents.slice(1)));
    expect(pane(agents[0]!)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Directory' })).toBeTruthy();
  });
});
