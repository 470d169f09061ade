import type { DeskApi, DeskEvent, InvokeChannel, InvokeRequest, InvokeResponse } from './contract.js';
import { isInvokeChannelName, toDeskEvent } from './contract/channels.js';
import { FOCUS_AGENT_EVENT, IPC_EVENT_CHANNEL, type FocusAgentEvent, type IpcReply } from './ipc-channels.js';

/** The slice of `ipcRenderer` the bridge uses; preload.ts passes the real one. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** An error the page can read: `message` plus the desk's error `code`. */
export class DeskIpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskIpcError';
  }
}

/** The event main pushed, if it is one of the contract's and well-formed. */
function readDeskEvent(value: unknown): DeskEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const { channel, payload } = value as { channel?: unknown; payload?: unknown };
  return toDeskEvent(channel, payload);
}

function unwrap<T>(reply: unknown, channel: string): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const typed = reply as IpcReply<T>;
    if (typed.ok) return typed.value;
    if (typeof typed.error?.message === 'string') throw new DeskIpcError(String(typed.error.code), typed.error.message);
  }
  throw new DeskIpcError('internal', `the desk sent an unreadable reply to ${channel}`);
}

/**
 * The narrow DeskApi the page gets: `invoke` of the contract's channels only
 * (checked at runtime, since the page is not bound by our types) and
 * `subscribe` to desk events. No raw ipcRenderer, no channel of the page's
 * choosing, no Electron object ever reaches the page.
 */
export function createDeskBridge(ipc: IpcRendererLike): DeskApi {
  const listeners = new Set<(event: DeskEvent) => void>();
  // A focus request (tray, `--open`) can arrive before the UI has subscribed;
  // the latest one waits for the first subscriber. Other events need no
  // buffering: the UI loads full state with `invoke` when it starts, and a
  // shortcut pressed before it listens has nothing to act on.
  let pendingFocus: FocusAgentEvent | undefined;
  const deliver = (message: DeskEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        console.error(`agent-desk: event listener failed: ${(error as Error).message}`);
      }
    }
  };
  ipc.on(IPC_EVENT_CHANNEL, (_event: unknown, received: unknown): void => {
    const message = readDeskEvent(received);
    if (message === null) return;
    if (listeners.size === 0) {
      if (message.channel === FOCUS_AGENT_EVENT) pendingFocus = message as FocusAgentEvent;
      return;
    }
    deliver(message);
  });

  return {
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
      if (!isInvokeChannelName(channel)) throw new DeskIpcError('bad-request', `unknown desk channel "${String(channel)}"`);
      const reply = await ipc.invoke(channel, request);
      return unwrap<InvokeResponse<C>>(reply, channel);
    },
    subscribe(listener: (event: DeskEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
      listeners.add(listener);
      if (pendingFocus) {
        const focus = pendingFocus;
        pendingFocus = undefined;
        // After subscribe returns, as every other event arrives.
        void Promise.resolve().then(() => deliver(focus));
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners.delete(listener);
      };
    },
  };
}
