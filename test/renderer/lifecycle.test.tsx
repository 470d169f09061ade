// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../preload/contract.js';
import { makeAgent, MemoryDeskError } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(cleanup);

const down = (name: string, overrides: Partial<AgentRecord> = {}) =>
  makeAgent(name, {
    runtime: { kind: 'term-llm', container: 'stopped', detail: 'Exited (0) 2 minutes ago' },
    ...overrides,
    health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: 1_700_000_000_000, error: 'connection refused' },
  });
const up = (name: string, overrides: Partial<AgentRecord> = {}) => makeAgent(name, { runtime: { kind: 'term-llm', container: 'running' }, ...overrides });

const card = (name: string) => within(screen.getByRole('article', { name }));
const sidebar = () => within(screen.getByRole('navigation', { name: 'Agents' }));

describe('Lifecycle in the directory card', () => {
  it('shows Docker’s state beside health and offers what makes sense', async () => {
    const unmanaged = down('plain', { runtime: { kind: 'none', container: 'unknown' } });
    const hung = makeAgent('hung', {
      runtime: { kind: 'compose', container: 'running' },
      health: { status: 'offline', latencyMs: null, version: null, capabilities: [], checkedAt: null, error: 'timed out' },
    });
    renderDesk({ agents: [down('sleepy'), up('busy'), hung, unmanaged] });
    await screen.findByRole('article', { name: 'sleepy' });

    expect(card('sleepy').getByTestId('container-state').textContent).toBe('container stopped');
    expect(card('sleepy').getByTestId('container-state').getAttribute('title')).toBe('Exited (0) 2 minutes ago');
    expect(card('sleepy').getByRole('button', { name: 'Start sleepy' }).className).toContain('button-primary');
    expect(card('sleepy').queryByRole('button', { name: 'Stop sleepy' })).toBeNull();

    expect(card('busy').queryByTestId('container-state')).toBeNull(); // online and running: the badge says it all
    expect(card('busy').getByRole('button', { name: 'Stop busy' })).toBeTruthy();
    expect(card('busy').getByRole('button', { name: 'Restart busy' })).toBeTruthy();
    expect(card('busy').queryByRole('button', { name: 'Start busy' })).toBeNull();

    expect(card('hung').getByTestId('container-state').textContent).toBe('running but not answering');
    expect(card('hung').getByRole('button', { name: 'Restart hung' })).toBeTruthy();

    // Runtime "none": no buttons and no log, only the usual Open.
    expect(card('plain').queryByRole('group', { name: 'Start and stop plain' })).toBeNull();
    expect(card('plain').queryByText('Logs')).toBeNull();
    expect(card('plain').getByRole('button', { name: 'Open plain' })).toBeTruthy();
  });

  it('Start runs the command, shows progress with Cancel (focus kept), and a second click joins', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy] });
    const start = await screen.findByRole('button', { name: 'Start sleepy' });
    start.focus();
    fireEvent.click(start);
    await waitFor(() => expect(card('sleepy').getByTestId(`lifecycle-status-${sleepy.id}`).textContent).toBe('Starting sleepy…'));
    const cancel = card('sleepy').getByRole('button', { name: 'Cancel start of sleepy' });
    expect(document.activeElement).toBe(cancel);
    expect(card('sleepy').queryByRole('button', { name: 'Start sleepy' })).toBeNull();
    expect(api.callsTo('agents:start')).toEqual([{ id: sleepy.id }]);

    // The sidebar's menu offers Cancel now; Start from elsewhere would join the running command.
    fireEvent.contextMenu(sidebar().getByRole('button', { name: /sleepy/ }));
    const menu = screen.getByRole('menu', { name: 'sleepy actions' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Open', 'Cancel start']);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(await api.invoke('agents:start', { id: sleepy.id })).toEqual({ accepted: true, joined: true });

    cancel.focus();
    fireEvent.click(cancel);
    await waitFor(() => expect(card('sleepy').getByRole('alert').textContent).toBe('the command was cancelled'));
    expect(api.callsTo('agents:cancel')).toEqual([{ id: sleepy.id }]);
    expect(document.activeElement).toBe(card('sleepy').getByRole('button', { name: 'Start sleepy' }));
  });

  it('a failed command shows the desk’s words; a refused one too', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy] });
    fireEvent.click(await screen.findByRole('button', { name: 'Start sleepy' }));
    await waitFor(() => expect(api.running.get(sleepy.id)).toBe('start'));
    act(() => api.finishCommand(sleepy.id, 'failed', 'term-llm contain start sleepy exited with code 3\nno such image'));
    expect(card('sleepy').getByRole('alert').textContent).toBe('term-llm contain start sleepy exited with code 3\nno such image');

    api.failures.set('agents:start', new MemoryDeskError('not-ready', 'sleepy cannot start: term-llm was not found on PATH', 409));
    fireEvent.click(card('sleepy').getByRole('button', { name: 'Start sleepy' }));
    await waitFor(() => expect(card('sleepy').getByRole('alert').textContent).toBe('sleepy cannot start: term-llm was not found on PATH'));
  });

  it('the Logs disclosure follows the log only while open, and shows new lines live', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy] });
    api.logLines.set(sleepy.id, [{ at: 1_700_000_000_000, source: 'command', text: '$ term-llm contain start sleepy' }]);
    await screen.findByRole('article', { name: 'sleepy' });
    expect(api.callsTo('agents:watch-logs')).toEqual([]);

    const summary = card('sleepy').getByText('Logs');
    const details = summary.closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const log = await card('sleepy').findByRole('log', { name: 'Log of sleepy' });
    await waitFor(() => expect(log.textContent).toContain('$ term-llm contain start sleepy'));
    expect(api.callsTo('agents:watch-logs')).toEqual([{ id: sleepy.id }]);

    act(() => api.addLogLine(sleepy.id, 'Container term-llm-contain-sleepy Started', 'container'));
    expect(log.textContent).toContain('container: Container term-llm-contain-sleepy Started');

    details.open = false;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(card('sleepy').queryByRole('log')).toBeNull());
  });
});

describe('Lifecycle in the sidebar menu', () => {
  it('opens with the keyboard, walks with arrows, runs Stop and gives focus back', async () => {
    const busy = up('busy');
    const { api } = renderDesk({ agents: [busy] });
    const button = await sidebar().findByRole('button', { name: /busy/ });
    button.focus();
    fireEvent.keyDown(button, { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: 'busy actions' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Open', 'Stop', 'Restart']);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.click(items[1]!);
    await waitFor(() => expect(api.callsTo('agents:stop')).toEqual([{ id: busy.id }]));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(sidebar().getByRole('button', { name: /busy/ })));
  });

  it('has only Open for an agent whose root has no commands; a click outside closes it', async () => {
    renderDesk({ agents: [down('plain', { runtime: { kind: 'none', container: 'unknown' } })] });
    fireEvent.contextMenu(await sidebar().findByRole('button', { name: /plain/ }));
    const menu = screen.getByRole('menu', { name: 'plain actions' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Open']);
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('Lifecycle in the agent view', () => {
  it('an offline agent offers Start with progress and the log tail, and loads by itself once online', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy], settings: { startOnOpen: false } });
    fireEvent.click(await sidebar().findByRole('button', { name: /sleepy/ }));
    const pane = within(await screen.findByTestId(`agent-pane-${sleepy.id}`));
    await pane.findByTestId('agent-unavailable');
    expect(api.callsTo('agents:start')).toEqual([]); // the setting is off: offered, not done
    fireEvent.click(pane.getByRole('button', { name: 'Start sleepy' }));
    await waitFor(() => expect(pane.getByText('Starting sleepy…')).toBeTruthy());
    act(() => {
      api.addLogLine(sleepy.id, '$ term-llm contain start sleepy');
      api.addLogLine(sleepy.id, 'Container term-llm-contain-sleepy Started');
    });
    expect(pane.getByRole('log', { name: 'Log of sleepy' }).textContent).toContain('Container term-llm-contain-sleepy Started');

    act(() => {
      api.finishCommand(sleepy.id, 'done');
      api.updateAgent(sleepy.id, (agent) => ({ ...agent, health: { ...agent.health, status: 'starting' } }));
    });
    expect(pane.getByTestId('agent-unavailable')).toBeTruthy(); // nothing answers yet: no frame
    const opens = api.callsTo('agents:open').length;
    act(() => api.updateAgent(sleepy.id, () => up('sleepy')));
    await waitFor(() => expect(screen.getByTestId(`agent-pane-${sleepy.id}`).querySelector('iframe')).not.toBeNull());
    expect(api.callsTo('agents:open')).toHaveLength(opens + 1); // a fresh enter link, now that it answers
    // Up: the header offers Stop and Restart.
    expect(pane.getByRole('button', { name: 'Stop sleepy' })).toBeTruthy();
  });

  it('an agent whose container runs but does not answer is offered Restart, not a Start that would do nothing', async () => {
    const hung = down('hung', { runtime: { kind: 'term-llm', container: 'running', detail: 'Up 3 hours' } });
    const { api } = renderDesk({ agents: [hung], settings: { startOnOpen: false } });
    fireEvent.click(await sidebar().findByRole('button', { name: /hung/ }));
    const pane = within(await screen.findByTestId(`agent-pane-${hung.id}`));
    const actions = within(await pane.findByTestId(`offline-actions-${hung.id}`));
    expect(actions.queryByRole('button', { name: 'Start hung' })).toBeNull();
    fireEvent.click(actions.getByRole('button', { name: 'Restart hung' }));
    await waitFor(() => expect(api.callsTo('agents:restart')).toEqual([{ id: hung.id }]));
  });

  it('"start agents when opened" starts an offline agent once per opening; a root without commands is left alone', async () => {
    const sleepy = down('sleepy');
    const plain = down('plain', { runtime: { kind: 'none', container: 'unknown' } });
    const { api } = renderDesk({ agents: [sleepy, plain], settings: { startOnOpen: true } });
    fireEvent.click(await sidebar().findByRole('button', { name: /sleepy/ }));
    await waitFor(() => expect(api.callsTo('agents:start')).toEqual([{ id: sleepy.id }]));
    const pane = within(screen.getByTestId(`agent-pane-${sleepy.id}`));
    await waitFor(() => expect(pane.getByText('Starting sleepy…')).toBeTruthy());
    act(() => api.finishCommand(sleepy.id, 'failed', 'term-llm contain start sleepy exited with code 1'));
    expect(pane.getByTestId(`lifecycle-status-${sleepy.id}`).textContent).toBe('term-llm contain start sleepy exited with code 1');

    fireEvent.click(sidebar().getByRole('button', { name: /plain/ }));
    await screen.findByTestId(`agent-pane-${plain.id}`);
    fireEvent.click(sidebar().getByRole('button', { name: /sleepy/ }));
    // Not again after the failure: the user decides now.
    expect(api.callsTo('agents:start')).toEqual([{ id: sleepy.id }]);
    expect(within(screen.getByTestId(`agent-pane-${plain.id}`)).queryByRole('button', { name: 'Start plain' })).toBeNull();
  });
});

describe('Lifecycle settings', () => {
  const root = '/home/user/.config/term-llm/containers';
  const other = '/srv/agents';
  const info = {
    roots: [
      {
        path: root,
        source: 'default' as const,
        state: 'ok' as const,
        runtime: {
          kind: 'term-llm' as const,
          source: 'default' as const,
          commands: {
            start: 'XDG_CONFIG_HOME=/home/user/.config term-llm contain start <name>',
            stop: 'XDG_CONFIG_HOME=/home/user/.config term-llm contain stop <name>',
          },
        },
      },
      {
        path: other,
        source: 'flag' as const,
        state: 'ok' as const,
        runtime: { kind: 'none' as const, source: 'default' as const, commands: {} },
      },
    ],
  };

  it('shows the resolved command per root; a runtime, start-on-open and idle stop are saved with the form', async () => {
    const { api } = renderDesk({ info, settings: { startOnOpen: true, idleStopMinutes: 0 } });
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const runtimes = await screen.findByRole('list', { name: 'Runtime per root' });
    // Start beside the choice, then every command in a disclosure.
    expect(within(runtimes).getAllByText('XDG_CONFIG_HOME=/home/user/.config term-llm contain start <name>')).toHaveLength(2);
    expect(within(runtimes).getByText('No start command.')).toBeTruthy();
    expect(within(runtimes).getByText('XDG_CONFIG_HOME=/home/user/.config term-llm contain stop <name>')).toBeTruthy();
    expect(within(runtimes).getAllByText('Every command of this root')).toHaveLength(1);

    const select = within(runtimes).getByLabelText(other) as HTMLSelectElement;
    expect(select.value).toBe('default');
    fireEvent.change(select, { target: { value: 'compose' } });
    expect(within(runtimes).getByText(/the command of your new choice shows once saved/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Start agents when opened/ }));
    const idle = screen.getByLabelText('Stop agents idle for (minutes)');
    fireEvent.change(idle, { target: { value: '2000' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter a whole number of minutes from 0 (never) to 1440 (one day).');
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(idle, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('settings:update')).toEqual([{ runtimes: { [other]: { kind: 'compose' } }, startOnOpen: false, idleStopMinutes: 30 }]));

    // Custom: one argument per line, checked before Save; empty lines are dropped.
    fireEvent.change(within(runtimes).getByLabelText(other), { target: { value: 'custom' } });
    const field = (label: string) => within(runtimes).getByLabelText(label);
    expect(within(runtimes).getByRole('alert').textContent).toBe('Enter the start, stop, restart commands: one argument per line, the program first.');
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field('Start command'), { target: { value: '/opt/bin/agentctl\nup\n\n{dir}/my agent.conf\n' } });
    fireEvent.change(field('Stop command'), { target: { value: '/opt/bin/agentctl\ndown\n{name}' } });
    expect(within(runtimes).getByRole('alert').textContent).toBe('Enter the restart command: one argument per line, the program first.');
    fireEvent.change(field('Restart command'), { target: { value: '/opt/bin/agentctl\nrestart\n{name}' } });
    expect(within(runtimes).queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.settings.runtimes).toEqual({
        [other]: {
          kind: 'custom',
          custom: { start: ['/opt/bin/agentctl', 'up', '{dir}/my agent.conf'], stop: ['/opt/bin/agentctl', 'down', '{name}'], restart: ['/opt/bin/agentctl', 'restart', '{name}'] },
        },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('settings-save-state').textContent).toMatch(/^Saved/));

    // Back to the default removes the entry.
    fireEvent.change(within(runtimes).getByLabelText(other), { target: { value: 'default' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.settings.runtimes).toEqual({}));
  });
});

describe('Lifecycle after a missed event', () => {
  it('Cancel on a command the desk no longer runs (its end was missed) puts the controls back', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy] });
    await screen.findByRole('article', { name: 'sleepy' });
    // A start whose 'done' never reached this page (the event stream was down then).
    act(() => api.emit({ channel: 'agents:progress', payload: { id: sleepy.id, verb: 'start', phase: 'running', message: 'start sleepy' } }));
    fireEvent.click(card('sleepy').getByRole('button', { name: 'Cancel start of sleepy' }));
    await waitFor(() => expect(card('sleepy').getByRole('button', { name: 'Start sleepy' })).toBeTruthy());
    expect(api.callsTo('agents:cancel')).toEqual([{ id: sleepy.id }]);
    expect(card('sleepy').getByTestId(`lifecycle-status-${sleepy.id}`).textContent).toBe('');
  });

  it('the records say what runs: a start this page missed the end of is cleared by the next record, one started elsewhere shows', async () => {
    const sleepy = down('sleepy');
    const { api } = renderDesk({ agents: [sleepy] });
    await screen.findByRole('article', { name: 'sleepy' });
    // Started from the tray (another client): this page gets the record, not the click.
    act(() => api.updateAgent(sleepy.id, (agent) => ({ ...agent, runtime: { ...agent.runtime, operation: 'start' } })));
    await waitFor(() => expect(card('sleepy').getByTestId(`lifecycle-status-${sleepy.id}`).textContent).toBe('Starting sleepy…'));
    // Its end came while the stream was down; the re-sync's records run nothing for it.
    act(() => api.updateAgent(sleepy.id, (agent) => ({ ...agent, runtime: { kind: 'term-llm', container: 'running' } })));
    await waitFor(() => expect(card('sleepy').getByRole('button', { name: 'Start sleepy' })).toBeTruthy());
    expect(card('sleepy').getByTestId(`lifecycle-status-${sleepy.id}`).textContent).toBe('');
    expect(api.callsTo('agents:cancel')).toEqual([]);
  });
});
