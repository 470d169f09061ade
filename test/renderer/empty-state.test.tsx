// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAgent } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(cleanup);

describe('Connection indicator', () => {
  it('shows whether the event stream is live', async () => {
    const { api } = renderDesk();
    const indicator = await screen.findByTestId('connection-state');
    expect(indicator.textContent).toBe('Live');
    act(() => api.setConnection('reconnecting'));
    expect(indicator.textContent).toBe('Reconnecting…');
    expect(indicator.getAttribute('data-state')).toBe('reconnecting');
    act(() => api.setConnection('connected'));
    expect(indicator.textContent).toBe('Live');
  });

  it('stops listening when the desk unmounts', async () => {
    const { api, unmount } = renderDesk();
    await screen.findByTestId('connection-state');
    expect(api.listenerCount).toBe(1);
    unmount();
    expect(api.listenerCount).toBe(0);
  });
});

describe('Empty state', () => {
  it('lists where the desk looked with each root state, and explains workspaces', async () => {
    renderDesk({
      info: {
        roots: [
          { path: '/home/u/.config/term-llm/containers', source: 'default', state: 'missing', reason: 'no such directory' },
          { path: '/srv/agents', source: 'flag', state: 'ok' },
          { path: '/mnt/locked', source: 'settings', state: 'unreadable', reason: 'permission denied' },
        ],
      },
    });
    const empty = await screen.findByTestId('empty-state');
    const roots = within(empty).getByRole('list', { name: 'Workspace roots' });
    const items = within(roots).getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toMatch(/\/home\/u\/\.config\/term-llm\/containers.*default.*does not exist.*no such directory/);
    expect(items[1]).toMatch(/\/srv\/agents.*from --root.*no workspaces yet/);
    expect(items[2]).toMatch(/\/mnt\/locked.*from settings.*cannot be read.*permission denied/);
    expect(empty.textContent).toContain('WEB_PORT');
    expect(empty.textContent).toContain('WEB_TOKEN');
    expect(empty.textContent).toContain('term-llm contain');
  });

  it('links to settings to add a root', async () => {
    renderDesk();
    fireEvent.click(await within(await screen.findByTestId('empty-state')).findByRole('button', { name: 'Settings' }));
    expect(await screen.findByLabelText('Add a root')).toBeTruthy();
  });

  it('gives way to the directory as soon as an agent appears', async () => {
    const { api } = renderDesk();
    await screen.findByTestId('empty-state');
    act(() => api.setAgents([makeAgent('first')]));
    expect(screen.queryByTestId('empty-state')).toBeNull();
    expect(screen.getByRole('article', { name: 'first' })).toBeTruthy();
  });
});
