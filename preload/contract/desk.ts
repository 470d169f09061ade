/** The desk domain: the app itself (version, mode, roots) and the shell's commands to the UI. */
import type { RuntimeKind } from './agents.js';

export type RootState = 'ok' | 'missing' | 'not-a-directory' | 'unreadable';

export interface RootStatus {
  path: string;
  /** Where the root came from: the built-in default, settings, or `--root`. */
  source: 'default' | 'settings' | 'flag';
  state: RootState;
  reason?: string;
  /** Who starts and stops this root's agents (lifecycle). */
  runtime?: RootRuntimeInfo;
}

/** A root's runtime as resolved (the setting, else the default), with the commands it runs. */
export interface RootRuntimeInfo {
  kind: RuntimeKind;
  source: 'default' | 'settings';
  /** Commands as typed in a terminal, with `<name>` for the workspace; absent verbs have none. */
  commands: { start?: string; stop?: string; restart?: string; logs?: string };
  /** Why this runtime cannot run here (e.g. term-llm outside a term-llm containers folder). */
  problem?: string;
}

export interface DeskInfo {
  version: string;
  mode: 'electron' | 'browser';
  gatewayPort: number;
  /**
   * Browser mode: the gateway's framed-storage check page, which the UI frames
   * once to learn whether agents can keep storage inside the desk.
   */
  storageProbeUrl?: string;
  roots: RootStatus[];
  /** A problem with the settings file (e.g. corrupt, kept as a backup). */
  settingsWarning?: string;
}

/**
 * A desk-wide keyboard command: open the n-th agent (0-based, sidebar order),
 * cycle agents, or toggle the quick switcher. The renderer maps its own key
 * events to it, and the Electron shell forwards the ones pressed in a guest.
 */
export type DeskShortcut = { kind: 'open-nth'; index: number } | { kind: 'cycle'; direction: 1 | -1 } | { kind: 'switcher' };

export interface DeskInvoke {
  'desk:info': { request: void; response: DeskInfo };
}

/** State the desk service pushes on both transports. */
export interface DeskEvents {
  'desk:changed': { info: DeskInfo };
}

/**
 * A problem the Electron shell reports in the desk UI instead of a modal
 * (a widget that did not open, a link that was not followed). Reports of one
 * kind fold into one toast: same `id`, growing `count`.
 */
export interface DeskToast {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  count: number;
}

/**
 * Commands from the Electron shell to the UI (IPC only; the HTTP transport
 * never carries them): they ask the UI to do something, they hold no state.
 */
export interface ShellCommands {
  /** Show an agent (tray item, `--open`, second launch), or one of its sessions (a notification's click). */
  'desk:focus-agent': { id: string; sessionId?: string };
  /** A desk shortcut pressed while focus was inside an agent's `<webview>`. */
  'desk:shortcut': { shortcut: DeskShortcut };
  /** Show (or update, by id) a toast about something the shell did not do. */
  'desk:toast': { toast: DeskToast };
}
