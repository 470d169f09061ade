import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEvent, DeskSettings } from '../../../preload/contract.js';
import { createDeskBridge, DeskIpcError, type IpcRendererLike } from '../../../preload/ipc-bridge.js';
import { IPC_EVENT_CHANNEL } from '../../../preload/ipc-channels.js';
import { DeskService } from '../../../main/core/api/index.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/index.js';
import { createIpcDispatch, type IpcDispatch } from '../../../main/core/shell/ipc-dispatch.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * An in-process stand-in for Electron's two IPC ends (this test is about the
 * bridge's and the dispatcher's logic, not about Electron): `invoke` goes
 * straight to the real dispatcher as the desk page would, `push` plays
 * `webContents.send`.
 */
class InProcessIpc implements IpcRendererLike {
  readonly listeners = new Map<string, Set<Listener>>();
  readonly invoked: string[] = [];
  constructor(private readonly dispatch: IpcDispatch) {}
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push(channel);
    return this.dispatch({ frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true }, channel, args[0]);
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  push(channel: string, message: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, message);
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

const settings: DeskSettings = { roots: [], agentOrder: [], hibernateAfterMinutes: 0, theme: 'system', port: 47800, runtimes: {}, startOnOpen: true, idleStopMinutes: 0, notifications: DEFAULT_SETTINGS.notifications };

describe('createDeskBridge', () => {
  const services: DeskService[] = [];
  afterEach(() => {
    for (const service of services.splice(0)) service.close();
  });

  function setup() {
    const agents = new StaticAgentSource();
    const alpha = agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
    const service = new DeskService({
      agents,
      settings: { current: settings, update: async () => settings, onChange: () => () => undefined },
      info: () => ({ version: '0.1.0', mode: 'electron', gatewayPort: 47800, roots: [] }),
      enterUrls: { agent: (id) => `http://${id}.localhost:47800/__desk/enter?g=g` },
    });
    services.push(service);
    const ipc = new InProcessIpc(createIpcDispatch(service, () => undefined));
    return { ipc, bridge: createDeskBridge(ipc), alpha };
  }

  it('invokes contract channels and unwraps the reply', async () => {
    const { bridge, alpha } = setup();
    await expect(bridge.invoke('agents:open', { id: alpha.record.id })).resolves.toEqual({ url: `http://${alpha.record.id}.localhost:47800/__desk/enter?g=g` });
    const list = await bridge.invoke('agents:list', undefined);
    expect(list.map((agent) => agent.name)).toEqual(['alpha']);
  });

  it('rejects with the desk error code and message', async () => {
    const { bridge } = setup();
    const error = await bridge.invoke('agents:open', { id: 'a-nobody-aaaaaa' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeskIpcError);
    expect(error).toMatchObject({ code: 'not-found', message: 'no agent with id "a-nobody-aaaaaa"' });
  });

  it('refuses channels outside the contract before anything is sent', async () => {
    const { bridge, ipc } = setup();
    for (const channel of ['fs:read', 'desk:event', '__proto__', 'agents:list ']) {
      await expect(bridge.invoke(channel as never, undefined as never)).rejects.toThrow(/unknown desk channel/);
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('delivers desk events to subscribers, drops junk, and unsubscribes cleanly', () => {
    const { bridge, ipc } = setup();
    const seen: DeskEvent[] = [];
    const second: DeskEvent[] = [];
    const stop = bridge.subscribe((event) => seen.push(event));
    const stopSecond = bridge.subscribe((event) => second.push(event));
    const event: DeskEvent = { channel: 'settings:changed', payload: { settings } };
    ipc.push(IPC_EVENT_CHANNEL, event);
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'evil:thing', payload: {} });
    ipc.push(IPC_EVENT_CHANNEL, 'junk');
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:focus-agent', payload: { id: 'a-x' } });
    expect(seen).toEqual([event, { channel: 'desk:focus-agent', payload: { id: 'a-x' } }]);
    stop();
    stop();
    ipc.push(IPC_EVENT_CHANNEL, event);
    expect(seen).toHaveLength(2);
    expect(second).toHaveLength(3);
    stopSecond();
    ipc.push(IPC_EVENT_CHANNEL, event);
    expect(second).toHaveLength(3);
    expect(ipc.count(IPC_EVENT_CHANNEL)).toBe(1);
  });

  it('delivers well-formed desk:shortcut events and drops malformed ones', () => {
    const { bridge, ipc } = setup();
    const seen: unknown[] = [];
    bridge.subscribe((event) => seen.push(event));
    const good = [
      { kind: 'open-nth', index: 0 },
      { kind: 'open-nth', index: 8 },
      { kind: 'cycle', direction: 1 },
      { kind: 'cycle', direction: -1 },
      { kind: 'switcher' },
    ];
    const bad: unknown[] = [
      undefined,
      null,
      'switcher',
      {},
      { kind: 'open-nth' },
      { kind: 'open-nth', index: 9 },
      { kind: 'open-nth', index: -1 },
      { kind: 'open-nth', index: 1.5 },
      { kind: 'open-nth', index: '1' },
      { kind: 'cycle', direction: 2 },
      { kind: 'cycle' },
      { kind: 'quit' },
    ];
    for (const shortcut of bad) ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:shortcut', payload: { shortcut } });
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:shortcut', payload: {} });
    for (const shortcut of good) ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:shortcut', payload: { shortcut } });
    expect(seen).toEqual(good.map((shortcut) => ({ channel: 'desk:shortcut', payload: { shortcut } })));
  });

  it('delivers well-formed desk:toast events and drops malformed ones', () => {
    const { bridge, ipc } = setup();
    const seen: unknown[] = [];
    bridge.subscribe((event) => seen.push(event));
    const good = { id: 'toast-1', level: 'warning', message: 'A widget was not opened.', count: 3 };
    const bad: unknown[] = [
      undefined,
      { ...good, level: 'fatal' },
      { ...good, count: 0 },
      { ...good, count: 1.5 },
      { ...good, message: 42 },
      { ...good, message: 'x'.repeat(2001) },
      { ...good, id: 'x'.repeat(65) },
      { level: 'info', message: 'no id', count: 1 },
    ];
    for (const toast of bad) ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:toast', payload: { toast } });
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:toast', payload: { toast: good } });
    expect(seen).toEqual([{ channel: 'desk:toast', payload: { toast: good } }]);
  });

  it('does not hold a shortcut for a later subscriber (only focus requests wait)', async () => {
    const { bridge, ipc } = setup();
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:shortcut', payload: { shortcut: { kind: 'switcher' } } });
    const seen: unknown[] = [];
    bridge.subscribe((event) => seen.push(event));
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([]);
  });

  it('keeps the latest focus request for the first subscriber, and only that', async () => {
    const { bridge, ipc } = setup();
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:focus-agent', payload: { id: 'a-first' } });
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'settings:changed', payload: { settings } });
    ipc.push(IPC_EVENT_CHANNEL, { channel: 'desk:focus-agent', payload: { id: 'a-latest' } });
    const seen: unknown[] = [];
    bridge.subscribe((event) => seen.push(event));
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([{ channel: 'desk:focus-agent', payload: { id: 'a-latest' } }]);
    const later: unknown[] = [];
    bridge.subscribe((event) => later.push(event));
    await Promise.resolve();
    expect(later).toEqual([]);
  });

  it('keeps delivering when one listener throws', () => {
    const { bridge, ipc } = setup();
    const seen: string[] = [];
    bridge.subscribe(() => {
      throw new Error('listener bug');
    });
    bridge.subscribe((event) => seen.push(event.channel));
    const original = console.error;
    console.error = () => undefined;
    try {
      ipc.push(IPC_EVENT_CHANNEL, { channel: 'settings:changed', payload: { settings } });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['settings:changed']);
  });
});
