import path from 'node:path';
import type { DeskSettings, Theme } from '../../../preload/contract.js';
import { DEFAULT_NOTIFICATIONS, validateNotifications } from './notification-settings.js';
import { SettingsError } from './settings-error.js';
import { validateIdleStop, validateRuntimes, validateStartOnOpen } from './lifecycle-settings.js';

/** The gateway's port when neither `--port` nor the settings say otherwise (both modes). */
export const DEFAULT_GATEWAY_PORT = 47800;

export const DEFAULT_SETTINGS: DeskSettings = Object.freeze({
  roots: [],
  agentOrder: [],
  hibernateAfterMinutes: 0,
  theme: 'system',
  port: DEFAULT_GATEWAY_PORT,
  notifications: DEFAULT_NOTIFICATIONS,
  runtimes: {},
  startOnOpen: true,
  idleStopMinutes: 0,
}) as DeskSettings;

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const MAX_ROOTS = 64;
const MAX_PATH = 4096;
const MAX_ORDER = 1000;

export { SettingsError };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateRoot(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new SettingsError('roots', 'a root must be a non-empty path');
  if (value.length > MAX_PATH) throw new SettingsError('roots', 'a root path is longer than 4096 characters');
  if (value.includes('\0')) throw new SettingsError('roots', 'a root path cannot contain a NUL character');
  const trimmed = value.trim();
  if (!path.isAbsolute(trimmed) && !trimmed.startsWith('~/') && trimmed !== '~') {
    throw new SettingsError('roots', `root "${trimmed}" is not an absolute path (start it with / or ~/)`);
  }
  return trimmed;
}

function validateRoots(value: unknown): string[] {
  if (!Array.isArray(value)) throw new SettingsError('roots', 'roots must be a list of paths');
  if (value.length > MAX_ROOTS) throw new SettingsError('roots', `at most ${MAX_ROOTS} extra roots are allowed`);
  return [...new Set(value.map(validateRoot))];
}

function validateOrder(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_ORDER) throw new SettingsError('agentOrder', 'agentOrder must be a list of agent ids');
  return [...new Set(value.map((id) => {
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,63}$/.test(id)) throw new SettingsError('agentOrder', 'agentOrder holds an invalid agent id');
    return id;
  }))];
}

function validateHibernate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 24 * 60) {
    throw new SettingsError('hibernateAfterMinutes', 'hibernation must be a whole number of minutes from 0 (never) to 1440 (one day)');
  }
  return value;
}

function validateTheme(value: unknown): Theme {
  if (!THEMES.includes(value as Theme)) throw new SettingsError('theme', 'theme must be "system", "light" or "dark"');
  return value as Theme;
}

function validatePort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 65535) {
    throw new SettingsError('port', 'port must be a whole number from 1024 to 65535 (lower ports need administrator rights)');
  }
  return value;
}

const FIELD_VALIDATORS: { [K in keyof DeskSettings]: (value: unknown) => DeskSettings[K] } = {
  roots: validateRoots,
  agentOrder: validateOrder,
  hibernateAfterMinutes: validateHibernate,
  theme: validateTheme,
  port: validatePort,
  notifications: validateNotifications,
  runtimes: validateRuntimes,
  startOnOpen: validateStartOnOpen,
  idleStopMinutes: validateIdleStop,
};

/** Applies a partial update; unknown keys and invalid values are refused with a specific error. */
export function applySettingsPatch(current: DeskSettings, patch: unknown): DeskSettings {
  if (!isPlainObject(patch)) throw new SettingsError('settings', 'a settings update must be a JSON object');
  const next: DeskSettings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(FIELD_VALIDATORS, key)) throw new SettingsError(key, `unknown setting "${key}"`);
    const field = key as keyof DeskSettings;
    (next as unknown as Record<string, unknown>)[field] = FIELD_VALIDATORS[field](value);
  }
  return next;
}

/**
 * Reads a stored settings document leniently: each valid field is kept, each
 * invalid one falls back to its default and is reported.
 */
export function parseStoredSettings(document: unknown): { settings: DeskSettings; problems: string[] } {
  if (!isPlainObject(document)) return { settings: { ...DEFAULT_SETTINGS }, problems: ['the file does not hold a JSON object'] };
  const settings: DeskSettings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  for (const field of Object.keys(FIELD_VALIDATORS) as (keyof DeskSettings)[]) {
    if (!Object.hasOwn(document, field)) continue;
    try {
      (settings as unknown as Record<string, unknown>)[field] = FIELD_VALIDATORS[field](document[field]);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return { settings, problems };
}
