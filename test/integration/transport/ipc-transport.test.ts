import { afterEach, describe, expect, it } from 'vitest';
import { installIpcHost, type DeskIpc } from '../../../main/core/shell/ipc-host.js';
import { INVOKE_CHANNELS } from '../../../preload/contract/channels.js';
import { createDeskBridge, DeskIpcError } from '../../../preload/ipc-bridge.js';
import { IPC_STREAM_CLOSE, IPC_STREAM_OPEN } from '../../../preload/ipc-channels.js';
import type { DeskEvent } from '../../../preload/contract.js';
import { describeDeskContract } from './desk-contract-suite.js';
import { MemoryIpc } from './memory-ipc.js';

/**
 * The IPC transport end to end without Electron: the page's DeskApi (the preload bridge that
 * preload.ts exposes as window.deskApi), an in-memory ipcMain/ipcRenderer pair, and main's IPC
 * host (the same code main/electron/ipc.ts installs on the real ipcMain) over a real desk —
 * running the same contract suite as the HTTP transport (http-transport.test.ts).
 */
describeDeskContract('Electron IPC (in-memory channel pair)', {
  mode: 'electron',
  async connect(desk) {
    const ipc = new MemoryIpc();
    const host = installIpcHost({ ipc: ipc.main, service: desk.service, senderOf: (event) => event.sender, deskPage: () => ipc.page, log: () => undefined });
    return { api: createDeskBridge(ipc.renderer), wire: () => ipc.wire(), close: () => host.dispose() };
  },
});

describe('IPC transport specifics', () => {
  let host: DeskIpc | undefined;
  afterEach(() => host?.dispose());

  const service = {
    invoke: async (channel: string) => ({ channel }),
    subscribe: () => () => undefined,
    stream: () => () => undefined,
  };

  it('handles exactly the contract channels and removes them on dispose', () => {
    const ipc = new MemoryIpc();
    host = installIpcHost({ ipc: ipc.main, service, senderOf: (event) => event.sender, deskPage: () => ipc.page, log: () => undefined });
    expect(ipc.handledChannels.sort()).toEqual([...INVOKE_CHANNELS, IPC_STREAM_OPEN, IPC_STREAM_CLOSE].sort());
    host.dispose();
    host = undefined;
    expect(ipc.handledChannels).toEqual([]);
  });

  it('refuses a sender that is not the desk page, whatever it asks', async () => {
    const ipc = new MemoryIpc();
    const logs: string[] = [];
    host = installIpcHost({ ipc: ipc.main, service, senderOf: (event) => event.sender, deskPage: () => ipc.page, log: (line) => logs.push(line) });
    const bridge = createDeskBridge(ipc.renderer);
    ipc.sender = { frameUrl: 'http://a-alpha-abcdef.localhost:47800/chat/', isMainFrame: true, isMainWindow: false };
    await expect(bridge.invoke('agents:list', undefined)).rejects.toEqual(new DeskIpcError('forbidden', 'only the desk window may call the desk'));
    ipc.sender = { frameUrl: 'app://desk/index.html', isMainFrame: false, isMainWindow: true };
    await expect(bridge.invoke('agents:list', undefined)).rejects.toMatchObject({ code: 'forbidden' });
    expect(logs).toEqual(['refused IPC agents:list from an untrusted frame', 'refused IPC agents:list from an untrusted frame']);
  });

  it('carries the shell commands to the page, toasts queued until it has loaded the desk', async () => {
    const ipc = new MemoryIpc();
    ipc.pageUrl = 'about:blank';
    host = installIpcHost({ ipc: ipc.main, service, senderOf: (event) => event.sender, deskPage: () => ipc.page, log: () => undefined });
    const bridge = createDeskBridge(ipc.renderer);
    const seen: DeskEvent[] = [];
    bridge.subscribe((event) => seen.push(event));
    host.sendToast({ id: 'toast-1', level: 'info', message: 'queued', count: 1 });
    host.sendShortcut({ kind: 'switcher' });
    expect(seen).toEqual([]);
    ipc.pageUrl = 'app://desk/index.html';
    await Promise.resolve();
    await Promise.resolve();
    host.sendShortcut({ kind: 'switcher' });
    host.focusAgent('a-alpha-abcdef');
    await Promise.resolve();
    expect(seen).toEqual([
      { channel: 'desk:toast', payload: { toast: { id: 'toast-1', level: 'info', message: 'queued', count: 1 } } },
      { channel: 'desk:shortcut', payload: { shortcut: { kind: 'switcher' } } },
      { channel: 'desk:focus-agent', payload: { id: 'a-alpha-abcdef' } },
    ]);
  });
});
