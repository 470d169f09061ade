import type { AgentRecord } from '../../../preload/contract.js';

/** Same default as `agent-desk serve` (the settings' port), so origins (and their storage) match. */
export { DEFAULT_GATEWAY_PORT } from '../settings/settings-schema.js';

export interface LaunchArgs {
  /** Start in the tray only, without showing the window. */
  hidden: boolean;
  /** An agent id or name to show once the desk is up. */
  open?: string;
  /** Undefined when not given; the caller applies the default. */
  port?: number;
  roots: string[];
  /** Arguments we do not own (Chromium switches, the app path): kept for the log. */
  ignored: string[];
}

export class LaunchArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LaunchArgsError';
  }
}

function parsePortValue(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new LaunchArgsError(`--port must be a number from 1 to 65535, got "${text}"`);
  }
  return Number(text);
}

const VALUE_FLAGS = new Set(['--open', '--port', '--root']);

/**
 * Parses our four flags out of an Electron command line. Electron's argv
 * also holds Chromium switches (`--no-sandbox`, `--remote-debugging-port=0`)
 * and, unpackaged, the app path; those are ignored rather than refused. Our
 * own flags take `--flag value` or `--flag=value`; a missing or bad value is
 * a LaunchArgsError with a message meant for the user.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const result: LaunchArgs = { hidden: false, roots: [], ignored: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--hidden') {
      if (eq > 0) throw new LaunchArgsError('--hidden takes no value');
      result.hidden = true;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      result.ignored.push(arg);
      continue;
    }
    let value: string | undefined;
    if (eq > 0 && name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new LaunchArgsError(`${name} needs a value`);
      index += 1;
    }
    if (value.trim() === '') throw new LaunchArgsError(`${name} needs a value`);
    if (name === '--port') result.port = parsePortValue(value);
    else if (name === '--root') result.roots.push(value);
    else result.open = value;
  }
  return result;
}

/**
 * `process.argv` minus the executable, and minus the app path when running
 * unpackaged (`electron .`, where Electron sets `process.defaultApp`).
 */
export function ownArgv(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** What a second launch hands the first through `requestSingleInstanceLock`. */
export interface SecondLaunchData {
  kind: 'agent-desk-launch';
  argv: string[];
}

export function secondLaunchData(argv: readonly string[]): SecondLaunchData {
  return { kind: 'agent-desk-launch', argv: [...argv] };
}

export interface SecondLaunchAction {
  /** Show and focus the window (false only for `--hidden`, e.g. a login autostart). */
  show: boolean;
  open?: string;
  /** Human notes for the log: flags the running instance cannot apply, bad input. */
  notes: string[];
}

/**
 * Decides what the running instance does when another launch is refused by
 * the single-instance lock. The second launch's own argv arrives intact as
 * `additionalData` (Electron's `argv` argument may be reordered by
 * Chromium); `fallbackArgv` is used only when that data is missing or not
 * ours. Port and roots cannot change under a running gateway.
 */
export function decideSecondLaunch(additionalData: unknown, fallbackArgv: readonly string[]): SecondLaunchAction {
  const data = additionalData as Partial<SecondLaunchData> | null | undefined;
  const ours =
    typeof data === 'object' && data !== null && data.kind === 'agent-desk-launch' && Array.isArray(data.argv) && data.argv.every((item) => typeof item === 'string');
  const argv = ours ? (data.argv as string[]) : [...fallbackArgv];
  let args: LaunchArgs;
  try {
    args = parseLaunchArgs(argv);
  } catch (error) {
    return { show: true, notes: [`second launch: ${(error as Error).message}`] };
  }
  const notes: string[] = [];
  if (args.port !== undefined) notes.push('second launch: --port is ignored while Agent Desk is running');
  if (args.roots.length > 0) notes.push('second launch: --root is ignored while Agent Desk is running; add roots in settings');
  const action: SecondLaunchAction = { show: !args.hidden || args.open !== undefined, notes };
  if (args.open !== undefined) action.open = args.open;
  return action;
}

export type AgentMatch = { ok: true; id: string } | { ok: false; reason: string };

/**
 * `--open <agent>`: an agent id matches exactly; otherwise a name matches
 * exactly, then case-insensitively. Two agents of the same name in two roots
 * are ambiguous and reported with their ids.
 */
export function findAgentToOpen(query: string, agents: readonly AgentRecord[]): AgentMatch {
  const byId = agents.find((agent) => agent.id === query);
  if (byId) return { ok: true, id: byId.id };
  let matches = agents.filter((agent) => agent.name === query);
  if (matches.length === 0) matches = agents.filter((agent) => agent.name.toLowerCase() === query.toLowerCase());
  if (matches.length === 1 && matches[0]) return { ok: true, id: matches[0].id };
  if (matches.length > 1) {
    return { ok: false, reason: `"${query}" names ${matches.length} agents; use one of the ids: ${matches.map((agent) => agent.id).join(', ')}` };
  }
  return { ok: false, reason: `no agent named "${query}"` };
}
