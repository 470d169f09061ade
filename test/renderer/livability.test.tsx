// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_PROBE_MS } from '../../renderer/api/desk-actions.js';
import { HIBERNATION_CHECK_MS } from '../../renderer/api/desk-context.js';
import { formatAgo } from '../../renderer/logic/relative-time.js';
import { makeAgent, MemoryDeskApi, MemoryDeskError } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const sidebar = () => screen.getByRole('navigation', { name: 'Agents' });
const frameOf = (id: string) => screen.queryByTestId(`agent-pane-${id}`)?.querySelector('iframe') ?? null;

async function ready(api: MemoryDeskApi) {
  const desk = renderDesk(api);
  await within(sidebar()).findByRole('button', { name: new RegExp(api.agents[0]!.name) });
  return desk;
}

describe('hibernation', () => {
  it('never unloads an agent with an active run, and shows the unloaded one as sleeping', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const busy = makeAgent('busy', { sessions: { count: 1, activeRuns: 1 } });
    const idle = makeAgent('idle');
    const other = makeAgent('other');
    await ready(new MemoryDeskApi({ agents: [busy, idle, other], settings: { hibernateAfterMinutes: 1 } }));
    for (const name of ['busy', 'idle', 'other']) {
      fireEvent.click(within(sidebar()).getByRole('button', { name: new RegExp(name) }));
      await waitFor(() => expect(frameOf(`a-${name}-abcdef`)).not.toBeNull());
    }
    act(() => vi.advanceTimersByTime(60_000 + HIBERNATION_CHECK_MS));
    expect(frameOf(busy.id)).not.toBeNull();
    expect(frameOf(idle.id)).toBeNull();
    expect(within(sidebar()).getByTestId(`sidebar-item-${idle.id}`).textContent).toContain('sleeping');
    expect(within(sidebar()).getByTestId(`sidebar-item-${busy.id}`).textContent).not.toContain('sleeping');
  });
});

describe('recovery', () => {
  it('a refused session says how to get back in, instead of retrying forever; back live, it re-syncs and reopens agents', async () => {
    const alpha = makeAgent('alpha');
    const api = new MemoryDeskApi({ agents: [alpha] });
    await ready(api);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(alpha.id)).not.toBeNull());

    // serve restarted: the stream drops, and the next call is answered 401.
    act(() => api.setConnection('reconnecting'));
    api.failures.set('agents:open', new MemoryDeskError('no-session', 'No session for this host.', 401));
    fireEvent.click(screen.getByRole('button', { name: 'Reload alpha' }));
    const notice = await screen.findByTestId('session-ended');
    expect(notice.textContent).toContain('newest login link');
    expect(screen.getByTestId('connection-state').getAttribute('data-state')).toBe('signed-out');
    // The stream retrying does not hide it.
    act(() => api.setConnection('reconnecting'));
    expect(screen.getByTestId('connection-state').getAttribute('data-state')).toBe('signed-out');

    api.failures.clear();
    const listsBefore = api.callsTo('agents:list').length;
    const opensBefore = api.callsTo('agents:open').length;
    act(() => api.setConnection('connected'));
    expect(screen.queryByTestId('session-ended')).toBeNull();
    await waitFor(() => expect(api.callsTo('agents:list').length).toBe(listsBefore + 1));
    await waitFor(() => expect(api.callsTo('agents:open').length).toBe(opensBefore + 1));
    await waitFor(() => expect(frameOf(alpha.id)).not.toBeNull());
    // The place was kept.
    expect(window.location.hash).toBe(`#/agent/${alpha.id}`);
  });

  it('an agent shown at a session stays at it: Reload and the reopen after a new login ask for that session again', async () => {
    const alpha = makeAgent('alpha');
    const api = new MemoryDeskApi({ agents: [alpha] });
    window.history.replaceState(null, '', `/#/agent/${alpha.id}?session=s7`);
    window.localStorage.clear();
    renderDesk(api, {}, { reload: true });
    await waitFor(() => expect(frameOf(alpha.id)).not.toBeNull());
    expect(api.callsTo('agents:open')).toEqual([{ id: alpha.id, sessionId: 's7' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Reload alpha' }));
    await waitFor(() => expect(api.callsTo('agents:open')).toHaveLength(2));
    expect(api.callsTo('agents:open')[1]).toEqual({ id: alpha.id, sessionId: 's7' });
    expect(window.location.hash).toBe(`#/agent/${alpha.id}?session=s7`);

    // serve restarted: signed out, then back.
    act(() => api.setConnection('reconnecting'));
    api.failures.set('agents:open', new MemoryDeskError('no-session', 'No session for this host.', 401));
    fireEvent.click(screen.getByRole('button', { name: 'Reload alpha' }));
    await screen.findByTestId('session-ended');
    api.failures.clear();
    const opensBefore = api.callsTo('agents:open').length;
    act(() => api.setConnection('connected'));
    await waitFor(() => expect(api.callsTo('agents:open').length).toBe(opensBefore + 1));
    expect(api.callsTo('agents:open').at(-1)).toEqual({ id: alpha.id, sessionId: 's7' });
    expect(window.location.hash).toBe(`#/agent/${alpha.id}?session=s7`);
  });

  it('while the stream is down, it asks the desk now and then, and a 401 ends in the signed-out notice (no user action needed)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = new MemoryDeskApi({ agents: [makeAgent('alpha')] });
    await ready(api);
    api.failures.set('desk:info', new MemoryDeskError('no-session', 'No session for this host.', 401));
    act(() => api.setConnection('reconnecting'));
    expect(screen.queryByTestId('session-ended')).toBeNull();
    await act(async () => {
      vi.advanceTimersByTime(SESSION_PROBE_MS + 10);
    });
    expect((await screen.findByTestId('session-ended')).textContent).toContain('newest login link');
  });

  it('re-syncs the directory when the event stream comes back after a drop', async () => {
    const api = new MemoryDeskApi({ agents: [makeAgent('alpha')] });
    await ready(api);
    const before = api.callsTo('agents:list').length;
    act(() => api.setConnection('reconnecting'));
    act(() => api.setConnection('connected'));
    await waitFor(() => expect(api.callsTo('agents:list').length).toBe(before + 1));
  });
});

describe('agent header and switcher', () => {
  it('the Widgets menu closes on Escape (focus back on it) and on a press outside', async () => {
    const alpha = makeAgent('alpha', { widgets: [{ id: 'w', mount: 'todo', title: 'Todo', state: 'running' }] });
    await ready(new MemoryDeskApi({ agents: [alpha] }));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    const pane = await screen.findByTestId(`agent-pane-${alpha.id}`);
    const menu = pane.querySelector('details')!;
    const summary = menu.querySelector('summary')!;
    menu.open = true;
    fireEvent.keyDown(within(menu).getByRole('button', { name: 'Open widget Todo' }), { key: 'Escape' });
    expect(menu.open).toBe(false);
    expect(document.activeElement).toBe(summary);
    menu.open = true;
    fireEvent.mouseDown(screen.getByRole('heading', { name: 'alpha' }));
    expect(menu.open).toBe(false);
  });

  it('Reload is hidden where it cannot help (a workspace that is not ready)', async () => {
    const broken = makeAgent('broken', { state: 'invalid', reason: 'WEB_PORT "x" is not a number' });
    await ready(new MemoryDeskApi({ agents: [broken] }));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /broken/ }));
    const card = await screen.findByTestId('agent-unavailable');
    expect(card.textContent).toContain('WEB_PORT "x" is not a number');
    expect(screen.queryByRole('button', { name: /Reload/ })).toBeNull();
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('shows the switcher key, and after choosing an agent focus is in its page', async () => {
    const agents = [makeAgent('alpha'), makeAgent('bravo')];
    await ready(new MemoryDeskApi({ agents }));
    const button = screen.getByRole('button', { name: /Switch agent/ });
    expect(button.textContent).toMatch(/Ctrl\+K|⌘K/);
    fireEvent.click(button);
    const input = screen.getByRole('combobox', { name: 'Switch to agent' });
    fireEvent.change(input, { target: { value: 'bra' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(frameOf(agents[1]!.id)).not.toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(frameOf(agents[1]!.id)));
  });

  it('the skip link is first and takes focus to the agent page', async () => {
    const alpha = makeAgent('alpha');
    await ready(new MemoryDeskApi({ agents: [alpha] }));
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(document.querySelector('a, button, input')).toBe(skip);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(frameOf(alpha.id)).not.toBeNull());
    fireEvent.click(screen.getByRole('link', { name: 'Skip to the agent page' }));
    expect(document.activeElement).toBe(frameOf(alpha.id));
  });
});

describe('live freshness', () => {
  it('formats relative times', () => {
    expect(formatAgo(1000, 1500)).toBe('just now');
    expect(formatAgo(0, 12_000)).toBe('12 s ago');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 3600_000)).toBe('3 h ago');
    expect(formatAgo(0, 3 * 86_400_000)).toBe('3 d ago');
    expect(formatAgo(5000, 0)).toBe('just now');
  });

  it('"Checked" ticks, and latency follows each probe', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: 1_700_000_000_000 });
    const alpha = makeAgent('alpha', { health: { status: 'online', latencyMs: 12, version: '1', capabilities: [], checkedAt: Date.now() - 3000 } });
    const api = new MemoryDeskApi({ agents: [alpha] });
    await ready(api);
    const card = await screen.findByRole('article', { name: 'alpha' });
    await waitFor(() => expect(card.textContent).toMatch(/Checked[0-9] s ago/));
    const first = /Checked(\d+) s ago/.exec(card.textContent ?? '')![1];
    act(() => vi.advanceTimersByTime(5000));
    const later = /Checked(\d+) s ago/.exec(card.textContent ?? '')![1];
    expect(Number(later)).toBeGreaterThanOrEqual(Number(first) + 5);
    act(() => api.updateAgent(alpha.id, (agent) => ({ ...agent, health: { ...agent.health, latencyMs: 40, checkedAt: Date.now() } })));
    expect(card.textContent).toContain('40 ms');
    expect(card.textContent).toMatch(/Checked(just now|[01] s ago)/);
  });
});
