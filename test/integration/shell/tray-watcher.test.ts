import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryStatusNotifierWatcher } from '../../../main/core/shell/tray-availability.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

/** A fake gdbus first on PATH (test/fixtures/fake-gdbus); the real query code runs it. */
const FAKE = path.resolve('test/fixtures/fake-gdbus');
let dir: TempDir;
beforeEach(async () => {
  dir = await tempDir('agent-desk-gdbus-');
});
afterEach(async () => dir.remove());

const env = (answer: string) => ({ PATH: `${FAKE}:/usr/bin:/bin`, FAKE_GDBUS_ANSWER: answer, FAKE_GDBUS_LOG: path.join(dir.path, 'calls') });

describe('queryStatusNotifierWatcher', () => {
  it('asks the session bus for org.kde.StatusNotifierWatcher and reads the answer', async () => {
    expect(await queryStatusNotifierWatcher(1500, env('true'))).toBe(true);
    expect(await queryStatusNotifierWatcher(1500, env('false'))).toBe(false);
    const calls = await readFile(path.join(dir.path, 'calls'), 'utf8');
    expect(calls.trim().split('\n')[0]).toBe(
      'call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus --method org.freedesktop.DBus.NameHasOwner org.kde.StatusNotifierWatcher',
    );
  });

  it('is undefined when gdbus fails, answers nonsense, or is not installed', async () => {
    expect(await queryStatusNotifierWatcher(1500, env('fail'))).toBeUndefined();
    expect(await queryStatusNotifierWatcher(1500, env('garbage'))).toBeUndefined();
    expect(await queryStatusNotifierWatcher(1500, { PATH: dir.path })).toBeUndefined();
  });
});
