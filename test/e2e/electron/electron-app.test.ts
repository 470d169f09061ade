import { existsSync } from 'node:fs';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi } from '../../../preload/contract.js';
import { SettingsFile } from '../../../main/core/settings/index.js';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { findElectronBinary } from './electron-binary.js';

/**
 * The packaged shell end to end: Playwright's `_electron` launches the built
 * app (dist/) against a temp workspace root holding one fake agent. Runs
 * wherever the `electron` package has its binary; reported as skipped, with
 * the reason, where it does not (the binary cannot be downloaded here).
 */
const binary = findElectronBinary();
if (!binary.found) console.log(`skipped: no Electron binary (${binary.reason})`);

const ROOT = path.resolve('.');
const BUILT = ['dist/main/electron/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];
const TOKEN = 'e2e0electron0canary0token000000000000000000000e';
const PROVIDER_KEY = 'sk-ant-e2e-electron-canary-provider-key';

/** What the page scripts below touch; the test tsconfig has no DOM lib. */
interface PageElement {
  setAttribute(name: string, value: string): void;
  style: Record<string, string>;
}
declare const document: { createElement(tag: string): PageElement; body: { append(node: PageElement): void } };
declare const window: { deskApi?: DeskApi; require?: unknown; process?: unknown };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe.skipIf(!binary.found)('Electron shell end to end (Playwright _electron)', () => {
  let agent: FakeAgent;
  let workspaces: TempDir;
  let home: TempDir;
  let app: ElectronApplication;
  let desk: Page;
  let port: number;
  const output: string[] = [];
  let label: string;

  beforeAll(async () => {
    const missing = BUILT.filter((file) => !existsSync(path.join(ROOT, file)));
    if (missing.length > 0) throw new Error(`build the app first (npm run build): missing ${missing.join(', ')}`);
    if (!binary.found) return;

    agent = await startFakeAgent({
      token: TOKEN,
      name: 'alpha',
      widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<!doctype html><title>clock widget</title><p id="clock">12:00</p>' }],
    });
    workspaces = await tempDir('agent-desk-e2e-root-');
    home = await tempDir('agent-desk-e2e-home-');
    const workspace = path.join(workspaces.path, 'alpha');
    await mkdir(workspace);
    await writeFile(path.join(workspace, '.env'), `WEB_PORT=${agent.port}\nWEB_TOKEN=${TOKEN}\nWEB_BASE_PATH=/chat\nANTHROPIC_API_KEY=${PROVIDER_KEY}\n`, { mode: 0o600 });
    port = await freePort();

    app = await _electron.launch({
      executablePath: binary.executablePath,
      args: [ROOT, '--root', workspaces.path, '--port', String(port), '--no-sandbox'],
      env: {
        ...process.env,
        HOME: home.path,
        XDG_CONFIG_HOME: path.join(home.path, '.config'),
        AGENT_DESK_CONFIG_DIR: path.join(home.path, 'agent-desk'),
        ELECTRON_ENABLE_LOGGING: '1',
      },
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    desk = await app.firstWindow();
    await desk.waitForLoadState('domcontentloaded');
    // The id is the label of the workspace path as the desk resolved it (symlinked temp dirs included).
    label = await waitFor(
      async () => (await desk.evaluate(() => window.deskApi!.invoke('agents:list', undefined))).find((record) => record.name === 'alpha')?.id,
      { timeoutMs: 30_000, message: 'the desk to list the alpha workspace' },
    );
    expect(label).toMatch(/^a-alpha-[a-z2-7]{16}$/);
    const installKey = await new SettingsFile(path.join(home.path, 'agent-desk')).installKey();
    expect([agentLabel(installKey, 'alpha', workspace), agentLabel(installKey, 'alpha', await realpath(workspace))]).toContain(label);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await agent?.close();
    await workspaces?.remove();
    await home?.remove();
  }, 60_000);

  it('shows the bundled desk on app://desk with the contract and nothing of Node', async () => {
    expect(desk.url()).toBe('app://desk/index.html');
    const exposed = await desk.evaluate(() => ({
      api: window.deskApi ? Object.keys(window.deskApi).sort() : null,
      require: typeof window.require,
      process: typeof window.process,
    }));
    expect(exposed).toEqual({ api: ['invoke', 'stream', 'subscribe'], require: 'undefined', process: 'undefined' });
    const agents = await desk.evaluate(() => window.deskApi!.invoke('agents:list', undefined));
    expect(agents.map((record) => record.id)).toContain(label);
    await expect(desk.evaluate(() => window.deskApi!.invoke('fs:read' as never, '/etc/passwd' as never))).rejects.toThrow(/unknown desk channel/);
  });

  it('opens an agent in a webview on its own host and persistent partition, whatever the page asked for', async () => {
    const { url } = await desk.evaluate((id) => window.deskApi!.invoke('agents:open', { id }), label);
    expect(new URL(url).host).toBe(`${label}.localhost:${port}`);
    // A hostile attribute set: another partition, a preload, node integration. will-attach-webview must drop them all.
    await desk.evaluate((src) => {
      const view = document.createElement('webview');
      view.setAttribute('src', src);
      view.setAttribute('partition', 'persist:stolen');
      view.setAttribute('preload', 'file:///tmp/evil-preload.js');
      view.setAttribute('nodeintegration', 'on');
      view.setAttribute('webpreferences', 'sandbox=no, contextIsolation=no');
      view.style.width = '800px';
      view.style.height = '600px';
      document.body.append(view);
    }, url);

    const guest = await waitFor(
      () =>
        app.evaluate(({ webContents, session }, agentLabelValue) => {
          const found = webContents.getAllWebContents().find((contents) => contents.getType() === 'webview');
          if (!found || !found.getURL().includes('/chat/')) return undefined;
          // Electron's own (untyped) accessor, the one its guest-view manager reads.
          const prefs = (found as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences() ?? {};
          return {
            url: found.getURL(),
            samePartition: found.session === session.fromPartition(`persist:agent-${agentLabelValue}`),
            stolenPartition: found.session === session.fromPartition('persist:stolen'),
            sandbox: prefs.sandbox,
            contextIsolation: prefs.contextIsolation,
            nodeIntegration: prefs.nodeIntegration,
            preload: prefs.preload ?? null,
          };
        }, label),
      { timeoutMs: 30_000, message: 'the agent webview to reach {base}/' },
    );
    expect(guest).toEqual({
      url: `http://${label}.localhost:${port}/chat/`,
      samePartition: true,
      stolenPartition: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: null,
    });
    const inGuest = await app.evaluate(({ webContents }) => {
      const found = webContents.getAllWebContents().find((contents) => contents.getType() === 'webview');
      return found?.executeJavaScript('[typeof require, typeof process, typeof window.deskApi].join()');
    });
    expect(inGuest).toBe('undefined,undefined,undefined');
    // The gateway, not the page, carried the token upstream.
    expect(agent.requests.some((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('opens a widget window on its own host when the agent navigates to {base}/widgets/<mount>/', async () => {
    const windowPromise = app.waitForEvent('window', { timeout: 30_000 });
    await app.evaluate(({ webContents }) => {
      const guest = webContents.getAllWebContents().find((contents) => contents.getType() === 'webview');
      void guest?.executeJavaScript("location.href = '/chat/widgets/clock/'");
    });
    const widget = await windowPromise;
    await waitFor(() => /^w-[a-z2-7]{26}\.localhost$/.test(new URL(widget.url()).hostname) && !widget.url().includes('/__desk/enter'), {
      timeoutMs: 30_000,
      message: 'the widget window to land on its widget host',
    });
    expect(new URL(widget.url()).pathname).toBe('/chat/widgets/clock/');
    const details = await app.evaluate(({ webContents }, widgetUrl) => {
      const contents = webContents.getAllWebContents().find((candidate) => candidate.getURL() === widgetUrl);
      const guest = webContents.getAllWebContents().find((candidate) => candidate.getType() === 'webview');
      const prefs = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> | null } | undefined)?.getLastWebPreferences() ?? {};
      return { sandbox: prefs.sandbox, preload: prefs.preload ?? null, persistent: Boolean(contents?.session.isPersistent()), agentUrl: guest?.getURL() };
    }, widget.url());
    expect(details).toEqual({ sandbox: true, preload: null, persistent: false, agentUrl: `http://${label}.localhost:${port}/chat/` });
    expect(await widget.evaluate(() => typeof window.deskApi)).toBe('undefined');
  });

  it('attention: an approval counts in the window title, the agent page may not notify by itself, the inbox answers in place', async () => {
    agent.sessions.startRun('s1', 'Refactor parser');
    agent.sessions.requestApproval('s1', { title: 'rm -rf build' });
    const windowTitle = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().startsWith('app://desk'))?.getTitle());
    await waitFor(async () => (await windowTitle()) === '(1) Agent Desk', { timeoutMs: 30_000, message: 'the window title to count the approval' });
    // Desk notifications are on (the default): the agent page's own permission is denied, so nothing arrives twice.
    const permission = await app.evaluate(({ webContents }) =>
      webContents
        .getAllWebContents()
        .find((contents) => contents.getType() === 'webview')
        ?.executeJavaScript('Notification.requestPermission()', true),
    );
    expect(permission).toBe('denied');
    await desk.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/inbox';
    });
    await desk.getByRole('group', { name: 'Answer: rm -rf build' }).getByRole('button', { name: 'Allow once' }).click();
    await waitFor(() => agent.sessions.answers.some((answer) => answer.kind === 'approval'), { timeoutMs: 30_000, message: 'the answer to reach the agent' });
    const answer = agent.sessions.answers.find((received) => received.kind === 'approval')!;
    expect(answer.body).toMatchObject({ choice: 0 });
    expect(answer.headers.authorization).toBe(`Bearer ${TOKEN}`);
    await waitFor(async () => (await windowTitle()) === 'Agent Desk', { timeoutMs: 30_000, message: 'the title count to clear' });
    agent.sessions.finishRun('s1');
  });

  it('never shows the token or a provider key in its output (canary)', () => {
    const text = output.join('');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(PROVIDER_KEY);
  });
});
