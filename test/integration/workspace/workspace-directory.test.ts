import { execFileSync } from 'node:child_process';
import { mkdir, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RootSpec } from '../../../main/core/workspace/workspace-types.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { DirectoryUnderTest, token, writeEnv, writeEnvAtomically } from './directory-fixture.js';

let temp: TempDir;
let root: string;
const opened: DirectoryUnderTest[] = [];

async function open(roots: RootSpec[] = [{ path: root, source: 'settings' }]): Promise<DirectoryUnderTest> {
  const under = new DirectoryUnderTest(roots);
  opened.push(under);
  return under.start();
}

beforeEach(async () => {
  temp = await tempDir('agent-desk-dir-');
  root = join(temp.path, 'containers');
  await mkdir(root);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((u) => u.directory.close()));
  await temp.remove();
});

describe('WorkspaceDirectory: initial scan', () => {
  it('lists every workspace, sorted by name, once start() resolves', async () => {
    await writeEnv(root, 'zeta', `WEB_TOKEN=${token('z')}`);
    await writeEnv(root, 'alpha', `WEB_TOKEN=${token('a')}\nWEB_PORT=9001`);
    await writeEnv(root, 'mid', '');
    await mkdir(join(root, 'no-env-here'));
    await writeFile(join(root, 'stray-file'), 'x');
    const under = await open();
    const list = under.directory.list();
    expect(list.map((w) => [w.name, w.state])).toEqual([
      ['alpha', 'ready'],
      ['mid', 'not-provisioned'],
      ['zeta', 'ready'],
    ]);
    expect(list[0]?.endpoint?.port).toBe(9001);
    expect(under.directory.get(list[0]!.id)).toBe(list[0]);
    expect(under.changes.map((c) => c.kind)).toEqual(['added', 'added', 'added']);
    expect(under.directory.rootStatuses()).toEqual([{ path: root, source: 'settings', state: 'ok' }]);
  });

  it('keeps two workspaces of the same name in two roots apart', async () => {
    const other = join(temp.path, 'other');
    await writeEnv(root, 'same', `WEB_TOKEN=${token('1')}`);
    await writeEnv(other, 'same', `WEB_TOKEN=${token('2')}`);
    const under = await open([
      { path: root, source: 'default' },
      { path: other, source: 'flag' },
    ]);
    const [first, second] = under.directory.list();
    expect(first?.name).toBe('same');
    expect(second?.name).toBe('same');
    expect(first?.id).not.toBe(second?.id);
    expect(first!.path < second!.path).toBe(true);
  });

  it('lists bad workspaces as invalid without losing the good ones', async () => {
    await writeEnv(root, 'good', `WEB_TOKEN=${token('g')}`);
    await writeEnv(root, 'binary', Buffer.from([0x00, 0x01, 0x02]).toString('latin1'));
    await writeEnv(root, 'huge', `WEB_TOKEN=${token('h')}\n${'#'.repeat(1024 * 1024)}`);
    await mkdir(join(root, 'envdir', '.env'), { recursive: true });
    await mkdir(join(root, 'loop'));
    await symlink(join(root, 'loop', '.env'), join(root, 'loop', '.env'));
    await writeEnv(root, 'with space', `WEB_TOKEN=${token('s')}`);
    await writeEnv(root, 'ünïcödé', `WEB_TOKEN=${token('u')}`);
    const hasFifo = process.platform !== 'win32';
    if (hasFifo) {
      await mkdir(join(root, 'fifo'));
      execFileSync('mkfifo', [join(root, 'fifo', '.env')]); // reading it would block forever
    }
    const under = await open();
    const states = Object.fromEntries(under.directory.list().map((w) => [w.name, w.state]));
    expect(states).toEqual({
      good: 'ready',
      binary: 'invalid',
      huge: 'invalid',
      envdir: 'invalid',
      loop: 'invalid',
      'with space': 'invalid',
      'ünïcödé': 'invalid',
      ...(hasFifo ? { fifo: 'invalid' } : {}),
    });
    for (const w of under.directory.list()) if (w.state === 'invalid') expect(w.reason).toBeTruthy();
  });

  it('scans 1,000 workspaces and then re-reads only the one that changed', async () => {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => writeEnv(root, `ws-${String(i).padStart(4, '0')}`, `WEB_TOKEN=${token('t')}\nWEB_PORT=${10000 + i}`)));
    const under = await open();
    expect(under.directory.list()).toHaveLength(1000);
    expect(under.directory.list()[999]?.endpoint?.port).toBe(10999);
    const seen = under.changes.length;
    await writeEnv(root, 'ws-0500', `WEB_TOKEN=${token('n')}\nWEB_PORT=10500`);
    await under.nextChange('ws-0500', 'updated', seen);
    // A barrier: a later edit elsewhere must come after, with nothing else in between.
    await writeEnv(root, 'ws-0001', `WEB_TOKEN=${token('n')}\nWEB_PORT=10001`);
    await under.nextChange('ws-0001', 'updated', seen);
    expect(under.changes.slice(seen).map((c) => `${c.kind} ${c.workspace.name}`)).toEqual(['updated ws-0500', 'updated ws-0001']);
  });
});

describe('WorkspaceDirectory: live changes', () => {
  it('adds a new workspace folder with a .env', async () => {
    const under = await open();
    await writeEnv(root, 'newbie', `WEB_TOKEN=${token('n')}`);
    const change = await under.nextChange('newbie', 'added', 0);
    expect(change.workspace.state).toBe('ready');
    expect(under.byName('newbie')?.endpoint?.token.reveal()).toBe(token('n'));
  });

  it('adds a workspace when a .env is created in an existing folder', async () => {
    await mkdir(join(root, 'later'));
    const under = await open();
    expect(under.directory.list()).toEqual([]);
    await writeFile(join(root, 'later', '.env'), 'WEB_TOKEN=');
    expect((await under.nextChange('later', 'added', 0)).workspace.state).toBe('not-provisioned');
  });

  it('removes a deleted workspace folder', async () => {
    await writeEnv(root, 'doomed', `WEB_TOKEN=${token('d')}`);
    const under = await open();
    const seen = under.changes.length;
    await rm(join(root, 'doomed'), { recursive: true });
    await under.nextChange('doomed', 'removed', seen);
    expect(under.directory.list()).toEqual([]);
  });

  it('follows a renamed workspace folder: old removed, new added with a new id', async () => {
    await writeEnv(root, 'before', `WEB_TOKEN=${token('r')}`);
    const under = await open();
    const oldId = under.byName('before')!.id;
    const seen = under.changes.length;
    await rename(join(root, 'before'), join(root, 'after'));
    await under.nextChange('before', 'removed', seen);
    const added = await under.nextChange('after', 'added', seen);
    expect(added.workspace.id).not.toBe(oldId);
    expect(added.workspace.state).toBe('ready');
    expect(under.directory.get(oldId)).toBeUndefined();
    expect(under.directory.list().map((w) => w.name)).toEqual(['after']);
  });

  it('updates on an in-place edit, with the previous state alongside', async () => {
    await writeEnv(root, 'edit', `WEB_TOKEN=${token('1')}`);
    const under = await open();
    const seen = under.changes.length;
    await writeFile(join(root, 'edit', '.env'), `WEB_TOKEN=${token('2')}\nWEB_PORT=9333`);
    const change = await under.nextChange('edit', 'updated', seen);
    if (change.kind !== 'updated') throw new Error('unreachable');
    expect(change.previous.endpoint?.token.reveal()).toBe(token('1'));
    expect(change.workspace.endpoint?.token.reveal()).toBe(token('2'));
    expect(under.byName('edit')?.endpoint?.port).toBe(9333);
  });

  it('updates on an atomic rename write, repeatedly', async () => {
    await writeEnv(root, 'atomic', `WEB_TOKEN=${token('1')}`);
    const under = await open();
    for (const seed of ['2', '3', '4']) {
      const seen = under.changes.length;
      await writeEnvAtomically(root, 'atomic', `WEB_TOKEN=${token(seed)}`);
      await under.nextChange('atomic', 'updated', seen, `atomic write ${seed}`);
      expect(under.byName('atomic')?.endpoint?.token.reveal()).toBe(token(seed));
    }
  });

  it('turns not-provisioned when the .env is emptied', async () => {
    await writeEnv(root, 'emptied', `WEB_TOKEN=${token('e')}`);
    const under = await open();
    const seen = under.changes.length;
    await truncate(join(root, 'emptied', '.env'), 0);
    const change = await under.nextChange('emptied', 'updated', seen);
    expect(change.workspace).toMatchObject({ state: 'not-provisioned' });
    expect(change.workspace.endpoint).toBeUndefined();
  });

  it('removes the workspace when its .env is deleted, and adds it back when it returns', async () => {
    await writeEnv(root, 'gone', `WEB_TOKEN=${token('g')}`);
    const under = await open();
    let seen = under.changes.length;
    await rm(join(root, 'gone', '.env'));
    await under.nextChange('gone', 'removed', seen);
    seen = under.changes.length;
    await writeFile(join(root, 'gone', '.env'), `WEB_TOKEN=${token('h')}`);
    await under.nextChange('gone', 'added', seen);
  });

  it('emits no update when nothing visible changed (a comment, another key)', async () => {
    await writeEnv(root, 'quiet', `WEB_TOKEN=${token('q')}`);
    await writeEnv(root, 'loud', `WEB_TOKEN=${token('l')}`);
    const under = await open();
    const seen = under.changes.length;
    const before = under.byName('quiet');
    await writeFile(join(root, 'quiet', '.env'), `# rotated nothing\nWEB_TOKEN=${token('q')}\nOPENAI_API_KEY=new`);
    await writeFile(join(root, 'loud', '.env'), `WEB_TOKEN=${token('L')}`);
    await under.nextChange('loud', 'updated', seen);
    // Barrier on the quiet workspace itself: its next visible edit must be its first event.
    await writeFile(join(root, 'quiet', '.env'), `WEB_TOKEN=${token('Q')}`);
    const change = await under.nextChange('quiet', 'updated', seen);
    if (change.kind !== 'updated') throw new Error('unreachable');
    expect(under.changesFor('quiet').slice(-1)).toEqual([change]);
    expect(under.changes.slice(seen).filter((c) => c.workspace.name === 'quiet')).toHaveLength(1);
    expect(change.previous).toBe(before);
  });

  it('keeps other listeners working when one throws', async () => {
    const under = await open();
    under.directory.onChange(() => {
      throw new Error('listener bug');
    });
    const after: string[] = [];
    under.directory.onChange((c) => after.push(c.workspace.name));
    await writeEnv(root, 'sturdy', `WEB_TOKEN=${token('s')}`);
    await waitFor(() => after.includes('sturdy'), { message: 'second listener called' });
  });
});
