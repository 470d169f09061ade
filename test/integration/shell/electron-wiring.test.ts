import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { freePort } from '../../helpers/cli-process.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

/**
 * WIRING SMOKE TEST with a stubbed Electron. The real built main process
 * (dist/main/electron/main.js) runs under plain Node; an ESM resolve hook
 * (test/fixtures/electron-stub/register.mjs) answers `import 'electron'` with a recording
 * stand-in typed against electron.d.ts that throws where Electron's docs say the real API
 * throws (before/after ready). test/fixtures/electron-stub/drive-app.ts drives launch, second
 * instance, an agent webview with hostile attributes, a widget window, navigation, permission
 * and link handlers, the tray, close-to-tray, the port-taken question and quit, asserting the
 * calls. It proves the wiring between Electron's events and our decisions — NOTHING about
 * Chromium's behaviour (that is the _electron suite in test/e2e/electron/).
 */
const ROOT = path.resolve('.');
const STUB = path.join(ROOT, 'test/fixtures/electron-stub');
const TOKEN = 'wiring0smoke0canary0token0000000000000000000000w';

/** Runs one driver scenario; `onStep` sees each "ok …" line as it comes, to act on the fake agent between steps. */
function runDriver(
  scenario: string,
  port: number,
  root: string,
  home: string,
  onStep: (line: string) => void = () => undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', path.join(STUB, 'register.mjs'), path.join(STUB, 'drive-app.ts'), scenario, String(port), root], {
      cwd: ROOT,
      env: {
        PATH: `${path.join(ROOT, 'test/fixtures/fake-gdbus')}:${process.env.PATH}`,
        FAKE_GDBUS_ANSWER: 'true',
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        AGENT_DESK_CONFIG_DIR: path.join(home, 'agent-desk'),
      },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (stdout.slice(stdout.lastIndexOf('\n') + 1) + chunk).split('\n').slice(0, -1);
      stdout += chunk;
      for (const line of lines) onStep(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('Electron main process wiring (smoke test, stubbed Electron)', () => {
  let agent: FakeAgent;
  let dirs: TempDir;
  let root: string;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/main/electron/main.js'))) throw new Error('build first (npm run build): dist/main/electron/main.js is missing');
    agent = await startFakeAgent({ token: TOKEN, widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p>12:00</p>' }] });
    dirs = await tempDir('agent-desk-wiring-');
    root = path.join(dirs.path, 'roots');
    await mkdir(path.join(root, 'alpha'), { recursive: true });
    await writeFile(path.join(root, 'alpha', '.env'), `WEB_PORT=${agent.port}\nWEB_TOKEN=${TOKEN}\nWEB_BASE_PATH=/chat\n`);
  });

  afterAll(async () => {
    await agent?.close();
    await dirs?.remove();
  });

  it('launch → second instance → agent webview → links → widget → close to tray → quit', async () => {
    const run = await runDriver('launch', await freePort(), root, path.join(dirs.path, 'home-a'));
    expect(run.stderr.includes(TOKEN) || run.stdout.includes(TOKEN)).toBe(false);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.match(/^ok /gm)).toHaveLength(16);
    expect(run.stdout).toContain('ok quit from the tray');
    expect(run.stdout).toContain('ok unsaved settings: Quit asks; Keep editing calls the quit off');
  }, 120_000);

  it('attention: a notification per new item, its click opens the session, badge and tray follow, agent notifications follow the setting', async () => {
    agent.sessions.startRun('s1', 'Refactor parser');
    try {
      const run = await runDriver('attention', await freePort(), root, path.join(dirs.path, 'home-c'), (line) => {
        if (line.startsWith('ok attention: desk up')) agent.sessions.requestApproval('s1', { title: 'rm -rf build' });
      });
      expect(run.stderr.includes(TOKEN) || run.stdout.includes(TOKEN)).toBe(false);
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout.match(/^ok /gm)).toHaveLength(7);
      const answers = agent.sessions.answers.filter((answer) => answer.kind === 'approval');
      expect(answers.map((answer) => answer.body)).toEqual([{ approval_id: expect.any(String), choice: 0 }]);
      expect(answers[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      agent.sessions.finishRun('s1');
    }
  }, 120_000);

  it('a port taken by another program: the question, the next free port, saved', async () => {
    const port = await freePort();
    const squatter: Server = createServer((_req, res) => res.end('not agent desk'));
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const home = path.join(dirs.path, 'home-b');
      await mkdir(path.join(home, 'agent-desk'), { recursive: true });
      await writeFile(path.join(home, 'agent-desk', 'settings.json'), JSON.stringify({ port }));
      const run = await runDriver('port-taken', port, root, home);
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout).toContain('ok port taken by another program');
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  }, 120_000);
});
