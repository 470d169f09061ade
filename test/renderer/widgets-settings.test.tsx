// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskProvider } from '../../renderer/api/desk-context.js';
import { App } from '../../renderer/components/app.js';
import { makeAgent, MemoryDeskApi, MemoryDeskError } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';
import { render } from '@testing-library/react';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete document.documentElement.dataset.theme;
});

const withWidgets = makeAgent('builder', {
  widgets: [
    { id: 'w1', mount: 'kanban', title: 'Kanban', state: 'running', description: 'Tasks board' },
    { id: 'w2', mount: 'notes', title: 'Notes', state: 'error', error: 'exited with code 1' },
  ],
});

describe('Widgets', () => {
  it('lists widgets with their state and opens one with window.open(url, _blank, noopener)', async () => {
    const api = new MemoryDeskApi({ agents: [withWidgets] });
    const windowOpen = vi.spyOn(window, 'open').mockImplementation(() => null);
    // The real default opener (no openWindow option): it must call window.open with noopener.
    render(
      <DeskProvider api={api}>
        <App />
      </DeskProvider>,
    );
    const card = await screen.findByRole('article', { name: 'builder' });
    const list = within(card).getByRole('list', { name: 'Widgets of builder' });
    expect(within(list).getByText('Running')).toBeTruthy();
    expect(within(list).getByText('exited with code 1')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'Open widget Kanban' }));
    await waitFor(() => expect(windowOpen).toHaveBeenCalledTimes(1));
    expect(windowOpen).toHaveBeenCalledWith(expect.stringMatching(/^http:\/\/w-kanban.*\.localhost:47800\/__desk\/enter\?/), '_blank', 'noopener');
    expect(api.callsTo('widgets:open')).toEqual([{ agentId: withWidgets.id, mount: 'kanban' }]);
  });

  it('opens widgets from the agent view too, never inside the agent frame', async () => {
    const { api, opened } = renderDesk({ agents: [withWidgets] });
    fireEvent.click(await screen.findByRole('button', { name: 'Open builder' }));
    const pane = await screen.findByTestId(`agent-pane-${withWidgets.id}`);
    await waitFor(() => expect(pane.querySelector('iframe')).not.toBeNull());
    const frameSrc = pane.querySelector('iframe')!.getAttribute('src');
    fireEvent.click(within(pane).getByRole('button', { name: 'Open widget Notes' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(pane.querySelector('iframe')!.getAttribute('src')).toBe(frameSrc);
    expect(api.callsTo('widgets:open')).toEqual([{ agentId: withWidgets.id, mount: 'notes' }]);
  });

  it('never opens a widget address that is not http(s)', async () => {
    const { api, opened } = renderDesk({ agents: [withWidgets] });
    api.urlOverride = 'data:text/html,<script>alert(1)</script>';
    const card = await screen.findByRole('article', { name: 'builder' });
    fireEvent.click(within(card).getByRole('button', { name: 'Open widget Kanban' }));
    expect((await within(card).findByRole('alert')).textContent).toContain('not an http(s) URL');
    expect(opened).toEqual([]);
  });

  it('shows why a widget could not be opened', async () => {
    const { api } = renderDesk({ agents: [withWidgets] });
    api.failures.set('widgets:open', new MemoryDeskError('unknown-widget', 'The widget is gone.', 404));
    const card = await screen.findByRole('article', { name: 'builder' });
    fireEvent.click(within(card).getByRole('button', { name: 'Open widget Kanban' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Could not open Kanban: The widget is gone.');
  });
});

async function openSettings() {
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByRole('heading', { name: 'Settings' });
}

describe('Settings', () => {
  it('checks each root live (~ expanded, a file, a duplicate of a --root, a misspelling) and saves the list with one Save', async () => {
    const { api } = renderDesk({
      agents: [makeAgent('alpha')],
      existingDirectories: ['/srv/agents', '/home/user/agents'],
      info: { roots: [{ path: '/srv/flagged', source: 'flag', state: 'ok' }] },
    });
    await openSettings();
    const input = screen.getByLabelText('Add a root');
    const check = async (typed: string) => {
      fireEvent.change(input, { target: { value: typed } });
      await waitFor(() => expect(document.getElementById('add-root-check')).not.toBeNull(), { timeout: 3000 });
      return document.getElementById('add-root-check')!;
    };

    expect((await check('/etc/passwd')).textContent).toBe('/etc/passwd is not a folder (this path is a file, not a folder).');
    fireEvent.click(screen.getByRole('button', { name: 'Add root' }));
    expect(screen.queryByRole('list', { name: 'Extra roots' })).toBeNull();
    expect((await check('/srv/flagged')).textContent).toBe('/srv/flagged is already watched: it is a --root given to agent-desk.');
    expect((await check('relative/agents')).textContent).toMatch(/^Enter a full path: .*start it with \/ or ~\//);
    const misspelled = await check('/srv/agnets');
    expect(misspelled.textContent).toContain('No folder at /srv/agnets yet. Check the spelling');
    expect((await check('~/agents')).textContent).toBe('Folder found: /home/user/agents.');

    fireEvent.keyDown(input, { key: 'Enter' });
    const extra = await screen.findByRole('list', { name: 'Extra roots' });
    expect(within(extra).getByText('~/agents')).toBeTruthy();
    await waitFor(() => expect(within(extra).getByText('Folder found: /home/user/agents.')).toBeTruthy());
    expect((input as HTMLInputElement).value).toBe('');
    // Nothing is saved until Save; the form says so.
    expect(api.callsTo('settings:update')).toEqual([]);
    expect(screen.getByTestId('settings-save-state').textContent).toBe('Unsaved changes.');
    expect(screen.getByRole('button', { name: /Settings.*unsaved changes/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.settings.roots).toEqual(['~/agents']));
    await waitFor(() => expect(screen.getByTestId('settings-save-state').textContent).toMatch(/^Saved (just now|\d+ s ago)\.$/));
    expect(api.callsTo('settings:update')).toEqual([{ roots: ['~/agents'] }]);

    fireEvent.click(within(extra).getByRole('button', { name: 'Remove root ~/agents' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Extra roots' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(within(await screen.findByRole('list', { name: 'Extra roots' })).getByText('~/agents')).toBeTruthy();
  });

  it('keeps unsaved edits while the user looks elsewhere, and warns before a reload drops them', async () => {
    renderDesk({ settings: { hibernateAfterMinutes: 0 } });
    await openSettings();
    fireEvent.change(screen.getByLabelText('Hibernate idle agents after (minutes)'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Directory' }));
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /^Settings.*\(unsaved changes\)$/ }));
    expect(((await screen.findByLabelText('Hibernate idle agents after (minutes)')) as HTMLInputElement).value).toBe('15');
  });

  it('says what is wrong with hibernation in the form\'s words, with the maximum the hint names', async () => {
    const { api } = renderDesk({ settings: { hibernateAfterMinutes: 0 } });
    await openSettings();
    const minutes = screen.getByLabelText('Hibernate idle agents after (minutes)');
    expect(screen.getByText(/at most 1440 \(one day\)/)).toBeTruthy();
    for (const bad of ['-3', '2000', '1.5']) {
      fireEvent.change(minutes, { target: { value: bad } });
      expect(screen.getByRole('alert').textContent).toBe('Enter a whole number of minutes from 0 (never) to 1440 (one day).');
      expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    }
    expect(api.callsTo('settings:update')).toEqual([]);

    fireEvent.change(minutes, { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.settings.hibernateAfterMinutes).toBe(15));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a theme is chosen in the same form and applied once saved; system removes the pin', async () => {
    const { api } = renderDesk();
    await openSettings();
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(api.settings.theme).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'System' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });

  it('follows settings changed elsewhere (settings:changed event)', async () => {
    const { api } = renderDesk();
    await openSettings();
    act(() => api.emit({ channel: 'settings:changed', payload: { settings: { ...api.settings, hibernateAfterMinutes: 42 } } }));
    expect((screen.getByLabelText('Hibernate idle agents after (minutes)') as HTMLInputElement).value).toBe('42');
  });

  it('shows the settings warning from the desk, on every view', async () => {
    renderDesk({ info: { settingsWarning: 'settings.json was corrupt; kept as settings.json.bak-1 and started fresh.' } });
    expect((await screen.findByTestId('settings-warning-banner')).textContent).toContain('kept as settings.json.bak-1');
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    expect(screen.queryByTestId('settings-warning-banner')).toBeNull();
    expect((await screen.findByTestId('settings-warning')).textContent).toContain('kept as settings.json.bak-1');
  });

  it('shows a failed settings load with a retry', async () => {
    const api = new MemoryDeskApi();
    api.failures.set('settings:get', new MemoryDeskError('io', 'settings.json is unreadable.', 500));
    renderDesk(api);
    await openSettings().catch(() => undefined);
    expect((await screen.findByRole('alert')).textContent).toContain('settings.json is unreadable.');
    api.failures.delete('settings:get');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('Hibernate idle agents after (minutes)')).toBeTruthy();
  });
});
