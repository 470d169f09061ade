import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkspace } from '../../../main/core/workspace/read-workspace.js';
import type { Workspace } from '../../../main/core/workspace/workspace-types.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';
import { projectFile, runningAsRoot, runUnprivileged } from '../../helpers/unprivileged.js';

const TOKEN = 'f'.repeat(48);
let root: TempDir;

beforeEach(async () => {
  root = await tempDir('agent-desk-read-');
});
afterEach(async () => {
  await root.remove();
});

async function workspaceWith(name: string, env: string | Buffer): Promise<string> {
  const dir = join(root.path, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.env'), env);
  return dir;
}

async function read(name: string): Promise<Workspace> {
  const workspace = await readWorkspace(root.path, name, TEST_INSTALL_KEY);
  if (!workspace) throw new Error(`expected a workspace for ${name}`);
  return workspace;
}

/** Reads a workspace as a user who is not root (root ignores file modes). */
async function readAsOtherUser(name: string): Promise<Pick<Workspace, 'state' | 'reason'>> {
  if (!runningAsRoot()) return read(name);
  await chmod(root.path, 0o755);
  const out = await runUnprivileged(`
    const { readWorkspace } = await import(${JSON.stringify(projectFile('main/core/workspace/read-workspace.ts'))});
    const w = await readWorkspace(${JSON.stringify(root.path)}, ${JSON.stringify(name)}, new Uint8Array(32));
    process.stdout.write(JSON.stringify({ state: w?.state, reason: w?.reason }));
  `);
  return JSON.parse(out) as Pick<Workspace, 'state' | 'reason'>;
}

describe('readWorkspace', () => {
  it('reads a provisioned workspace', async () => {
    const dir = await workspaceWith('alpha', `WEB_PORT=9001\nWEB_TOKEN=${TOKEN}\nWEB_BASE_PATH=/chat/\nANTHROPIC_API_KEY=k\n`);
    const workspace = await read('alpha');
    expect(workspace).toMatchObject({ name: 'alpha', root: root.path, path: dir, state: 'ready' });
    expect(workspace.id).toBe(workspace.label);
    expect(workspace.label).toMatch(/^a-alpha-[a-z2-7]{16}$/);
    expect(workspace.endpoint?.port).toBe(9001);
    expect(workspace.endpoint?.basePath).toBe('/chat');
    expect(workspace.endpoint?.token.reveal()).toBe(TOKEN);
  });

  it('is not-provisioned without a token', async () => {
    await workspaceWith('fresh', 'WEB_TOKEN={{ .Token }}\n');
    expect(await read('fresh')).toMatchObject({ state: 'not-provisioned', reason: expect.stringContaining('placeholder') });
  });

  it('returns undefined for a folder without .env, a missing folder, and a file', async () => {
    await mkdir(join(root.path, 'empty'));
    await writeFile(join(root.path, 'plain-file'), 'x');
    expect(await readWorkspace(root.path, 'empty', TEST_INSTALL_KEY)).toBeUndefined();
    expect(await readWorkspace(root.path, 'nope', TEST_INSTALL_KEY)).toBeUndefined();
    expect(await readWorkspace(root.path, 'plain-file', TEST_INSTALL_KEY)).toBeUndefined();
  });

  it('follows a .env symlink to a real file, as Compose does', async () => {
    await mkdir(join(root.path, 'linked'));
    await writeFile(join(root.path, 'real.env'), `WEB_TOKEN=${TOKEN}`);
    await symlink(join(root.path, 'real.env'), join(root.path, 'linked', '.env'));
    expect((await read('linked')).state).toBe('ready');
  });

  it.each([
    ['a directory named .env', async (dir: string) => mkdir(join(dir, '.env')), 'folder, not a file'],
    ['a symlink loop', async (dir: string) => symlink(join(dir, '.env'), join(dir, '.env')), 'loop of symbolic links'],
    ['a dangling symlink', async (dir: string) => symlink(join(dir, 'gone'), join(dir, '.env')), 'symbolic link to nothing'],
    ['a 1 MiB file', async (dir: string) => writeFile(join(dir, '.env'), `WEB_TOKEN=${TOKEN}\n${'#'.repeat(1024 * 1024)}`), 'larger than 64 KiB'],
    ['NUL bytes', async (dir: string) => writeFile(join(dir, '.env'), Buffer.from(`WEB_TOKEN=${TOKEN}\0\n`)), 'NUL bytes'],
    ['invalid UTF-8', async (dir: string) => writeFile(join(dir, '.env'), Buffer.from([0x57, 0x3d, 0xff, 0xfe, 0x0a])), 'not valid UTF-8'],
    ['a syntax error', async (dir: string) => writeFile(join(dir, '.env'), `A=1\nWEB_TOKEN="${TOKEN}\n`), 'line 2'],
  ])('lists %s as invalid with a reason', async (_what, make, reason) => {
    const dir = join(root.path, 'bad');
    await mkdir(dir);
    await make(dir);
    const workspace = await read('bad');
    expect(workspace.state).toBe('invalid');
    expect(workspace.reason).toContain(reason);
    expect(workspace.endpoint).toBeUndefined();
    expect(JSON.stringify(workspace)).not.toContain(TOKEN);
  });

  it('reads a file of exactly 64 KiB', async () => {
    const head = `WEB_TOKEN=${TOKEN}\n`;
    await workspaceWith('full', head + '#'.repeat(64 * 1024 - head.length));
    expect((await read('full')).state).toBe('ready');
  });

  it.skipIf(process.platform === 'win32')('does not hang on a FIFO named .env', async () => {
    const dir = join(root.path, 'fifo');
    await mkdir(dir);
    execFileSync('mkfifo', [join(dir, '.env')]);
    expect(await read('fifo')).toMatchObject({ state: 'invalid', reason: "'.env' is not a regular file" });
  });

  it.each([
    ['my agent', 'letters A–Z'],
    ['ünïcödé', 'letters A–Z'],
    ['x'.repeat(65), 'longer than 64'],
  ])('lists the badly named %j as invalid, not dropped', async (name, reason) => {
    await workspaceWith(name, `WEB_TOKEN=${TOKEN}`);
    const workspace = await read(name);
    expect(workspace).toMatchObject({ name, state: 'invalid' });
    expect(workspace.reason).toContain(reason);
    expect(workspace.label).toMatch(/^a-[a-z0-9-]+-[a-z2-7]{16}$/);
  });

  it.skipIf(process.platform === 'win32')('reports an unreadable .env (as a non-root user: root reads mode 000)', async () => {
    await workspaceWith('locked', `WEB_TOKEN=${TOKEN}`);
    await chmod(join(root.path, 'locked'), 0o755);
    await chmod(join(root.path, 'locked', '.env'), 0o000);
    expect(await readAsOtherUser('locked')).toEqual({ state: 'invalid', reason: "'.env' cannot be read: permission denied" });
  });

  it.skipIf(process.platform === 'win32')('reports an unsearchable workspace folder (as a non-root user)', async () => {
    await workspaceWith('sealed', `WEB_TOKEN=${TOKEN}`);
    await chmod(join(root.path, 'sealed'), 0o000);
    expect(await readAsOtherUser('sealed')).toEqual({ state: 'invalid', reason: 'the workspace folder cannot be read: permission denied' });
  });

  it('never shows a value of the file in the workspace, its reason, or inspect output', async () => {
    const canaries = [`canary-token-${Math.random().toString(36).slice(2)}`, `canary-key-${Math.random().toString(36).slice(2)}`];
    const bodies = [
      `WEB_TOKEN=${canaries[0]}\nANTHROPIC_API_KEY=${canaries[1]}\n`,
      `WEB_PORT=${canaries[1]}\nWEB_TOKEN=${canaries[0]}\n`,
      `WEB_BASE_PATH=/../${canaries[1]}\nWEB_TOKEN=${canaries[0]}\n`,
      `WEB_TOKEN="${canaries[0]}\nANTHROPIC_API_KEY=${canaries[1]}`,
      `ANTHROPIC_API_KEY=${canaries[1]}\n${canaries[0]}!=x\n`,
      `WEB_TOKEN=${canaries[0]} é\n`,
    ];
    for (const [i, body] of bodies.entries()) {
      await workspaceWith(`c${i}`, body);
      const workspace = await read(`c${i}`);
      const rendered = [JSON.stringify(workspace), inspect(workspace, { depth: 10, showHidden: true }), workspace.reason ?? ''].join('\n');
      for (const canary of canaries) expect(rendered).not.toContain(canary);
    }
  });
});
