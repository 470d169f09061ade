import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startDesk, type Desk, type DeskOptions } from '../../main/core/desk.js';
import type { TempDir } from './wait-for.js';

/**
 * A real desk for integration tests, everything under one temp folder:
 * `<tmp>/roots` the one --root, `<tmp>/config` its settings, `<tmp>/xdg` as
 * XDG_CONFIG_HOME (so no real term-llm folder is ever read). Browser mode,
 * fast health probes; `overrides` win.
 */
export function startTestDesk(tmp: TempDir, overrides: Partial<DeskOptions> = {}): Promise<Desk> {
  return startDesk({
    port: 0,
    flagRoots: [path.join(tmp.path, 'roots')],
    configDir: path.join(tmp.path, 'config'),
    mode: 'browser',
    version: 'test',
    env: { XDG_CONFIG_HOME: path.join(tmp.path, 'xdg') },
    healthIntervalMs: 200,
    ...overrides,
  });
}

/** A workspace `<tmp>/roots/<name>` whose `.env` (0600) points at `port` with `token`, plus any extra lines. */
export async function writeTestWorkspace(tmp: TempDir, name: string, port: number, token: string, extraEnv = ''): Promise<string> {
  const dir = path.join(tmp.path, 'roots', name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, '.env'), `WEB_PORT=${port}\nWEB_TOKEN=${token}\n${extraEnv}`, { mode: 0o600 });
  return dir;
}
