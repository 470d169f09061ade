import { Emitter } from '../common/emitter.js';
import type {
  DeskApi,
  DeskErrorBody,
  DeskEvent,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StreamChannel,
  StreamChunk,
  StreamObserver,
  StreamRequest,
} from './contract.js';
import { isInvokeChannelName, isStreamChannelName, toDeskEvent } from './contract/channels.js';
import {
  FOCUS_AGENT_EVENT,
  IPC_EVENT_CHANNEL,
  IPC_STREAM_CHANNEL,
  IPC_STREAM_CLOSE,
  IPC_STREAM_OPEN,
  type FocusAgentEvent,
  type IpcReply,
} from './ipc-channels.js';

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

type StreamEnd = DeskErrorBody['error'] | undefined;

/** A stream message main pushed: its id, and a chunk or the end (with the desk's error, if any). */
function readStreamMessage(value: unknown): { id: string; chunk: unknown } | { id: string; end: StreamEnd } | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as { id?: unknown; kind?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (typeof message.id !== 'string') return null;
  if (message.kind === 'chunk') return { id: message.id, chunk: message.value };
  if (message.kind !== 'end') return null;
  const error = message.error;
  if (error === undefined) return { id: message.id, end: undefined };
  return { id: message.id, end: { code: String(error.code), message: typeof error.message === 'string' ? error.message : 'the stream failed' } };
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
  const events = new Emitter<DeskEvent>('desk event');
  // A focus request (tray, `--open`) can arrive before the UI has subscribed;
  // the latest one waits for the first subscriber. Other events need no
  // buffering: the UI loads full state with `invoke` when it starts, and a
  // shortcut pressed before it listens has nothing to act on.
  let pendingFocus: FocusAgentEvent | undefined;
  const deliver = (message: DeskEvent): void => events.fire(message);
  ipc.on(IPC_EVENT_CHANNEL, (_event: unknown, received: unknown): void => {
    const message = readDeskEvent(received);
    if (message === null) return;
    if (events.listenerCount === 0) {
      if (message.channel === FOCUS_AGENT_EVENT) pendingFocus = message as FocusAgentEvent;
      return;
    }
    deliver(message);
  });

  // Streams this page opened, by id. The random part keeps ids of a reloaded page from meeting old ones.
  const streams = new Map<string, StreamObserver<unknown>>();
  const streamPrefix = Math.random().toString(36).slice(2, 10);
  let streamCount = 0;
  const finish = (id: string, error: StreamEnd): void => {
    const observer = streams.get(id);
    if (!observer) return;
    streams.delete(id);
    try {
      observer.end(error);
    } catch (caught) {
      console.error(`agent-desk: stream observer failed: ${(caught as Error).message}`);
    }
  };
  ipc.on(IPC_STREAM_CHANNEL, (_event: unknown, received: unknown): void => {
    const message = readStreamMessage(received);
    if (message === null) return;
    if ('end' in message) return finish(message.id, message.end);
    try {
      streams.get(message.id)?.chunk(message.chunk);
    } catch (caught) {
      console.error(`agent-desk: stream observer failed: ${(caught as Error).message}`);
    }
  });

  return {
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
      if (!isInvokeChannelName(channel)) throw new DeskIpcError('bad-request', `unknown desk channel "${String(channel)}"`);
      const reply = await ipc.invoke(channel, request);
      return unwrap<InvokeResponse<C>>(reply, channel);
    },
    stream<C extends StreamChannel>(channel: C, request: StreamRequest<C>, observer: StreamObserver<StreamChunk<C>>): () => void {
      if (!isStreamChannelName(channel)) throw new DeskIpcError('bad-request', `unknown desk stream "${String(channel)}"`);
      if (typeof observer?.chunk !== 'function' || typeof observer.end !== 'function') throw new TypeError('stream needs an observer with chunk and end');
      streamCount += 1;
      const id = `${streamPrefix}-${streamCount}`;
      streams.set(id, observer as StreamObserver<unknown>);
      ipc.invoke(IPC_STREAM_OPEN, { id, channel, request }).then(
        (reply) => {
          try {
            unwrap<null>(reply, channel);
          } catch (error) {
            const { code, message } = error as DeskIpcError;
            finish(id, { code, message });
          }
        },
        () => finish(id, { code: 'internal', message: `the desk could not open ${channel}` }),
      );
      return () => {
        if (!streams.delete(id)) return;
        void ipc.invoke(IPC_STREAM_CLOSE, { id }).catch(() => undefined);
      };
    },
    subscribe(listener: (event: DeskEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
      const unsubscribe = events.event(listener);
      if (pendingFocus) {
        const focus = pendingFocus;
        pendingFocus = undefined;
        // After subscribe returns, as every other event arrives.
        void Promise.resolve().then(() => deliver(focus));
      }
      return unsubscribe;
    },
  };
}
