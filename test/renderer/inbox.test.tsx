// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttentionItem } from '../../preload/contract.js';
import { makeAgent } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(cleanup);

const alpha = makeAgent('alpha', { attention: { needsYou: 2, finished: 0 } });
const beta = makeAgent('beta', { attention: { needsYou: 0, finished: 1 } });
const items: AttentionItem[] = [
  {
    id: 'item-approval', agentId: alpha.id, agentName: 'alpha', sessionId: 's1', sessionTitle: 'Refactor parser', kind: 'approval', title: 'rm -rf build', since: 3_000,
    options: [{ label: 'Allow once', index: 0 }, { label: 'Deny', index: 2 }],
  },
  {
    id: 'item-question', agentId: alpha.id, agentName: 'alpha', sessionId: 's2', sessionTitle: 'Release', kind: 'question', title: 'Which branch?', since: 2_000,
    questions: [{ question: 'Which branch?', options: ['main', 'dev'] }, { question: 'Why?' }],
  },
  { id: 'item-finished', agentId: beta.id, agentName: 'beta', sessionId: 's9', sessionTitle: 'Weekly report', kind: 'finished', title: 'finished', since: 5_000 },
];

function renderWithItems() {
  const desk = renderDesk({ agents: [alpha, beta] });
  desk.api.attention = items;
  return desk;
}

describe('Inbox', () => {
  it('badges per agent (number or dot, labelled), the title count and the directory section', async () => {
    renderWithItems();
    const sidebar = await screen.findByRole('navigation', { name: 'Agents' });
    expect(within(sidebar).getByRole('img', { name: '2 items wait for you' })).toBeTruthy();
    expect(within(sidebar).getByRole('img', { name: '1 finished run to see' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(2) Agent Desk'));
    const section = await screen.findByTestId('inbox-section');
    // Grouped by agent, the group with the newest item first.
    expect(within(section).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['beta', 'alpha']);
  });

  it('is a page of its own reachable from the top bar; approvals answer by button, questions by form', async () => {
    const { api } = renderWithItems();
    fireEvent.click(await screen.findByRole('button', { name: /^Inbox/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Inbox' })).toBeTruthy();
    expect(window.location.hash).toBe('#/inbox');

    fireEvent.click(screen.getAllByRole('button', { name: 'Deny' })[0]!);
    await waitFor(() => expect(api.callsTo('attention:answer')).toEqual([{ itemId: 'item-approval', choice: 2 }]));
    await waitFor(() => expect(screen.queryAllByText('rm -rf build')).toHaveLength(0));

    const form = screen.getAllByRole('form', { name: 'Answer alpha' })[0]!;
    fireEvent.change(within(form).getByLabelText('Which branch?'), { target: { value: 'dev' } });
    fireEvent.change(within(form).getByLabelText('Why?'), { target: { value: 'it is the release branch' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send answer' }));
    await waitFor(() => expect(api.callsTo('attention:answer')).toContainEqual({ itemId: 'item-question', answers: ['dev', 'it is the release branch'] }));
    await waitFor(() => expect(document.title).toBe('Agent Desk'));
  });

  it('a multi-select question is a labelled group of checkboxes; every ticked option is sent', async () => {
    const multi: AttentionItem = {
      id: 'item-multi', agentId: alpha.id, agentName: 'alpha', sessionId: 's3', sessionTitle: 'Release', kind: 'question', title: 'Which checks?', since: 4_000,
      questions: [{ header: 'Checks', question: 'Which checks?', options: ['lint', 'test', 'e2e'], multiSelect: true }, { question: 'Branch?', options: ['main', 'dev'] }],
    };
    const desk = renderDesk({ agents: [alpha, beta] });
    desk.api.attention = [multi];
    fireEvent.click(await screen.findByRole('button', { name: /^Inbox/ }));
    const form = await screen.findByRole('form', { name: 'Answer alpha' });
    const group = within(form).getByRole('group', { name: 'Checks: Which checks?' });
    expect(within(group).getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual(['lint', 'test', 'e2e']);
    fireEvent.change(within(form).getByLabelText('Branch?'), { target: { value: 'dev' } });

    // Nothing ticked: the form says so and sends nothing.
    fireEvent.click(within(form).getByRole('button', { name: 'Send answer' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Choose at least one option for “Checks: Which checks\?”/);
    expect(desk.api.callsTo('attention:answer')).toEqual([]);

    fireEvent.click(within(group).getByRole('checkbox', { name: 'e2e' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'lint' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'test' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'test' }));
    expect(within(form).queryByRole('alert')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Send answer' }));
    // In the question's own order, each once.
    await waitFor(() => expect(desk.api.callsTo('attention:answer')).toEqual([{ itemId: 'item-multi', answers: [['lint', 'e2e'], 'dev'] }]));
  });

  it('a refused answer says why; Open shows the agent at the session and marks it seen', async () => {
    const { api } = renderWithItems();
    fireEvent.click(await screen.findByRole('button', { name: /^Inbox/ }));
    await screen.findByRole('heading', { level: 1, name: 'Inbox' });
    act(() => api.setAttention(items));
    api.attention = items.slice(1); // answered elsewhere meanwhile
    fireEvent.click(screen.getAllByRole('button', { name: 'Allow once' })[0]!);
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent).join(' ')).toMatch(/no longer exists/);

    const finished = screen.getAllByTestId('attention-item-finished')[0]!;
    // Named by its session, not "Finished finished".
    expect(finished.textContent).toContain('Weekly report');
    expect(finished.textContent).not.toMatch(/finished\s*finished/i);
    expect(finished.getAttribute('aria-labelledby') && document.getElementById(finished.getAttribute('aria-labelledby')!)?.textContent).toBe('Weekly report');
    fireEvent.click(within(finished).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(api.callsTo('agents:open')).toContainEqual({ id: beta.id, sessionId: 's9' }));
    expect(api.callsTo('attention:seen')).toContainEqual({ agentId: beta.id, sessionId: 's9' });
    // The address records the session, so a reload or Back returns there.
    expect(window.location.hash).toBe(`#/agent/${beta.id}?session=s9`);
  });

  it('reports the agent on screen for focus rules', async () => {
    const { api } = renderWithItems();
    await screen.findByRole('navigation', { name: 'Agents' });
    expect(api.callsTo('attention:focus')[0]).toEqual({ agentId: null, focused: expect.any(Boolean) });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Agents' })).getByRole('button', { name: /alpha/ }));
    await waitFor(() => expect(api.callsTo('attention:focus')).toContainEqual({ agentId: alpha.id, focused: expect.any(Boolean) }));
  });

  it('Settings: notifications per kind, per agent, do-not-disturb and sound are part of the one form, saved with Save', async () => {
    const { api } = renderWithItems();
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const section = await screen.findByTestId('notification-settings');
    fireEvent.click(within(section).getByRole('checkbox', { name: /Do not disturb/ }));
    fireEvent.click(within(section).getByRole('checkbox', { name: 'Finished' }));
    fireEvent.click(within(section).getByRole('checkbox', { name: 'beta' }));
    fireEvent.click(within(section).getByRole('checkbox', { name: 'Sound' }));
    // Nothing saved until Save: the form says there are unsaved changes.
    expect(api.callsTo('settings:update')).toEqual([]);
    expect(screen.getByTestId('settings-save-state').textContent).toContain('Unsaved changes.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('settings:update')).toHaveLength(1));
    expect(api.settings.notifications).toMatchObject({ doNotDisturb: true, sound: false, mutedAgents: [beta.id] });
    expect(api.settings.notifications.kinds.finished).toBe(false);
    await waitFor(() => expect(screen.getByTestId('settings-save-state').textContent).toContain('Saved'));
    // Ticking a box back and forth leaves nothing to save.
    fireEvent.click(within(section).getByRole('checkbox', { name: 'Sound' }));
    fireEvent.click(within(section).getByRole('checkbox', { name: 'Sound' }));
    expect(screen.getByTestId('settings-save-state').textContent).not.toContain('Unsaved');
  });
});
