import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { DeskEvent, DeskShortcut } from '../../preload/contract.js';
import { INVOKE_CHANNELS } from '../../preload/contract/channels.js';
import {
  FOCUS_AGENT_EVENT,
  IPC_EVENT_CHANNEL,
  SHORTCUT_EVENT,
  type FocusAgentEvent,
  type ShortcutEvent,
} from '../../preload/ipc-channels.js';
import type { DeskService } from '../core/api/index.js';
import { createIpcDispatch, isAppUrl } from '../core/shell/index.js';

export interface DeskIpc {
  /** Asks the UI to show one agent; waits for the page if it is still loading. */
  focusAgent(id: string): void;
  /** Forwards a desk shortcut pressed inside an agent's `<webview>`; dropped while the page is not the desk. */
  sendShortcut(shortcut: DeskShortcut): void;
  dispose(): void;
}

/**
 * The ONLY file using ipcMain: one `handle` per contract channel, each
 * checking the sender frame and passing the raw payload to the service
 * (which validates it); desk events go to the desk page with
 * `webContents.send`, and only while it shows `app://desk`.
 */
export function installIpc(service: DeskService, mainWindow: () => BrowserWindow | undefined, log: (line: string) => void): DeskIpc {
  const dispatch = createIpcDispatch(service, log);
  const deskContents = () => {
    const window = mainWindow();
    return window && !window.isDestroyed() ? window.webContents : undefined;
  };

  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      return dispatch(
        {
          frameUrl: frame?.url,
          isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
          isMainWindow: event.sender === deskContents(),
        },
        channel,
        payload,
      );
    });
  }

  const send = (message: DeskEvent): void => {
    const contents = deskContents();
    if (!contents || !isAppUrl(contents.getURL())) return;
    contents.send(IPC_EVENT_CHANNEL, message);
  };
  const unsubscribe = service.subscribe(send);

  return {
    focusAgent(id: string): void {
      const contents = deskContents();
      if (!contents) return;
      const message: FocusAgentEvent = { channel: FOCUS_AGENT_EVENT, payload: { id } };
      if (contents.isLoadingMainFrame() || !isAppUrl(contents.getURL())) contents.once('did-finish-load', () => send(message));
      else send(message);
    },
    sendShortcut(shortcut: DeskShortcut): void {
      const message: ShortcutEvent = { channel: SHORTCUT_EVENT, payload: { shortcut } };
      send(message);
    },
    dispose(): void {
      unsubscribe();
      for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}
