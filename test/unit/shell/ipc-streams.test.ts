import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRecord, DeskErrorBody, DeskSettings } from '../../../preload/contract.js';
import { createDeskBridge, type IpcRendererLike } from '../../../preload/ipc-bridge.js';
import { IPC_STREAM_CHANNEL, IPC_STREAM_CLOSE, IPC_STREAM_OPEN, type IpcStreamMessage } from '../../../preload/ipc-channels.js';
import { DeskService } from '../../../main/core/api/index.js';
import { createIpcDispatch } from '../../../main/core/shell/ipc-dispatch.js';
import { createIpcStreams, type IpcStreams } from '../../../main/core/shell/ipc-streams.js';
import type { IpcSender } from '../../../main/core/shell/ipc-sender.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';

type Listener = (event: unknown, ...args: unknown[]) => void;
const DESK: IpcSender = { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true };
const settings: DeskSettings = { roots: [], agentOrder: [], hibernateAfterMinutes: 0, theme: 'system', port: 47800 };

/**
 * An in-process stand-in for Electron's two IPC ends (this test is about the
 * bridge's and main's stream logic, not about Electron): invokes reach the
 * real dispatcher and stream handlers, pushes reach the bridge's listeners.
 */
class InProcessIpc implements IpcRendererLike {
  readonly listeners = new Map<string, Set<Listener>>();
  readonly pushed: IpcStreamMessage[] = [];
  streams!: IpcStreams;
  sender: IpcSender = DESK;
  constructor(readonly service: DeskService) {
    this.streams = createIpcStreams(service, (message) => this.push(message), () => undefined);
  }
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (channel === IPC_STREAM_OPEN) return this.streams.open(this.sender, args[0]);
    if (channel === IPC_STREAM_CLOSE) return this.streams.close(this.sender, args[0]);
    return createIpcDispatch(this.service, () => undefined)(this.sender, channel, args[0]);
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  push(message: IpcStreamMessage): void {
    this.pushed.push(message);
    for (const listener of this.listeners.get(IPC_STREAM_CHANNEL) ?? []) listener({}, message);
  }
}

const services: DeskService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

function setup() {
  const agents = new StaticAgentSource();
  const service = new DeskService({
    agents,
    settings: { current: settings, update: async () => settings, onChange: () => () => undefined },
    info: () => ({ version: 't', mode: 'electron', gatewayPort: 1, roots: [] }),
    enterUrls: { agent: (id) => `http://${id}.localhost:1/` },
  });
  services.push(service);
  const ipc = new InProcessIpc(service);
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

  it('closing stops the work in main; a page reload (closeAll) does too', async () => {
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
    ipc.streams.closeAll();
    expect([service.openStreamCount, ipc.streams.size]).toEqual([0, 0]);
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
    const { bridge, ipc } = setup();
    expect(() => bridge.stream('fs:watch' as 'agents:watch', { id: 'a' }, { chunk: () => undefined, end: () => undefined })).toThrow(/unknown desk stream/);
    expect(ipc.streams.size).toBe(0);
  });
});
