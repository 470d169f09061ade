/** The settings domain: what the user chose, as stored in settings.json. */
import type { NotificationSettings } from './attention.js';

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
}

export interface SettingsInvoke {
  'settings:get': { request: void; response: DeskSettings };
  /** Validated field by field on the desk; answers the whole new settings. */
  'settings:update': { request: Partial<DeskSettings>; response: DeskSettings };
}

export interface SettingsEvents {
  'settings:changed': { settings: DeskSettings };
}
