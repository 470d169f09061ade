import type { IpcMainLike, DeskPage } from '../../../main/core/shell/ipc-host.js';
import type { IpcSender } from '../../../main/core/shell/ipc-sender.js';
import type { IpcRendererLike } from '../../../preload/ipc-bridge.js';

/** What main's handlers receive: who sent the message (the host asks `senderOf`). */
export interface MemoryInvokeEvent {
  sender: IpcSender;
}

/**
 * An in-memory pair of Electron's IPC ends: `ipcMain.handle` on one side,
 * `ipcRenderer.invoke`/`on` on the other, and the desk page's
 * `webContents.send`. Messages are structured-cloned both ways, as
 * Electron's IPC serializes them; an invoke on a channel nobody handles
 * rejects like Electron's "No handler registered". Everything that crosses
 * is also kept as JSON text (`wire`), for canary checks.
 */
export class MemoryIpc {
  readonly #handlers = new Map<string, (event: MemoryInvokeEvent, payload: unknown) => Promise<unknown>>();
  readonly #listeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  readonly #wire: string[] = [];
  /** Who the renderer side is; tests switch it to an untrusted frame. */
  sender: IpcSender = { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true };
  pageUrl = 'app://desk/index.html';

  readonly main: IpcMainLike<MemoryInvokeEvent> = {
    handle: (channel, listener) => {
      if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.#handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      this.#handlers.delete(channel);
    },
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.#handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const reply = await handler({ sender: { ...this.sender } }, this.#cross(args[0]));
      return this.#cross(reply);
    },
    on: (channel, listener) => {
      this.#listeners.set(channel, [...(this.#listeners.get(channel) ?? []), listener]);
      return this.renderer;
    },
  };

  readonly page: DeskPage = {
    url: () => this.pageUrl,
    isLoading: () => false,
    send: (channel, message) => {
      const copy = this.#cross(message);
      for (const listener of this.#listeners.get(channel) ?? []) listener({}, copy);
    },
    onceLoaded: (callback) => queueMicrotask(callback),
  };

  get handledChannels(): string[] {
    return [...this.#handlers.keys()];
  }

  wire(): string {
    return this.#wire.join('\n');
  }

  #cross<T>(value: T): T {
    if (value === undefined) return value;
    this.#wire.push(JSON.stringify(value));
    return structuredClone(value);
  }
}
