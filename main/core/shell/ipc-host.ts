import type { DeskEvent, DeskShortcut, DeskStateEvent, DeskToast } from '../../../preload/contract.js';
import { INVOKE_CHANNELS } from '../../../preload/contract/channels.js';
import { IPC_EVENT_CHANNEL, IPC_STREAM_CHANNEL, IPC_STREAM_CLOSE, IPC_STREAM_OPEN, type IpcStreamMessage } from '../../../preload/ipc-channels.js';
import { isAppUrl } from './app-url.js';
import { createIpcDispatch, type InvokeTarget } from './ipc-dispatch.js';
import type { IpcSender } from './ipc-sender.js';
import { createIpcStreams, type StreamTarget } from './ipc-streams.js';

/** The slice of Electron's `ipcMain` the host uses (ipc.ts passes the real one). */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The desk page's WebContents, as far as pushing events to it goes. */
export interface DeskPage {
  url(): string;
  isLoading(): boolean;
  send(channel: string, message: DeskEvent | IpcStreamMessage): void;
  onceLoaded(callback: () => void): void;
}

export interface IpcHostOptions<Event> {
  ipc: IpcMainLike<Event>;
  service: InvokeTarget & StreamTarget & { subscribe(listener: (event: DeskStateEvent) => void): () => void };
  /** Who sent an invoke: read from the Electron event by the caller. */
  senderOf(event: Event): IpcSender;
  /** The desk window's page, while there is one. */
  deskPage(): DeskPage | undefined;
  /**
   * Calls back when the page that sent `event` navigates, reloads or goes
   * away: its streams close then (a stream belongs to the page that opened it).
   */
  onSenderLeaves?(event: Event, callback: () => void): void;
  log(line: string): void;
}

export interface DeskIpc {
  /** Asks the UI to show one agent (at one of its sessions); waits for the page if it is still loading. */
  focusAgent(id: string, sessionId?: string): void;
  /** Forwards a desk shortcut pressed inside an agent's `<webview>`; dropped while the page is not the desk. */
  sendShortcut(shortcut: DeskShortcut): void;
  /** Shows or updates a toast; waits for the page if it is still loading (the latest few). */
  sendToast(toast: DeskToast): void;
  dispose(): void;
}

const PENDING_TOASTS = 3;

/**
 * Main's side of the IPC transport, minus Electron: one handler per contract
 * channel through the dispatch (trusted-sender check → channel check →
 * service → safe error), desk state events pushed to the desk page while it
 * shows `app://desk`, the shell's commands (focus, shortcut, toast), and
 * contract streams (open/close invokes, messages pushed on `desk:stream`).
 */
export function installIpcHost<Event>(options: IpcHostOptions<Event>): DeskIpc {
  const dispatch = createIpcDispatch(options.service, options.log);
  for (const channel of INVOKE_CHANNELS) {
    options.ipc.handle(channel, (event, payload) => dispatch(options.senderOf(event), channel, payload));
  }
  const send = (message: DeskEvent): void => {
    const page = options.deskPage();
    if (!page || !isAppUrl(page.url())) return;
    page.send(IPC_EVENT_CHANNEL, message);
  };
  const unsubscribe = options.service.subscribe(send);
  const streams = createIpcStreams(
    options.service,
    (message) => {
      const page = options.deskPage();
      if (page && isAppUrl(page.url())) page.send(IPC_STREAM_CHANNEL, message);
    },
    options.log,
  );
  options.ipc.handle(IPC_STREAM_OPEN, async (event, payload) => {
    const reply = streams.open(options.senderOf(event), payload);
    if (reply.ok) options.onSenderLeaves?.(event, () => streams.closeAll());
    return reply;
  });
  options.ipc.handle(IPC_STREAM_CLOSE, async (event, payload) => streams.close(options.senderOf(event), payload));
  const whenLoaded = (deliver: () => void): boolean => {
    const page = options.deskPage();
    if (!page) return false;
    if (page.isLoading() || !isAppUrl(page.url())) page.onceLoaded(deliver);
    else deliver();
    return true;
  };
  let pendingToasts: DeskToast[] | undefined;

  return {
    focusAgent(id, sessionId) {
      const message: DeskEvent = { channel: 'desk:focus-agent', payload: sessionId === undefined ? { id } : { id, sessionId } };
      whenLoaded(() => send(message));
    },
    sendShortcut(shortcut) {
      send({ channel: 'desk:shortcut', payload: { shortcut } });
    },
    sendToast(toast) {
      if (pendingToasts) {
        pendingToasts = [...pendingToasts.filter((queued) => queued.id !== toast.id), toast].slice(-PENDING_TOASTS);
        return;
      }
      const page = options.deskPage();
      if (page && !page.isLoading() && isAppUrl(page.url())) {
        send({ channel: 'desk:toast', payload: { toast } });
        return;
      }
      pendingToasts = [toast];
      const flush = (): void => {
        const queued = pendingToasts ?? [];
        pendingToasts = undefined;
        for (const item of queued) send({ channel: 'desk:toast', payload: { toast: item } });
      };
      if (!whenLoaded(flush)) pendingToasts = undefined;
    },
    dispose() {
      unsubscribe();
      streams.closeAll();
      for (const channel of [...INVOKE_CHANNELS, IPC_STREAM_OPEN, IPC_STREAM_CLOSE]) options.ipc.removeHandler(channel);
    },
  };
}
