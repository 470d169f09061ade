import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/cli-process.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

/**
 * `npm start` = `npm run build` then `node dist/main/cli/start.js <flags>`; this runs the same
 * launcher from source. Electron's binary is chosen with ELECTRON_OVERRIDE_DIST_PATH (an empty
 * folder: missing; test/fixtures/fake-electron: present), and the browser opener is a fake
 * `xdg-open` first on PATH, so no test starts a real app or browser.
 */
const ROOT = path.resolve('.');
const FAKE_OPENER = path.join(ROOT, 'test/fixtures/fake-opener');
const FAKE_ELECTRON = path.join(ROOT, 'test/fixtures/fake-electron');
const LOGIN_LINE = /^http:\/\/desk\.localhost:(\d+)\/__desk\/enter\?g=[A-Za-z0-9_.~-]+$/m;

let dir: TempDir;
const children: Array<ReturnType<typeof spawn>> = [];
beforeEach(async () => {
  dir = await tempDir('agent-desk-start-');
  await fs.mkdir(path.join(dir.path, 'roots'));
  await fs.mkdir(path.join(dir.path, 'no-electron'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dir.remove();
});

function launch(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/start.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: `${FAKE_OPENER}:${process.env.PATH}`, HOME: dir.path, XDG_CONFIG_HOME: path.join(dir.path, 'config'), ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, exited, stdout: () => out, stderr: () => err };
}

describe('npm start', () => {
  it('is the build, then this launcher with the flags', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe('npm run build --silent && node dist/main/cli/start.js');
  });

  it('without Electron: one paragraph saying why and what to do, then the same desk in the browser on --port N, no stack trace', async () => {
    const port = await freePort();
    const opened = path.join(dir.path, 'opened');
    const run = launch(['--port', String(port), '--root', path.join(dir.path, 'roots')], {
      ELECTRON_OVERRIDE_DIST_PATH: path.join(dir.path, 'no-electron'),
      FAKE_OPENER_LOG: opened,
    });
    const match = await waitFor(() => run.stdout().match(LOGIN_LINE), { timeoutMs: 30_000, message: `a login link; stderr:\n${run.stderr()}` });
    expect(match[1]).toBe(String(port));
    const note = run.stderr();
    expect(note).toContain("Electron's binary is not installed here");
    expect(note).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(note).toContain('`npm install` again where the network allows');
    expect(note).toContain('the same desk opens in your browser');
    expect(note).not.toMatch(/^\s+at /m);
    // `--open`: the system opener got the desk's login link.
    const url = await waitFor(async () => (await fs.readFile(opened, 'utf8').catch(() => '')).trim() || undefined, {
      timeoutMs: 15_000,
      message: 'the fake xdg-open to be called',
    });
    expect(url).toMatch(new RegExp(`^http://desk\\.localhost:${port}/__desk/enter\\?g=`));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('says what the browser cannot do (--hidden, --open AGENT) instead of failing', async () => {
    const port = await freePort();
    const run = launch(['--hidden', '--open', 'alpha', `--port=${port}`], {
      ELECTRON_OVERRIDE_DIST_PATH: path.join(dir.path, 'no-electron'),
      FAKE_OPENER_LOG: path.join(dir.path, 'opened'),
    });
    await waitFor(() => run.stdout().match(LOGIN_LINE), { timeoutMs: 30_000, message: 'a login link' });
    expect(run.stderr()).toContain('--hidden has no meaning in the browser');
    expect(run.stderr()).toContain('--open alpha: pick the agent in the desk');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with Electron: starts it on this app with the same flags and passes its exit code on', async () => {
    const log = path.join(dir.path, 'electron-args');
    const run = launch(['--port', '47999', '--hidden'], { ELECTRON_OVERRIDE_DIST_PATH: FAKE_ELECTRON, FAKE_ELECTRON_LOG: log, FAKE_ELECTRON_EXIT: '7' });
    expect(await run.exited).toBe(7);
    expect((await fs.readFile(log, 'utf8')).trim().split('\n')).toEqual([ROOT, '--port', '47999', '--hidden']);
    expect(run.stderr()).not.toContain('not installed');
  });

  it('a bad flag is one clear line and exit code 2, in either mode', async () => {
    const run = launch(['--port', 'abc'], { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir.path, 'no-electron') });
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim()).toBe('agent-desk: --port must be a number from 1 to 65535, got "abc"');
  });
});
