import { afterEach, describe, expect, it } from 'vitest';
import type { DeskSettings } from '../../../preload/contract.js';
import { DeskService } from '../../../main/core/api/index.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/index.js';
import { createIpcDispatch } from '../../../main/core/shell/ipc-dispatch.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';

const TOKEN = 'canary-web-token-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e5b2d4f6a8c0e';
const trusted = { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true };

function settingsPort() {
  let current: DeskSettings = { roots: [], agentOrder: [], hibernateAfterMinutes: 0, theme: 'system', port: 47800, runtimes: {}, startOnOpen: true, idleStopMinutes: 0, notifications: DEFAULT_SETTINGS.notifications };
  return {
    get current() {
      return current;
    },
    async update(patch: unknown) {
      current = { ...current, ...(patch as Partial<DeskSettings>) };
      return current;
    },
    onChange: () => () => undefined,
  };
}

describe('createIpcDispatch with a real DeskService', () => {
  const services: DeskService[] = [];
  afterEach(() => {
    for (const service of services.splice(0)) service.close();
  });

  function setup() {
    const agents = new StaticAgentSource();
    const alpha = agents.add({ name: 'alpha', port: 9, token: TOKEN });
    agents.add({ name: 'unprovisioned' });
    const service = new DeskService({
      agents,
      settings: settingsPort(),
      info: () => ({ version: '0.1.0', mode: 'electron', gatewayPort: 47800, roots: [] }),
      enterUrls: { agent: (id) => `http://${id}.localhost:47800/__desk/enter?g=grant` },
    });
    services.push(service);
    const log: string[] = [];
    return { alpha, dispatch: createIpcDispatch(service, (line) => log.push(line)), log };
  }

  it('answers the desk page with the service result', async () => {
    const { alpha, dispatch } = setup();
    const list = await dispatch(trusted, 'agents:list', undefined);
    expect(list.ok).toBe(true);
    const open = await dispatch(trusted, 'agents:open', { id: alpha.record.id });
    expect(open).toEqual({ ok: true, value: { url: `http://${alpha.record.id}.localhost:47800/__desk/enter?g=grant` } });
  });

  it('refuses webviews, widget windows, iframes and foreign pages whatever they ask', async () => {
    const { dispatch, log } = setup();
    const senders = [
      { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: false },
      { frameUrl: 'app://desk/index.html', isMainFrame: false, isMainWindow: true },
      { frameUrl: 'http://a-alpha-aaaaaa.localhost:47800/chat/', isMainFrame: true, isMainWindow: true },
      { frameUrl: 'https://evil.example/', isMainFrame: true, isMainWindow: true },
      { frameUrl: null, isMainFrame: true, isMainWindow: true },
    ];
    for (const sender of senders) {
      expect(await dispatch(sender, 'agents:list', undefined)).toEqual({ ok: false, error: { code: 'forbidden', message: 'only the desk window may call the desk' } });
    }
    expect(log).toHaveLength(senders.length);
  });

  it('turns bad channels and payloads into clear errors, never a crash', async () => {
    const { dispatch, alpha } = setup();
    expect(await dispatch(trusted, 'fs:read', { path: '/etc/passwd' })).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown desk channel' } });
    expect(await dispatch(trusted, 'agents:open', 'nope')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(trusted, 'agents:open', { id: '../../x' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'invalid agent id' } });
    expect(await dispatch(trusted, 'agents:open', { id: 'a-nobody-aaaaaa' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(trusted, 'widgets:open', { agentId: alpha.record.id, mount: 'clock' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('never puts the agent token in a reply or the log (canary)', async () => {
    const { dispatch, log, alpha } = setup();
    const replies = await Promise.all([
      dispatch(trusted, 'agents:list', undefined),
      dispatch(trusted, 'agents:open', { id: alpha.record.id }),
      dispatch(trusted, 'desk:info', undefined),
      dispatch({ ...trusted, isMainWindow: false }, 'agents:list', undefined),
    ]);
    expect(JSON.stringify(replies)).not.toContain(TOKEN);
    expect(log.join('\n')).not.toContain(TOKEN);
  });

  it('hides internal errors behind a generic message', async () => {
    const log: string[] = [];
    const dispatch = createIpcDispatch({ invoke: async () => Promise.reject(new Error(`boom at /home/u/.env with ${TOKEN}`)) }, (line) => log.push(line));
    const reply = await dispatch(trusted, 'agents:list', undefined);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Agent Desk hit an internal error; see its log for details.' } });
    expect(JSON.stringify(reply) + log.join('\n')).not.toContain(TOKEN);
    expect(log).toEqual(['IPC agents:list failed: Error']);
  });
});
