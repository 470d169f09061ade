// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentTabs } from '../../renderer/api/agent-tabs.js';
import { FRAMED_STORAGE_HELP_URL } from '../../renderer/components/agent-tab-notice.js';
import { STORAGE_PROBE_TIMEOUT_MS } from '../../renderer/components/storage-probe.js';
import { STORAGE_PROBE_MESSAGE } from '../../renderer/logic/framed-storage.js';
import { makeAgent, type MemoryDeskOptions } from '../fixtures/memory-desk-api.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const PROBE_URL = 'http://storage-probe.localhost:47800/';
const PROBE_ORIGIN = 'http://storage-probe.localhost:47800';
const alpha = makeAgent('alpha');
const bravo = makeAgent('bravo');
const DENIED = { type: STORAGE_PROBE_MESSAGE, localStorage: "SecurityError: Failed to read the 'localStorage' property", indexedDB: true, serviceWorker: true };
const ALLOWED = { type: STORAGE_PROBE_MESSAGE, localStorage: true, indexedDB: true, serviceWorker: true };

/** Records what the desk asks of agent tabs (the window.open edge; real tabs are in the e2e suite). */
function recordingTabs(answer: 'new' | 'focused' | 'blocked' = 'new') {
  const calls: string[] = [];
  const tabs: AgentTabs = {
    claim(id, name) {
      calls.push(`claim ${id} ${name}`);
      if (answer !== 'new') return answer;
      return { navigate: (url) => calls.push(`navigate ${url}`), close: () => calls.push('close') };
    },
  };
  return { tabs, calls, set answer(value: typeof answer) { answer = value; } };
}

function probeFrame(): HTMLIFrameElement {
  return screen.getByTestId('storage-probe') as HTMLIFrameElement;
}

function post(data: unknown, origin = PROBE_ORIGIN, source: unknown = probeFrame().contentWindow) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  });
}

async function ready(options: MemoryDeskOptions, tabs = recordingTabs()) {
  const desk = renderDesk({ agents: [alpha, bravo], ...options }, { agentTabs: tabs.tabs });
  await within(screen.getByRole('navigation', { name: 'Agents' })).findByRole('button', { name: /alpha/ });
  return { ...desk, tabs };
}

const sidebarButton = (name: string) => within(screen.getByRole('navigation', { name: 'Agents' })).getByRole('button', { name: new RegExp(name) });

describe('Framed storage check (browser mode)', () => {
  it('frames the probe sandboxed like an agent and trusts only its origin and its own frame', async () => {
    const { api } = await ready({ info: { storageProbeUrl: PROBE_URL } });
    const frame = await screen.findByTestId('storage-probe');
    expect(frame.getAttribute('src')).toBe(PROBE_URL);
    expect(frame.getAttribute('sandbox')).toContain('allow-scripts allow-same-origin');
    expect(frame.hidden).toBe(true);

    post(DENIED, 'http://a-alpha-abcdef.localhost:47800');
    post(DENIED, PROBE_ORIGIN, window);
    post({ ...DENIED, type: 'something-else' });
    fireEvent.click(sidebarButton('alpha'));
    // Still checking: the pane waits instead of framing or opening a tab.
    expect(await screen.findByText(/Checking whether this browser lets agents keep their storage/)).toBeTruthy();

    post(ALLOWED);
    await waitFor(() => expect(screen.queryByTestId('storage-probe')).toBeNull());
    const pane = screen.getByTestId(`agent-pane-${alpha.id}`);
    await waitFor(() => expect(pane.querySelector('iframe.agent-frame')).not.toBeNull());
    expect(api.openCount).toBe(1);
  });

  it('where framed storage is denied: a click opens the agent in its named tab; the pane says why and offers the tab again', async () => {
    const { api, tabs } = await ready({ info: { storageProbeUrl: PROBE_URL } });
    await screen.findByTestId('storage-probe');
    post(DENIED);
    await waitFor(() => expect(screen.queryByTestId('storage-probe')).toBeNull());

    fireEvent.click(sidebarButton('alpha'));
    const pane = screen.getByTestId(`agent-pane-${alpha.id}`);
    const notice = await within(pane).findByTestId('agent-tab-notice');
    await within(notice).findByText('alpha is open in its own tab.');
    expect(tabs.calls).toEqual([`claim ${alpha.id} alpha`, `navigate http://${alpha.label}.localhost:47800/__desk/enter?g=grant-1&to=%2Fchat%2F`]);
    expect(notice.textContent).toContain('This browser does not let pages inside the desk keep storage');
    expect(pane.querySelector('iframe')).toBeNull();
    const help = within(notice).getByRole('link', { name: 'How to let agents open inside the desk' });
    expect(help.getAttribute('href')).toBe(FRAMED_STORAGE_HELP_URL);
    expect(help.getAttribute('target')).toBe('_blank');

    // The sidebar again, then the notice's button: the agent's tab is brought forward, no new enter URL.
    tabs.answer = 'focused';
    fireEvent.click(sidebarButton('alpha'));
    fireEvent.click(within(notice).getByRole('button', { name: 'Open in a tab' }));
    expect(tabs.calls.slice(2)).toEqual([`claim ${alpha.id} alpha`, `claim ${alpha.id} alpha`]);
    expect(api.openCount).toBe(1);

    // Another agent gets its own tab, from the directory as from the sidebar; a blocked popup says so.
    tabs.answer = 'blocked';
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Desk' })).getByRole('button', { name: 'Directory' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Open bravo' }));
    expect(tabs.calls.at(-1)).toBe(`claim ${bravo.id} bravo`);
    const bravoPane = screen.getByTestId(`agent-pane-${bravo.id}`);
    await within(bravoPane).findByText('The browser blocked the new tab. Use “Open in a tab”.');
    expect(api.openCount).toBe(1);
  });

  it('an agent the user opens in its own tab counts as looked at (cleared, quiet) until the desk has focus again', async () => {
    // The browser's focus: a new or re-focused tab takes it from the desk.
    let deskFocused = true;
    vi.spyOn(document, 'hasFocus').mockImplementation(() => deskFocused);
    const tabs = recordingTabs();
    const claim = tabs.tabs.claim;
    tabs.tabs.claim = (id, name) => {
      const claimed = claim(id, name);
      if (claimed !== 'blocked') deskFocused = false;
      return claimed;
    };
    const { api } = await ready({ info: { storageProbeUrl: PROBE_URL } }, tabs);
    await screen.findByTestId('storage-probe');
    post(DENIED);
    await waitFor(() => expect(screen.queryByTestId('storage-probe')).toBeNull());
    const lastReport = () => api.callsTo('attention:focus').at(-1);
    const windowEvent = (type: 'focus' | 'blur', focused: boolean) =>
      act(() => {
        deskFocused = focused;
        window.dispatchEvent(new Event(type));
      });

    fireEvent.click(sidebarButton('alpha'));
    windowEvent('blur', false);
    await waitFor(() => expect(lastReport()).toEqual({ agentId: alpha.id, focused: true }));

    // Back in the desk, then away to something else: no longer looking at alpha.
    windowEvent('focus', true);
    await waitFor(() => expect(lastReport()).toEqual({ agentId: alpha.id, focused: true }));
    windowEvent('blur', false);
    await waitFor(() => expect(lastReport()).toEqual({ agentId: alpha.id, focused: false }));

    // Its tab brought forward again counts the same.
    windowEvent('focus', true);
    tabs.answer = 'focused';
    fireEvent.click(sidebarButton('alpha'));
    windowEvent('blur', false);
    await waitFor(() => expect(lastReport()).toEqual({ agentId: alpha.id, focused: true }));

    // A tab the browser blocked is not looked at.
    windowEvent('focus', true);
    tabs.answer = 'blocked';
    fireEvent.click(sidebarButton('bravo'));
    windowEvent('blur', false);
    await waitFor(() => expect(lastReport()).toEqual({ agentId: bravo.id, focused: false }));
  });

  it('an agent clicked while the check runs goes to its tab when the answer is "denied"', async () => {
    const { tabs } = await ready({ info: { storageProbeUrl: PROBE_URL } });
    await screen.findByTestId('storage-probe');
    fireEvent.click(sidebarButton('alpha'));
    expect(tabs.calls).toEqual([]);
    post(DENIED);
    await waitFor(() => expect(tabs.calls[0]).toBe(`claim ${alpha.id} alpha`));
    await within(screen.getByTestId(`agent-pane-${alpha.id}`)).findByText('alpha is open in its own tab.');
  });

  it('a desk reloaded at an agent opens no tab by itself, before or after the check; the pane offers it', async () => {
    // The first desk: alpha opened from the sidebar in its tab; the address now names alpha.
    const first = await ready({ info: { storageProbeUrl: PROBE_URL } });
    await screen.findByTestId('storage-probe');
    post(DENIED);
    fireEvent.click(sidebarButton('alpha'));
    await waitFor(() => expect(first.tabs.calls).toHaveLength(2));
    expect(window.location.hash).toBe(`#/agent/${alpha.id}`);
    first.unmount();

    // Reloaded: the check runs again and says "denied" again; nobody clicked.
    const tabs = recordingTabs();
    renderDesk({ agents: [alpha, bravo], info: { storageProbeUrl: PROBE_URL } }, { agentTabs: tabs.tabs }, { reload: true });
    await screen.findByTestId('storage-probe');
    post(DENIED);
    const pane = screen.getByTestId(`agent-pane-${alpha.id}`);
    const notice = await within(pane).findByTestId('agent-tab-notice');
    expect(tabs.calls).toEqual([]);
    // The user's click opens it (a new tab: the reloaded desk has no handle on the old one).
    fireEvent.click(within(notice).getByRole('button', { name: 'Open in a tab' }));
    await within(notice).findByText('alpha is open in its own tab.');
    expect(tabs.calls[0]).toBe(`claim ${alpha.id} alpha`);
  });

  it('a failed enter URL closes the claimed tab and says why', async () => {
    const { api, tabs } = await ready({ info: { storageProbeUrl: PROBE_URL } });
    await screen.findByTestId('storage-probe');
    post(DENIED);
    api.urlOverride = 'javascript:alert(1)';
    fireEvent.click(sidebarButton('alpha'));
    await screen.findByText(/Could not open alpha: .*not an http\(s\) URL/);
    expect(tabs.calls).toEqual([`claim ${alpha.id} alpha`, 'close']);
  });

  it('a probe that never answers leaves agents framed as before', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await ready({ info: { storageProbeUrl: PROBE_URL } });
    await screen.findByTestId('storage-probe');
    act(() => {
      vi.advanceTimersByTime(STORAGE_PROBE_TIMEOUT_MS + 10);
    });
    await waitFor(() => expect(screen.queryByTestId('storage-probe')).toBeNull());
    fireEvent.click(sidebarButton('alpha'));
    await waitFor(() => expect(screen.getByTestId(`agent-pane-${alpha.id}`).querySelector('iframe.agent-frame')).not.toBeNull());
  });

  it('Electron needs no check: no probe frame, agents open in the desk', async () => {
    const { tabs } = await ready({ info: { mode: 'electron', storageProbeUrl: PROBE_URL } });
    expect(screen.queryByTestId('storage-probe')).toBeNull();
    fireEvent.click(sidebarButton('alpha'));
    await waitFor(() => expect(screen.getByTestId(`agent-pane-${alpha.id}`).querySelector('iframe.agent-frame')).not.toBeNull());
    expect(tabs.calls).toEqual([]);
  });
});
