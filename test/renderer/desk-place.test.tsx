// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PLACE_STORAGE_KEY, readSavedPlace } from '../../renderer/api/desk-place.js';
import { formatPlace, parsePlace } from '../../renderer/logic/desk-location.js';
import { makeAgent, MemoryDeskApi } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(cleanup);

const agents = [makeAgent('alpha'), makeAgent('bravo'), makeAgent('charlie')];
const sidebar = () => screen.getByRole('navigation', { name: 'Agents' });
const visiblePane = () => document.querySelector<HTMLElement>('.agent-pane:not([hidden])');
const popTo = async (step: () => void) => {
  const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
  step();
  await popped;
};

async function ready(api: MemoryDeskApi, reload = false) {
  const desk = renderDesk(api, {}, { reload });
  await within(sidebar()).findByRole('button', { name: /alpha/ });
  return desk;
}

describe('desk routes', () => {
  it('round-trips every view, filter and sort, and ignores fragments that are not routes', () => {
    const places = [
      { view: 'directory', agentId: null, query: 'data.pipeline v2', sort: 'status' },
      { view: 'directory', agentId: null, query: '', sort: 'name' },
      { view: 'settings', agentId: null, query: '', sort: 'name' },
      { view: 'agent', agentId: 'a-x/y?z#w', sessionId: null, query: '', sort: 'name' },
      { view: 'agent', agentId: 'a-alpha', sessionId: 'sess:01.2_x-y', query: '', sort: 'name' },
    ] as const;
    for (const place of places) {
      const parsed = parsePlace(formatPlace(place));
      expect({ query: '', sort: 'name', ...parsed }).toEqual(place);
    }
    expect(parsePlace('')).toBeNull();
    expect(parsePlace('#desk-token=abc')).toBeNull();
    expect(parsePlace('#/nowhere')).toBeNull();
    expect(parsePlace('#/agent/%E0%A4%A')).toBeNull();
    expect(parsePlace('#/directory?sort=bogus')).toMatchObject({ view: 'directory', sort: 'name' });
    // Not a session id: the agent opens at its start page.
    expect(parsePlace('#/agent/a-alpha?session=..%2F..%2Fadmin')).toEqual({ view: 'agent', agentId: 'a-alpha', sessionId: null });
    expect(parsePlace(`#/agent/a-alpha?session=${'x'.repeat(129)}`)).toMatchObject({ sessionId: null });
  });

  it('ignores a corrupt saved place instead of failing', () => {
    expect(readSavedPlace({ getItem: () => '{not json' })).toBeNull();
    expect(readSavedPlace({ getItem: () => JSON.stringify({ opened: [1, 'a'], sort: 'x', lastOpenedAt: { a: 'no', b: 5 } }) })).toEqual({
      location: '',
      opened: ['a'],
      lastOpenedAt: { b: 5 },
      query: '',
      sort: 'name',
    });
    expect(
      readSavedPlace({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBeNull();
  });
});

describe('your place survives reloads and history', () => {
  it('puts view, agent, filter and sort in the address; Back and Forward move between desk views', async () => {
    const api = new MemoryDeskApi({ agents });
    await ready(api);
    expect(window.location.hash).toBe('#/directory');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter agents' }), { target: { value: 'br' } });
    fireEvent.change(screen.getByRole('combobox', { name: /Sort by/ }), { target: { value: 'status' } });
    expect(window.location.hash).toBe('#/directory?q=br&sort=status');
    const lengthBefore = window.history.length;
    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    expect(window.location.hash).toBe(`#/agent/${agents[1]!.id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(window.location.hash).toBe('#/settings');
    // Filter edits replaced one entry; the two view changes added two.
    expect(window.history.length).toBe(lengthBefore + 2);

    await popTo(() => window.history.back());
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
    await popTo(() => window.history.back());
    await screen.findByRole('heading', { name: 'Directory' });
    expect((screen.getByRole('searchbox', { name: 'Filter agents' }) as HTMLInputElement).value).toBe('br');
    await popTo(() => window.history.forward());
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
    // Going back to an open agent shows the same page; it is not opened again.
    expect(api.callsTo('agents:open')).toHaveLength(1);
  });

  it('a reload restores the agent on screen, filter, sort, recently opened, and the other open agents as sleeping', async () => {
    const api = new MemoryDeskApi({ agents });
    const first = await ready(api);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /charlie/ }));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Directory' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter agents' }), { target: { value: 'a' } });
    fireEvent.change(screen.getByRole('combobox', { name: /Sort by/ }), { target: { value: 'recent' } });
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(api.callsTo('agents:open')).toHaveLength(2));
    first.unmount();

    const reloaded = new MemoryDeskApi({ agents });
    await ready(reloaded, true);
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('alpha'));
    expect(reloaded.callsTo('agents:open'), JSON.stringify(reloaded.calls)).toEqual([{ id: agents[0]!.id }]);
    expect(within(sidebar()).getByTestId(`sidebar-item-${agents[2]!.id}`).textContent).toContain('sleeping');
    fireEvent.click(screen.getByRole('button', { name: 'Directory' }));
    expect((screen.getByRole('searchbox', { name: 'Filter agents' }) as HTMLInputElement).value).toBe('a');
    // Recently opened first: alpha, then charlie (bravo was never opened and does not match "a"... it does: br-a-vo).
    expect(screen.getAllByRole('article').map((article) => article.querySelector('h2')?.textContent)).toEqual(['alpha', 'charlie', 'bravo']);
    // Waking a sleeping agent opens it.
    fireEvent.click(within(sidebar()).getByRole('button', { name: /charlie/ }));
    await waitFor(() => expect(reloaded.callsTo('agents:open')).toHaveLength(2));
    expect(within(sidebar()).getByTestId(`sidebar-item-${agents[2]!.id}`).textContent).not.toContain('sleeping');
  });

  it('the session an agent was opened at is in the address; a reload opens the agent there again', async () => {
    const api = new MemoryDeskApi({ agents });
    const first = await ready(api);
    // The shell's (or a notification's) "show this agent at that session".
    act(() => api.emit({ channel: 'desk:focus-agent', payload: { id: agents[1]!.id, sessionId: 's42' } }));
    await waitFor(() => expect(window.location.hash).toBe(`#/agent/${agents[1]!.id}?session=s42`));
    expect(api.callsTo('agents:open')).toEqual([{ id: agents[1]!.id, sessionId: 's42' }]);
    // Another agent, then back: the address says where that agent's page was opened.
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    expect(window.location.hash).toBe(`#/agent/${agents[0]!.id}`);
    await popTo(() => window.history.back());
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
    expect(window.location.hash).toBe(`#/agent/${agents[1]!.id}?session=s42`);
    first.unmount();

    const reloaded = new MemoryDeskApi({ agents });
    await ready(reloaded, true);
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
    expect(reloaded.callsTo('agents:open')).toEqual([{ id: agents[1]!.id, sessionId: 's42' }]);
  });

  it('a fresh login (no route in the address) lands on the last saved place', async () => {
    window.localStorage.setItem(
      PLACE_STORAGE_KEY,
      JSON.stringify({ location: '#/settings', opened: [], lastOpenedAt: {}, query: '', sort: 'name' }),
    );
    window.history.replaceState(null, '', '/');
    renderDesk(new MemoryDeskApi({ agents }), {}, { reload: true });
    await screen.findByRole('heading', { name: 'Settings' });
    expect(window.location.hash).toBe('#/settings');
  });

  it('leaves a fragment that is not a route (a login token) for its owner', async () => {
    window.history.replaceState(null, '', '/#desk-token=abc');
    renderDesk(new MemoryDeskApi({ agents }), {}, { reload: true });
    await within(sidebar()).findByRole('button', { name: /alpha/ });
    expect(window.location.hash).toBe('#desk-token=abc');
  });

  it('says so when the agent on screen leaves the directory, instead of silently switching', async () => {
    const api = new MemoryDeskApi({ agents });
    await ready(api);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    act(() => api.setAgents([agents[0]!, agents[2]!]));
    const notice = await screen.findByTestId('gone-notice');
    expect(notice.textContent).toContain('bravo is no longer in the directory');
    expect(notice.textContent).toContain('removed or renamed');
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('gone-notice')).toBeNull();
  });

  it('the Directory the desk showed for a gone agent takes its history entry: Back goes to the agent before it', async () => {
    const api = new MemoryDeskApi({ agents });
    await ready(api);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    const length = window.history.length;
    act(() => api.setAgents([agents[0]!, agents[2]!]));
    await screen.findByTestId('gone-notice');
    expect(window.location.hash).toBe('#/directory');
    expect(window.history.length).toBe(length);
    await popTo(() => window.history.back());
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('alpha'));
  });

  it('Back to an agent that left the directory meanwhile shows the Directory saying so, never an empty page', async () => {
    const api = new MemoryDeskApi({ agents });
    await ready(api);
    fireEvent.click(within(sidebar()).getByRole('button', { name: /alpha/ }));
    fireEvent.click(within(sidebar()).getByRole('button', { name: /bravo/ }));
    // alpha's folder goes while bravo is on screen: nothing to say yet.
    act(() => api.setAgents([agents[1]!, agents[2]!]));
    await waitFor(() => expect(within(sidebar()).queryByRole('button', { name: /alpha/ })).toBeNull());
    expect(screen.queryByTestId('gone-notice')).toBeNull();
    await popTo(() => window.history.back());
    const notice = await screen.findByTestId('gone-notice');
    expect(notice.textContent).toContain(`${agents[0]!.id} is no longer in the directory`);
    await screen.findByRole('heading', { name: 'Directory' });
    expect(window.location.hash).toBe('#/directory');
    expect(api.callsTo('agents:open')).toHaveLength(2);
    // Forward still leads to bravo.
    await popTo(() => window.history.forward());
    await waitFor(() => expect(visiblePane()?.getAttribute('aria-label')).toBe('bravo'));
  });
});
