import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeskApi } from '../../../preload/contract.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { freePort } from '../../helpers/cli-process.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { findElectronBinary } from './electron-binary.js';

/**
 * What the review of the never-run shell found, checked in the real app: the desk renders into
 * #root, an agent's <webview> fills ≥ 80 % of the window, close-to-tray, a second launch, quit,
 * navigation and the openExternal limit — against the source tree and against an
 * `electron-builder --dir` build (AGENT_DESK_E2E_PACKAGED=0 skips the build). The app's output
 * is printed when a test fails; a startup failure (the app shows an error box and exits) fails
 * at once instead of waiting for a window. With AGENT_DESK_REQUIRE_ELECTRON=1 a missing binary
 * is a failure, not a skip.
 */
const ROOT = path.resolve('.');
const binary = findElectronBinary();
const required = process.env.AGENT_DESK_REQUIRE_ELECTRON === '1';
if (!binary.found && !required) console.log(`skipped: no Electron binary (${binary.reason})`);

declare const document: {
  getElementById(id: string): { childElementCount: number } | null;
  querySelector(selector: string): { shadowRoot: { querySelector(selector: string): { getBoundingClientRect(): { height: number } } | null } | null } | null;
};
declare const window: { innerHeight: number; deskApi?: DeskApi };

describe.runIf(!binary.found && required)('Electron binary (AGENT_DESK_REQUIRE_ELECTRON=1)', () => {
  it('is installed', () => {
    throw new Error(`AGENT_DESK_REQUIRE_ELECTRON=1 but ${binary.found ? '' : binary.reason}`);
  });
});

interface Target {
  name: string;
  /** Executable and its leading arguments. */
  prepare(): Promise<{ executablePath: string; args: string[] }>;
}

const targets: Target[] = [
  { name: 'source tree (electron .)', prepare: async () => ({ executablePath: binary.found ? binary.executablePath : '', args: [ROOT] }) },
];
if (process.env.AGENT_DESK_E2E_PACKAGED !== '0') {
  targets.push({
    name: 'electron-builder --dir build',
    prepare: async () => {
      if (!binary.found) throw new Error('no Electron binary');
      // The packaged fuses turn off --inspect, which Playwright needs to drive the main process;
      // this test build alone flips that one fuse back (electron-builder-config.test.ts checks the real config).
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/electron-builder/cli.js'), '--dir', '--config', 'electron-builder.yml', `-c.electronDist=${path.dirname(binary.executablePath)}`, '-c.electronFuses.enableNodeCliInspectArguments=true', '-c.directories.output=release/e2e'],
        { cwd: ROOT, stdio: 'inherit', timeout: 600_000 },
      );
      return { executablePath: path.join(ROOT, 'release/e2e/linux-unpacked/agent-desk'), args: [] };
    },
  });
}

/** Waits for the first window, failing fast (with the output) if the app exits or reports a startup failure. */
async function firstWindowOrFailure(app: ElectronApplication, output: string[]): Promise<Page> {
  const failure = new Promise<never>((_resolve, reject) => {
    app.process().on('exit', (code) => reject(new Error(`the app exited (${code}) before showing a window:\n${output.join('')}`)));
    const watch = (chunk: Buffer): void => {
      if (/could not start|startup failed/i.test(chunk.toString())) reject(new Error(`the app failed to start:\n${output.join('')}`));
    };
    app.process().stderr?.on('data', watch);
  });
  return Promise.race([app.firstWindow(), failure]);
}

describe.runIf(binary.found).each(targets)('Electron shell checks: $name', (target) => {
  let agent: FakeAgent;
  let dirs: TempDir;
  let app: ElectronApplication;
  let desk: Page;
  let port: number;
  let launch: { executablePath: string; args: string[] };
  let env: Record<string, string>;
  const output: string[] = [];

  beforeAll(async () => {
    launch = await target.prepare();
    agent = await startFakeAgent({ token: 'e2e0checks0canary0token000000000000000000000000e', name: 'alpha' });
    dirs = await tempDir('agent-desk-e2e-checks-');
    await mkdir(path.join(dirs.path, 'roots', 'alpha'), { recursive: true });
    await writeFile(path.join(dirs.path, 'roots', 'alpha', '.env'), `WEB_PORT=${agent.port}\nWEB_TOKEN=${agent.token}\nWEB_BASE_PATH=/chat\n`);
    port = await freePort();
    env = { ...(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)) as Record<string, string>), HOME: dirs.path, XDG_CONFIG_HOME: path.join(dirs.path, '.config'), AGENT_DESK_CONFIG_DIR: path.join(dirs.path, 'agent-desk') };
    app = await _electron.launch({ executablePath: launch.executablePath, args: [...launch.args, '--root', path.join(dirs.path, 'roots'), '--port', String(port), '--no-sandbox'], env, timeout: 60_000 });
    app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    desk = await firstWindowOrFailure(app, output);
  }, 900_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await agent?.close();
    await dirs?.remove();
  }, 60_000);

  const printOutputOnFailure = (): void => onTestFailed(() => console.error(`--- app output ---\n${output.join('')}`));

  it('renders the desk into #root', async () => {
    printOutputOnFailure();
    await desk.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
  });

  it("gives the agent's webview at least 80 % of the window's height", async () => {
    printOutputOnFailure();
    await desk.getByRole('button', { name: /alpha/ }).first().click();
    const ratio = await waitFor(
      () =>
        desk.evaluate(() => {
          const frame = document.querySelector('webview.agent-frame')?.shadowRoot?.querySelector('iframe');
          return frame ? frame.getBoundingClientRect().height / window.innerHeight : undefined;
        }),
      { timeoutMs: 30_000, message: 'the agent webview' },
    );
    expect(ratio).toBeGreaterThanOrEqual(0.8);
  });

  it('asks once about links an agent opens without a click, drops the flood into a toast, opens nothing', async () => {
    printOutputOnFailure();
    await app.evaluate(({ shell, dialog }) => {
      const seen = { opened: [] as string[], asked: 0 };
      (globalThis as { __seen?: typeof seen }).__seen = seen;
      shell.openExternal = async (url: string) => void seen.opened.push(url);
      dialog.showMessageBox = (async () => {
        seen.asked += 1;
        return { response: 1, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
    });
    await app.evaluate(({ webContents }) => {
      const guest = webContents.getAllWebContents().find((contents) => contents.getType() === 'webview');
      void guest?.executeJavaScript("for (let i = 0; i < 20; i++) setTimeout(() => { location.href = 'https://example.com/' + i; }, i * 20)");
    });
    await desk.getByTestId('desk-toast').first().waitFor({ timeout: 30_000 });
    const seen = await app.evaluate(() => (globalThis as { __seen?: { opened: string[]; asked: number } }).__seen);
    expect(seen).toEqual({ opened: [], asked: 1 });
    const guestUrl = await app.evaluate(({ webContents }) => webContents.getAllWebContents().find((contents) => contents.getType() === 'webview')?.getURL());
    expect(new URL(guestUrl ?? '').host).toMatch(/\.localhost:\d+$/);
  });

  it('closing the window hides it to the tray; a second launch shows it again', async () => {
    printOutputOnFailure();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().startsWith('app://'))?.close());
    const hidden = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL().startsWith('app://'));
      return window ? { destroyed: window.isDestroyed(), visible: window.isVisible() } : null;
    });
    expect(hidden).toEqual({ destroyed: false, visible: false });
    const second = spawn(launch.executablePath, [...launch.args, '--no-sandbox'], { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await waitFor(
      () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((window) => window.webContents.getURL().startsWith('app://') && window.isVisible())),
      { timeoutMs: 15_000, message: 'the second launch to show the window' },
    );
  });

  it('quits cleanly: the process ends and the gateway port is free again', async () => {
    printOutputOnFailure();
    const exited = new Promise<number | null>((resolve) => app.process().on('exit', resolve));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await exited;
    const { isPortFree } = await import('../../../main/core/shell/port-choice.js');
    await waitFor(() => isPortFree(port), { timeoutMs: 15_000, message: 'the gateway port to be free' });
    expect(existsSync(launch.executablePath)).toBe(true);
  });
});
