import path from 'node:path';
import type { RuntimeSetting } from '../lifecycle/runtime-types.js';
import { SettingsError } from './settings-error.js';

const KINDS = ['term-llm', 'compose', 'custom', 'none'] as const;
const MAX_RUNTIMES = 64;
const MAX_ARGS = 64;
const MAX_ARG_CHARS = 4096;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateArgv(verb: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ARGS) {
    throw new SettingsError('runtimes', `the custom "${verb}" command must be a list of 1 to ${MAX_ARGS} arguments (argv, no shell)`);
  }
  return value.map((arg) => {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_CHARS || arg.includes('\0')) {
      throw new SettingsError('runtimes', `each argument of the custom "${verb}" command must be text without NUL, ≤ ${MAX_ARG_CHARS} characters`);
    }
    return arg;
  });
}

function validateRuntime(root: string, value: unknown): RuntimeSetting {
  if (!isPlainObject(value) || !KINDS.includes(value.kind as (typeof KINDS)[number])) {
    throw new SettingsError('runtimes', `the runtime of ${root} must be one of ${KINDS.join(', ')}`);
  }
  const kind = value.kind as RuntimeSetting['kind'];
  if (kind !== 'custom') return { kind };
  const custom = value.custom;
  if (!isPlainObject(custom)) throw new SettingsError('runtimes', `a custom runtime for ${root} needs start, stop and restart commands`);
  const result: RuntimeSetting = {
    kind,
    custom: { start: validateArgv('start', custom.start), stop: validateArgv('stop', custom.stop), restart: validateArgv('restart', custom.restart) },
  };
  if (custom.logs !== undefined) result.custom!.logs = validateArgv('logs', custom.logs);
  return result;
}

/** `{ "<absolute root path>": { kind, custom? } }`: who starts the agents of each root. */
export function validateRuntimes(value: unknown): Record<string, RuntimeSetting> {
  if (!isPlainObject(value)) throw new SettingsError('runtimes', 'runtimes must map root paths to runtimes');
  const entries = Object.entries(value);
  if (entries.length > MAX_RUNTIMES) throw new SettingsError('runtimes', `at most ${MAX_RUNTIMES} root runtimes are allowed`);
  const result: Record<string, RuntimeSetting> = {};
  for (const [root, runtime] of entries) {
    if (!path.isAbsolute(root) || root.length > 4096 || root.includes('\0')) throw new SettingsError('runtimes', `runtime root "${root}" is not an absolute path`);
    result[path.resolve(root)] = validateRuntime(root, runtime);
  }
  return result;
}

export function validateStartOnOpen(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new SettingsError('startOnOpen', 'startOnOpen must be true or false');
  return value;
}

export function validateIdleStop(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 24 * 60) {
    throw new SettingsError('idleStopMinutes', 'idleStopMinutes must be a whole number of minutes from 0 (never) to 1440');
  }
  return value;
}
