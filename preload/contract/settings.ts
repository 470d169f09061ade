/** The settings domain: what the user chose, as stored in settings.json. */
import type { NotificationSettings } from './attention.js';
import type { RuntimeKind } from './agents.js';

export type Theme = 'system' | 'light' | 'dark';

export interface DeskSettings {
  /** Extra workspace roots, beyond the default and `--root` flags. */
  roots: string[];
  /** Agent ids in the user's sidebar order; unknown ids are ignored. */
  agentOrder: string[];
  /** Minutes an agent view may stay idle before it is unloaded; 0 = never. */
  hibernateAfterMinutes: number;
  theme: Theme;
  /**
   * The gateway's port on 127.0.0.1 (default 47800), used when no `--port` is
   * given; applies at the next start. Agents' browser storage belongs to it.
   */
  port: number;
  /** Which attention items notify, per kind and agent; do-not-disturb; sound. */
  notifications: NotificationSettings;
  /** Runtime per root path (absolute); a root not listed uses its default. */
  runtimes: Record<string, RootRuntimeSetting>;
  /** Opening an offline agent starts it, when its root has a start command. */
  startOnOpen: boolean;
  /** Stop an agent after this many minutes without proxied requests or active runs; 0 = never. */
  idleStopMinutes: number;
}

/** A root's runtime in settings; `custom` holds argv templates with `{name}` and `{dir}`. */
export interface RootRuntimeSetting {
  kind: RuntimeKind;
  custom?: { start: string[]; stop: string[]; restart: string[]; logs?: string[] };
}

/**
 * What the desk would make of a root typed into Settings, before it is
 * saved: its full path (`~` expanded) and whether it can be used.
 */
export interface RootCheck {
  /** The path after `~` expansion and resolution: what the desk would watch. */
  path: string;
  /**
   * `ok`, `missing` (watched until it appears) and `unreadable` can be saved;
   * `invalid` (not a full path), `not-a-directory` and `duplicate` (the
   * default root, a `--root`, or another root in the list) cannot.
   */
  state: 'ok' | 'missing' | 'not-a-directory' | 'unreadable' | 'duplicate' | 'invalid';
  /** One sentence for the form. */
  message: string;
}

export interface SettingsInvoke {
  'settings:get': { request: void; response: DeskSettings };
  /** Checks one root as the form has it; `others`: the form's other extra roots. */
  'settings:check-root': { request: { path: string; others: string[] }; response: RootCheck };
  /** Validated field by field on the desk; answers the whole new settings. */
  'settings:update': { request: Partial<DeskSettings>; response: DeskSettings };
}

export interface SettingsEvents {
  'settings:changed': { settings: DeskSettings };
}
