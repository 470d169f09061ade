import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rootStatus } from '../../../main/core/workspace/roots.js';
import type { RootSpec } from '../../../main/core/workspace/workspace-types.js';
import { projectFile, runningAsRoot, runUnprivileged } from '../../helpers/unprivileged.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { DirectoryUnderTest, token, writeEnv } from './directory-fixture.js';

let temp: TempDir;
const opened: DirectoryUnderTest[] = [];

async function open(roots: RootSpec[]): Promise<DirectoryUnderTest> {
  const under = new DirectoryUnderTest(roots, { rootPollMs: 50 });
  opened.push(under);
  return under.start();
}

beforeEach(async () => {
  temp = await tempDir('agent-desk-roots-');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((u) => u.directory.close()));
  await temp.remove();
});

describe('rootStatus', () => {
  it('tells ok, missing, file and file-in-path apart', async () => {
    await writeFile(join(temp.path, 'file'), 'x');
    expect(await rootStatus(temp.path, 'default')).toEqual({ path: temp.path, source: 'default', state: 'ok' });
    expect(await rootStatus(join(temp.path, 'nope'))).toMatchObject({ state: 'missing', source: 'settings' });
    expect(await rootStatus(join(temp.path, 'file'), 'flag')).toMatchObject({ state: 'not-a-directory', reason: expect.any(String) });
    expect(await rootStatus(join(temp.path, 'file', 'below'))).toMatchObject({ state: 'not-a-directory' });
  });

  it.skipIf(process.platform === 'win32')('reports an unreadable root (as a non-root user: root can list mode 000)', async () => {
    const locked = join(temp.path, 'locked');
    await mkdir(locked, { mode: 0o000 });
    await chmod(locked, 0o000);
    let status: unknown;
    if (runningAsRoot()) {
      await chmod(temp.path, 0o755);
      const out = await runUnprivileged(`
        const { rootStatus } = await import(${JSON.stringify(projectFile('main/core/workspace/roots.ts'))});
        process.stdout.write(JSON.stringify(await rootStatus(${JSON.stringify(locked)}, 'flag')));
      `);
      status = JSON.parse(out);
    } else {
      status = await rootStatus(locked, 'flag');
    }
    expect(status).toEqual({ path: locked, source: 'flag', state: 'unreadable', reason: 'permission denied: this folder cannot be listed' });
  });
});

describe('WorkspaceDirectory roots', () => {
  it('watches a root that is missing at start and picks up workspaces once it appears', async () => {
    const root = join(temp.path, 'later', 'containers');
    const under = await open([{ path: root, source: 'default' }]);
    expect(under.directory.rootStatuses()).toMatchObject([{ path: root, state: 'missing', reason: expect.any(String) }]);
    expect(under.directory.list()).toEqual([]);
    await writeEnv(root, 'early', `WEB_TOKEN=${token('e')}`);
    await under.nextChange('early', 'added', 0);
    await waitFor(() => under.rootState(root) === 'ok', { message: 'root ok' });
    expect(under.rootEvents.at(-1)).toMatchObject([{ path: root, state: 'ok' }]);
    // The fresh watcher sees new folders inside the late root (chokidar would not on its own).
    await writeEnv(root, 'second', `WEB_TOKEN=${token('s')}`);
    await under.nextChange('second', 'added', 0);
  });

  it('drops the workspaces of a deleted root and finds them again when it is recreated', async () => {
    const root = join(temp.path, 'containers');
    await writeEnv(root, 'alpha', `WEB_TOKEN=${token('a')}`);
    const under = await open([{ path: root, source: 'settings' }]);
    expect(under.directory.list()).toHaveLength(1);
    let seen = under.changes.length;
    await rm(root, { recursive: true });
    await under.nextChange('alpha', 'removed', seen);
    await waitFor(() => under.rootState(root) === 'missing', { message: 'root missing' });
    seen = under.changes.length;
    await writeEnv(root, 'alpha', `WEB_TOKEN=${token('b')}`);
    await under.nextChange('alpha', 'added', seen);
    await waitFor(() => under.rootState(root) === 'ok', { message: 'root ok again' });
  });

  it('notices a root replaced by another folder (moved away, new one moved in)', async () => {
    const root = join(temp.path, 'containers');
    await writeEnv(root, 'old', `WEB_TOKEN=${token('o')}`);
    const staging = join(temp.path, 'staging');
    await writeEnv(staging, 'new', `WEB_TOKEN=${token('n')}`);
    const under = await open([{ path: root, source: 'settings' }]);
    const seen = under.changes.length;
    await rename(root, join(temp.path, 'moved-away'));
    await rename(staging, root);
    await under.nextChange('new', 'added', seen);
    await under.nextChange('old', 'removed', seen);
    // The new folder is really watched, not just scanned once.
    await writeEnv(root, 'newer', `WEB_TOKEN=${token('w')}`);
    await under.nextChange('newer', 'added', seen);
  });

  it('reports a root that is a file and keeps serving the other roots', async () => {
    const fileRoot = join(temp.path, 'a-file');
    const good = join(temp.path, 'good');
    await writeFile(fileRoot, 'not a folder');
    await writeEnv(good, 'fine', `WEB_TOKEN=${token('f')}`);
    const under = await open([
      { path: fileRoot, source: 'flag' },
      { path: join(temp.path, 'missing'), source: 'settings' },
      { path: good, source: 'settings' },
    ]);
    expect(under.directory.rootStatuses().map((s) => s.state)).toEqual(['not-a-directory', 'missing', 'ok']);
    expect(under.directory.list().map((w) => w.name)).toEqual(['fine']);
    await writeEnv(good, 'also', `WEB_TOKEN=${token('a')}`);
    await under.nextChange('also', 'added', 0);
  });

  it.skipIf(process.platform === 'win32')('reports an unreadable root and keeps serving the others (as a non-root user)', async () => {
    const locked = join(temp.path, 'locked');
    const good = join(temp.path, 'good');
    await writeEnv(locked, 'hidden', `WEB_TOKEN=${token('h')}`);
    await writeEnv(good, 'fine', `WEB_TOKEN=${token('f')}`);
    await chmod(locked, 0o000);
    const roots: RootSpec[] = [
      { path: locked, source: 'flag' },
      { path: good, source: 'settings' },
    ];
    const code = `
      const { WorkspaceDirectory } = await import(${JSON.stringify(projectFile('main/core/workspace/index.ts'))});
      const directory = new WorkspaceDirectory({ roots: ${JSON.stringify(roots)}, installKey: new Uint8Array(32) });
      await directory.start();
      const out = { statuses: directory.rootStatuses(), names: directory.list().map((w) => w.name) };
      await directory.close();
      process.stdout.write(JSON.stringify(out));
    `;
    let result: { statuses: Array<{ state: string }>; names: string[] };
    if (runningAsRoot()) {
      await chmod(temp.path, 0o755);
      result = JSON.parse(await runUnprivileged(code)) as typeof result;
    } else {
      const under = await open(roots);
      result = { statuses: under.directory.rootStatuses(), names: under.directory.list().map((w) => w.name) };
    }
    expect(result.statuses.map((s) => s.state)).toEqual(['unreadable', 'ok']);
    expect(result.names).toEqual(['fine']);
  });

  it('changes roots live with setRoots', async () => {
    const one = join(temp.path, 'one');
    const two = join(temp.path, 'two');
    await writeEnv(one, 'a', `WEB_TOKEN=${token('a')}`);
    await writeEnv(two, 'b', `WEB_TOKEN=${token('b')}`);
    const under = await open([{ path: one, source: 'default' }]);
    expect(under.directory.list().map((w) => w.name)).toEqual(['a']);

    await under.directory.setRoots([
      { path: one, source: 'default' },
      { path: two, source: 'settings' },
      { path: `${two}/`, source: 'flag' },
    ]);
    expect(under.directory.list().map((w) => w.name)).toEqual(['a', 'b']);
    expect(under.directory.rootStatuses().map((s) => [s.path, s.source, s.state])).toEqual([
      [one, 'default', 'ok'],
      [two, 'settings', 'ok'],
    ]);
    expect(under.rootEvents.at(-1)).toHaveLength(2);

    const seen = under.changes.length;
    await under.directory.setRoots([{ path: two, source: 'settings' }]);
    expect(under.directory.list().map((w) => w.name)).toEqual(['b']);
    expect(under.changes.slice(seen).map((c) => `${c.kind} ${c.workspace.name}`)).toEqual(['removed a']);
    // The dropped root is no longer watched; the kept one still is.
    await writeEnv(two, 'c', `WEB_TOKEN=${token('c')}`);
    await writeEnv(one, 'z', `WEB_TOKEN=${token('z')}`);
    await under.nextChange('c', 'added', seen);
    expect(under.directory.list().map((w) => w.name)).toEqual(['b', 'c']);
  });

  it('takes roots set before start() as the roots to start with', async () => {
    const one = join(temp.path, 'one');
    const two = join(temp.path, 'two');
    await writeEnv(one, 'a', `WEB_TOKEN=${token('a')}`);
    await writeEnv(two, 'b', `WEB_TOKEN=${token('b')}`);
    const under = new DirectoryUnderTest([{ path: one, source: 'default' }]);
    opened.push(under);
    await under.directory.setRoots([{ path: two, source: 'settings' }]);
    await under.start();
    expect(under.directory.list().map((w) => w.name)).toEqual(['b']);
    expect(under.directory.rootStatuses()).toEqual([{ path: two, source: 'settings', state: 'ok' }]);
  });

  it('close() stops everything and refuses reuse', async () => {
    const root = join(temp.path, 'containers');
    await writeEnv(root, 'a', `WEB_TOKEN=${token('a')}`);
    const under = await open([{ path: root, source: 'default' }]);
    await under.directory.close();
    await under.directory.close();
    await expect(under.directory.start()).rejects.toThrow(/already/);
    await expect(under.directory.setRoots([])).rejects.toThrow(/closed/);
  });
});
