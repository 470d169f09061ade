import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { RootStatus } from '../../../preload/contract.js';
import type { RootSpec } from './workspace-types.js';

/**
 * term-llm keeps its workspaces here on every OS. Per the XDG Base Directory
 * spec a relative `XDG_CONFIG_HOME` is invalid and must be ignored.
 */
export function defaultRoot(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_CONFIG_HOME;
  const configHome = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  return resolve(configHome, 'term-llm', 'containers');
}

/** `~` and `~/x` expand to the home directory; other paths resolve against the cwd. */
export function expandRootPath(path: string, home: string = homedir()): string {
  if (path === '~') return resolve(home);
  if (path.startsWith('~/') || path.startsWith('~\\')) return resolve(home, path.slice(2));
  return resolve(path);
}

export interface ResolveRootsInput {
  /** `--root` values, in command-line order. */
  flags?: string[];
  /** Roots from the settings file. */
  settings?: string[];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * The default root first, then flags, then settings; a path named twice
 * (after `~` expansion and resolution) is kept once, at its first place.
 * Blank entries are skipped.
 */
export function resolveRoots({ flags = [], settings = [], env = process.env, home = homedir() }: ResolveRootsInput): RootSpec[] {
  const candidates: RootSpec[] = [
    { path: defaultRoot(env, home), source: 'default' },
    ...flags.map((path): RootSpec => ({ path, source: 'flag' })),
    ...settings.map((path): RootSpec => ({ path, source: 'settings' })),
  ];
  const seen = new Set<string>();
  const roots: RootSpec[] = [];
  for (const candidate of candidates) {
    if (candidate.path.trim() === '') continue;
    const path = candidate.source === 'default' ? candidate.path : expandRootPath(candidate.path, home);
    if (seen.has(path)) continue;
    seen.add(path);
    roots.push({ path, source: candidate.source });
  }
  return roots;
}

/** Roots with equal resolved paths are one root: the first mention wins. */
export function dedupeRootSpecs(roots: RootSpec[]): RootSpec[] {
  const seen = new Set<string>();
  const out: RootSpec[] = [];
  for (const root of roots) {
    const path = resolve(root.path);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, source: root.source });
  }
  return out;
}

/** `dev:ino` of a folder: changes when the folder is deleted and made again, or swapped. */
export async function folderIdentity(path: string): Promise<string | undefined> {
  try {
    const stats = await stat(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Whether a root can be watched, and if not, why, in plain words. */
export async function rootStatus(path: string, source: RootStatus['source'] = 'settings'): Promise<RootStatus> {
  const base = { path, source };
  try {
    const stats = await stat(path);
    if (!stats.isDirectory()) return { ...base, state: 'not-a-directory', reason: 'this path is a file, not a folder' };
    await access(path, constants.R_OK | constants.X_OK);
    return { ...base, state: 'ok' };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ...base, state: 'missing', reason: 'this folder does not exist (yet); it is watched until it appears' };
    if (code === 'ENOTDIR') return { ...base, state: 'not-a-directory', reason: 'a parent of this path is a file, not a folder' };
    if (code === 'EACCES' || code === 'EPERM') return { ...base, state: 'unreadable', reason: 'permission denied: this folder cannot be listed' };
    if (code === 'ELOOP') return { ...base, state: 'unreadable', reason: 'this path is a loop of symbolic links' };
    return { ...base, state: 'unreadable', reason: `this folder cannot be read (${code ?? 'unknown error'})` };
  }
}
