import type { DeskErrorBody, DeskEvent, EventChannel } from './contract.js';

/**
 * The IPC transport's wire: one `ipcRenderer.invoke` channel per contract
 * invoke channel (same names, contract/channels.ts lists them), and one push
 * channel for events. Shared by preload and main so the two cannot drift.
 */

/** Main → renderer push channel carrying one `DeskEvent` per message. */
export const IPC_EVENT_CHANNEL = 'desk:event';

/**
 * What an invoke handler resolves with. Errors travel as data: an Error
 * thrown in a main-process handler reaches the page as an opaque string, and
 * the UI needs the code.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | ({ ok: false } & DeskErrorBody);

/** Shell → UI request to show one agent (tray menu, `--open <agent>`, a second launch). */
export const FOCUS_AGENT_EVENT = 'desk:focus-agent' satisfies EventChannel;
export type FocusAgentEvent = Extract<DeskEvent, { channel: typeof FOCUS_AGENT_EVENT }>;

/** Shell → UI: a desk shortcut pressed inside an agent's `<webview>`, whose keys the guest page would otherwise get. */
export const SHORTCUT_EVENT = 'desk:shortcut' satisfies EventChannel;
export type ShortcutEvent = Extract<DeskEvent, { channel: typeof SHORTCUT_EVENT }>;

/**
 * Contract streams over IPC. The page names each stream (an id unique to
 * its bridge), opens it with an invoke on `IPC_STREAM_OPEN` ({id, channel,
 * request} → IpcReply<null>), receives `IpcStreamMessage`s on
 * `IPC_STREAM_CHANNEL`, and closes it early with `IPC_STREAM_CLOSE` ({id}).
 */
export const IPC_STREAM_OPEN = 'desk:stream-open';
export const IPC_STREAM_CLOSE = 'desk:stream-close';
export const IPC_STREAM_CHANNEL = 'desk:stream';

export type IpcStreamMessage = { id: string; kind: 'chunk'; value: unknown } | ({ id: string; kind: 'end' } & Partial<DeskErrorBody>);

/** Stream ids: short, plain, chosen by the page (checked in main). */
export const STREAM_ID = /^[A-Za-z0-9-]{1,64}$/;
