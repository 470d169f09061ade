/**
 * The desk window's preload: the ONLY file that touches ipcRenderer. It runs
 * sandboxed, where `require` knows only `electron` and a few built-ins, so
 * the build bundles it with ipc-bridge.ts into one CommonJS file
 * (preload/vite.config.ts → dist/preload/preload.cjs).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './ipc-bridge.js';

const bridge = createDeskBridge(ipcRenderer);

// Plain functions only: contextBridge copies them into the page's world, and
// the page can call them but never reach ipcRenderer or this closure.
contextBridge.exposeInMainWorld('deskApi', {
  invoke: (channel: string, request: unknown) => bridge.invoke(channel as never, request as never),
  subscribe: (listener: (event: unknown) => void) => bridge.subscribe(listener),
  stream: (channel: string, request: unknown, observer: { chunk(value: unknown): void; end(error?: unknown): void }) =>
    bridge.stream(channel as never, request as never, observer as never),
});
