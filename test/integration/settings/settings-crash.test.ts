import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsFile } from '../../../main/core/settings/index.js';
import { projectFile } from '../../helpers/unprivileged.js';
import { waitFor } from '../../helpers/wait-for.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-desk-settings-crash-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A child that rewrites the settings as fast as it can and says after each write which round it finished. */
function startWriter(): { acknowledged: () => number; kill: () => Promise<void> } {
  const script = `
    const { SettingsFile } = await import(${JSON.stringify(projectFile('main/core/settings/settings-file.ts'))});
    const store = new SettingsFile(${JSON.stringify(dir)});
    await store.load();
    for (let round = 1; ; round++) {
      const roots = Array.from({ length: 60 }, (_, k) => '/srv/agents-' + round + '-' + k + '-' + 'x'.repeat(200));
      await store.update({ hibernateAfterMinutes: round % 1441, roots });
      process.stdout.write('wrote ' + round + '\\n');
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: projectFile('.'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const match of chunk.matchAll(/wrote (\d+)/g)) last = Number(match[1]);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    acknowledged: () => last,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('SettingsFile: kill -9 in the middle of writes', () => {
  it('loads the last good version every time, and cleans up the dead writer\'s temp files', async () => {
    for (const stopAfter of [3, 17, 40, 9]) {
      const writer = startWriter();
      await waitFor(() => writer.acknowledged() >= stopAfter, { timeoutMs: 60_000, message: `writer reached round ${stopAfter}` });
      await writer.kill();
      const acknowledged = writer.acknowledged();

      const loaded = await new SettingsFile(dir).load();
      expect(loaded.warning).toBeUndefined();
      const round = Number(/^\/srv\/agents-(\d+)-0-/.exec(loaded.settings.roots[0] ?? '')?.[1]);
      // The last acknowledged round, or the one in flight when the kill landed: never a mix.
      expect([acknowledged, acknowledged + 1]).toContain(round);
      expect(loaded.settings.roots).toHaveLength(60);
      expect(loaded.settings.roots.every((root) => root.startsWith(`/srv/agents-${round}-`))).toBe(true);
      expect(loaded.settings.hibernateAfterMinutes).toBe(round % 1441);
      expect((await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  }, 240_000);
});
