import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRecord, DeskErrorBody } from '../../../preload/contract.js';
import { createDeskBridge, type IpcRendererLike } from '../../../preload/ipc-bridge.js';
import type { DeskService } from '../../../main/core/api/index.js';
import { installIpcHost, type DeskIpc } from '../../../main/core/shell/ipc-host.js';
import { createIpcStreams, type IpcStreams } from '../../../main/core/shell/ipc-streams.js';
import type { IpcSender } from '../../../main/core/shell/ipc-sender.js';
import { staticDeskService } from '../../fixtures/static-desk-service.js';
import { waitFor } from '../../helpers/wait-for.js';

type Listener = (event: unknown, ...args: unknown[]) => void;
const DESK: IpcSender = { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true };

/**
 * An in-process stand-in for Electron's two IPC ends (this test is about the
 * bridge's and main's stream logic, not about Electron): the page's invokes
 * reach the real IPC host's handlers, the host's pushes reach the bridge.
 */
class InProcessIpc implements IpcRendererLike {
  readonly listeners = new Map<string, Set<Listener>>();
  readonly handlers = new Map<string, (event: IpcSender, payload: unknown) => Promise<unknown>>();
  readonly leaveCallbacks: Array<() => void> = [];
  readonly host: DeskIpc;
  streams!: IpcStreams;
  constructor(readonly service: DeskService) {
    this.host = installIpcHost<IpcSender>({
      ipc: { handle: (channel, handler) => this.handlers.set(channel, handler), removeHandler: (channel) => this.handlers.delete(channel) },
      service,
      senderOf: (sender) => sender,
      deskPage: () => ({
        url: () => 'app://desk/index.html',
        isLoading: () => false,
        send: (channel, message) => this.push(channel, message),
        onceLoaded: (callback) => callback(),
      }),
      onSenderLeaves: (_sender, callback) => this.leaveCallbacks.push(callback),
      log: () => undefined,
    });
    // Direct access to main's stream table for the refusal checks (same code the host uses).
    this.streams = createIpcStreams(service, () => undefined, () => undefined);
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`no handler for ${channel}`));
    return handler(DESK, args[0]);
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  push(channel: string, message: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({}, message);
  }
  /** The desk page reloads: Electron's did-start-navigation, as ipc.ts reports it. */
  reload(): void {
    for (const callback of this.leaveCallbacks) callback();
  }
}

const services: DeskService[] = [];
const hosts: DeskIpc[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.dispose();
  for (const service of services.splice(0)) service.close();
});

function setup() {
  const { agents, service } = staticDeskService('electron');
  services.push(service);
  const ipc = new InProcessIpc(service);
  hosts.push(ipc.host);
  const bridge = createDeskBridge(ipc);
  const alpha = agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
  const watch = (id: string) => {
    const chunks: AgentRecord[] = [];
    const ends: Array<DeskErrorBody['error'] | undefined> = [];
    const close = bridge.stream('agents:watch', { id }, { chunk: (record) => chunks.push(record), end: (error) => ends.push(error) });
    return { chunks, ends, close };
  };
  return { agents, service, ipc, bridge, alpha, watch };
}

describe('contract streams over IPC (bridge ↔ main)', () => {
  it('streams the record and its changes, then ends when the agent goes', async () => {
    const { agents, service, alpha, watch } = setup();
    const stream = watch(alpha.record.id);
    await waitFor(() => stream.chunks.length === 1, { message: 'first chunk' });
    agents.update(alpha.record.id, { port: 10 });
    expect(stream.chunks).toHaveLength(2);
    agents.remove(alpha.record.id);
    expect(stream.ends).toEqual([undefined]);
    expect(service.openStreamCount).toBe(0);
  });

  it('ends with the desk error when the stream is refused', async () => {
    const { watch } = setup();
    const unknown = watch('a-nobody-aaaaaa');
    await waitFor(() => unknown.ends.length === 1, { message: 'refusal' });
    expect(unknown.ends[0]).toEqual({ code: 'not-found', message: 'no agent with id "a-nobody-aaaaaa"' });
  });

  it('closing stops the work in main; a page reload does too', async () => {
    const { agents, service, ipc, alpha, watch } = setup();
    const first = watch(alpha.record.id);
    await waitFor(() => service.openStreamCount === 1, { message: 'open' });
    first.close();
    await waitFor(() => service.openStreamCount === 0, { message: 'closed in main' });
    agents.update(alpha.record.id, { port: 10 });
    expect({ chunks: first.chunks.length, ends: first.ends }).toEqual({ chunks: 1, ends: [] });

    watch(alpha.record.id);
    watch(alpha.record.id);
    await waitFor(() => service.openStreamCount === 2, { message: 'two open' });
    ipc.reload();
    expect(service.openStreamCount).toBe(0);
  });

  it('refuses untrusted senders, unknown streams, bad and reused ids, before any work', () => {
    const { service, ipc, alpha } = setup();
    const open = (message: unknown, sender: IpcSender = DESK) => ipc.streams.open(sender, message);
    const guest: IpcSender = { frameUrl: 'http://a-x.localhost:1/', isMainFrame: true, isMainWindow: false };
    expect(open({ id: 's-1', channel: 'agents:watch', request: { id: alpha.record.id } }, guest)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(open({ id: 's-1', channel: 'fs:read', request: {} })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(open({ id: 'x y', channel: 'agents:watch', request: { id: alpha.record.id } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(service.openStreamCount).toBe(0);
    expect(open({ id: 's-1', channel: 'agents:watch', request: { id: alpha.record.id } })).toEqual({ ok: true, value: null });
    expect(open({ id: 's-1', channel: 'agents:watch', request: { id: alpha.record.id } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(ipc.streams.close(guest, { id: 's-1' })).toMatchObject({ ok: false });
    expect(service.openStreamCount).toBe(1);
  });

  it('the bridge refuses a channel outside the contract before anything is sent', () => {
    const { bridge, service } = setup();
    expect(() => bridge.stream('fs:watch' as 'agents:watch', { id: 'a' }, { chunk: () => undefined, end: () => undefined })).toThrow(/unknown desk stream/);
    expect(service.openStreamCount).toBe(0);
  });

  it('disposing the IPC host closes its streams and its handlers', async () => {
    const { service, ipc, alpha, watch } = setup();
    watch(alpha.record.id);
    await waitFor(() => service.openStreamCount === 1, { message: 'open' });
    ipc.host.dispose();
    expect([service.openStreamCount, ipc.handlers.size]).toEqual([0, 0]);
  });
});
