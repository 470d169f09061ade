/**
 * The contract's channel names at runtime, and the checks both transports
 * run on what arrives from the other side. The lists are checked against
 * the contract's types, so a channel added there fails the build here.
 */
import type { DeskShortcut, DeskToast } from './desk.js';
import type { DeskEvent, EventChannel, InvokeChannel, ShellCommandChannel, StateEventChannel, StreamChannel } from './api.js';

export const INVOKE_CHANNELS = [
  'desk:info',
  'agents:list',
  'agents:open',
  'widgets:open',
  'settings:get',
  'settings:check-root',
  'settings:update',
  'attention:list',
  'attention:answer',
  'attention:seen',
  'attention:focus',
  'agents:start',
  'agents:stop',
  'agents:restart',
  'agents:cancel',
  'agents:logs',
  'agents:watch-logs',
] as const satisfies readonly InvokeChannel[];

/** State events: pushed by the desk service on both transports. */
export const STATE_EVENT_CHANNELS = ['agents:changed', 'desk:changed', 'settings:changed', 'attention:changed', 'agents:progress', 'agents:log'] as const satisfies readonly StateEventChannel[];

/** Shell commands: pushed by the Electron shell over IPC only. */
export const SHELL_COMMAND_CHANNELS = ['desk:focus-agent', 'desk:shortcut', 'desk:toast'] as const satisfies readonly ShellCommandChannel[];

export const EVENT_CHANNELS = [...STATE_EVENT_CHANNELS, ...SHELL_COMMAND_CHANNELS] as const satisfies readonly EventChannel[];

export const STREAM_CHANNELS = ['agents:watch'] as const satisfies readonly StreamChannel[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const invokeListComplete: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> = true;
const stateListComplete: Missing<StateEventChannel, (typeof STATE_EVENT_CHANNELS)[number]> = true;
const commandListComplete: Missing<ShellCommandChannel, (typeof SHELL_COMMAND_CHANNELS)[number]> = true;
const streamListComplete: Missing<StreamChannel, (typeof STREAM_CHANNELS)[number]> = true;
void streamListComplete;
void invokeListComplete;
void stateListComplete;
void commandListComplete;

function isListed<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export function isInvokeChannelName(value: unknown): value is InvokeChannel {
  return isListed(INVOKE_CHANNELS, value);
}

export function isStreamChannelName(value: unknown): value is StreamChannel {
  return isListed(STREAM_CHANNELS, value);
}

export function isEventChannelName(value: unknown): value is EventChannel {
  return isListed(EVENT_CHANNELS, value);
}

export function isStateEventChannel(value: unknown): value is StateEventChannel {
  return isListed(STATE_EVENT_CHANNELS, value);
}

export function isShellCommand(event: DeskEvent): event is Extract<DeskEvent, { channel: ShellCommandChannel }> {
  return isListed(SHELL_COMMAND_CHANNELS, event.channel);
}

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

/** A toast main pushed: bounded text, a known level, a positive count. */
export function isDeskToast(value: unknown): value is DeskToast {
  if (typeof value !== 'object' || value === null) return false;
  const toast = value as Partial<Record<keyof DeskToast, unknown>>;
  return (
    typeof toast.id === 'string' &&
    toast.id.length <= 64 &&
    typeof toast.message === 'string' &&
    toast.message.length <= 2000 &&
    (toast.level === 'info' || toast.level === 'warning' || toast.level === 'error') &&
    Number.isInteger(toast.count) &&
    (toast.count as number) >= 1
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape each event's payload must have before the UI sees it. */
const EVENT_PAYLOAD_CHECKS: { readonly [C in EventChannel]: (payload: Record<string, unknown>) => boolean } = {
  'agents:changed': (payload) => Array.isArray(payload.agents),
  'desk:changed': (payload) => isObject(payload.info),
  'settings:changed': (payload) => isObject(payload.settings),
  'attention:changed': (payload) => Array.isArray(payload.items) && Array.isArray(payload.notify),
  'agents:progress': (payload) => typeof payload.id === 'string' && typeof payload.verb === 'string' && typeof payload.phase === 'string' && typeof payload.message === 'string',
  'agents:log': (payload) => typeof payload.id === 'string' && isObject(payload.line) && typeof payload.line.text === 'string',
  'desk:focus-agent': (payload) => typeof payload.id === 'string' && (payload.sessionId === undefined || typeof payload.sessionId === 'string'),
  'desk:shortcut': (payload) => isDeskShortcut(payload.shortcut),
  'desk:toast': (payload) => isDeskToast(payload.toast),
};

/**
 * A typed event from what a transport received, or null when the channel is
 * unknown or the payload has the wrong shape (the UI skips it).
 */
export function toDeskEvent(channel: unknown, payload: unknown): DeskEvent | null {
  if (!isEventChannelName(channel) || !isObject(payload)) return null;
  return EVENT_PAYLOAD_CHECKS[channel](payload) ? ({ channel, payload } as DeskEvent) : null;
}
