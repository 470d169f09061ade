import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { DeskService } from '../core/api/index.js';
import { installIpcHost, type DeskIpc } from '../core/shell/index.js';

export type { DeskIpc };

/**
 * The ONLY file using ipcMain: it hands Electron's objects to the IPC host
 * (main/core/shell/ipc-host.ts), which checks each sender and payload and
 * pushes events to the desk page only while it shows `app://desk`.
 */
export function installIpc(service: DeskService, mainWindow: () => BrowserWindow | undefined, log: (line: string) => void): DeskIpc {
  const deskContents = () => {
    const window = mainWindow();
    return window && !window.isDestroyed() ? window.webContents : undefined;
  };
  const watched = new WeakSet<WebContents>();
  return installIpcHost<IpcMainInvokeEvent>({
    ipc: ipcMain,
    service,
    senderOf: (event) => {
      const frame = event.senderFrame;
      return {
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
        isMainWindow: event.sender === deskContents(),
      };
    },
    deskPage: () => {
      const contents = deskContents();
      if (!contents) return undefined;
      return {
        url: () => contents.getURL(),
        isLoading: () => contents.isLoadingMainFrame(),
        send: (channel, message) => contents.send(channel, message),
        onceLoaded: (callback) => contents.once('did-finish-load', callback),
      };
    },
    onSenderLeaves: (event, callback) => {
      const contents = event.sender;
      if (watched.has(contents)) return;
      watched.add(contents);
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) callback();
      });
      contents.once('destroyed', callback);
    },
    log,
  });
}
