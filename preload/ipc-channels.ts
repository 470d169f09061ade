import type { DeskErrorBody, DeskEvent, DeskShortcut, EventChannel, InvokeChannel } from './contract.js';

/**
 * The IPC transport's wire: one `ipcRenderer.invoke` channel per contract
 * channel (same names), and one push channel for events. Shared by preload
 * and main so the two cannot drift; the lists are checked against the
 * contract's types below, so adding a channel there fails the build here.
 */
export const INVOKE_CHANNELS = [
  'desk:info',
  'agents:list',
  'agents:open',
  'widgets:open',
  'settings:get',
  'settings:update',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = [
  'agents:changed',
  'desk:changed',
  'settings:changed',
  'desk:focus-agent',
  'desk:shortcut',
] as const satisfies readonly EventChannel[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const invokeListComplete: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> = true;
const eventListComplete: Missing<EventChannel, (typeof EVENT_CHANNELS)[number]> = true;
void invokeListComplete;
void eventListComplete;

/** Main → renderer push channel carrying one `DeskEvent` per message. */
export const IPC_EVENT_CHANNEL = 'desk:event';

/**
 * What an invoke handler resolves with. Errors travel as data: an Error
 * thrown in a main-process handler reaches the page as an opaque string, and
 * the UI needs the code.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | ({ ok: false } & DeskErrorBody);

export function isInvokeChannelName(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannelName(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

/** Shell → UI request to show one agent (tray menu, `--open <agent>`, a second launch). */
export const FOCUS_AGENT_EVENT = 'desk:focus-agent' satisfies EventChannel;
export type FocusAgentEvent = Extract<DeskEvent, { channel: typeof FOCUS_AGENT_EVENT }>;

/** Shell → UI: a desk shortcut pressed inside an agent's `<webview>`, whose keys the guest page would otherwise get. */
export const SHORTCUT_EVENT = 'desk:shortcut' satisfies EventChannel;
export type ShortcutEvent = Extract<DeskEvent, { channel: typeof SHORTCUT_EVENT }>;

/** A well-formed DeskShortcut (the bridge checks what main pushes before the page sees it). */
export function isDeskShortcut(value: unknown): value is DeskShortcut {
  if (typeof value !== 'object' || value === null) return false;
  const shortcut = value as { kind?: unknown; index?: unknown; direction?: unknown };
  switch (shortcut.kind) {
    case 'open-nth':
      return Number.isInteger(shortcut.index) && (shortcut.index as number) >= 0 && (shortcut.index as number) <= 8;
    case 'cycle':
      return shortcut.direction === 1 || shortcut.direction === -1;
    case 'switcher':
      return true;
    default:
      return false;
  }
}
