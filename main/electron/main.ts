/**
 * Agent Desk's Electron main process: lifecycle wiring only. Every decision
 * (argument parsing, webview, navigation and permission policy, tray model,
 * login item) is a plain function in main/core/shell with unit tests.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { startDesk, type Desk } from '../core/desk.js';
import { configDir } from '../core/settings/index.js';
import {
  decideSecondLaunch,
  DEFAULT_GATEWAY_PORT,
  findAgentToOpen,
  LaunchArgsError,
  ownArgv,
  parseLaunchArgs,
  secondLaunchData,
  type LaunchArgs,
} from '../core/shell/index.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { installIpc, type DeskIpc } from './ipc.js';
import { LoginItem } from './login-item.js';
import { createMainWindow, revealWindow } from './main-window.js';
import { DeskTray } from './tray.js';
import { installWebviewPolicy } from './webviews.js';
import { WidgetWindows } from './widget-window.js';

const log = (line: string): void => console.error(`agent-desk: ${line}`);

class Shell {
  #desk: Desk | undefined;
  #window: BrowserWindow | undefined;
  #ipc: DeskIpc | undefined;
  #tray: DeskTray | undefined;
  readonly #disposers: Array<() => void | Promise<void>> = [];
  #quitting = false;
  #disposed = false;
  /** A second launch's `--open` that arrived while this instance was still starting. */
  #pendingOpen: string | undefined;
  #pendingShow = false;

  async start(args: LaunchArgs): Promise<void> {
    const loginItem = new LoginItem();
    const hidden = args.hidden || loginItem.openedAtLogin();
    const root = app.getAppPath();
    try {
      this.#desk = await startDesk({
        port: args.port ?? DEFAULT_GATEWAY_PORT,
        flagRoots: args.roots.map((dir) => path.resolve(dir)),
        configDir: configDir(),
        mode: 'electron',
        version: app.getVersion(),
        log,
      });
    } catch (error) {
      dialog.showErrorBox('Agent Desk could not start', (error as Error).message);
      app.exit(1);
      return;
    }
    const desk = this.#desk;
    if (this.#disposed) {
      // Quit was asked for while the desk was starting.
      await desk.close();
      return;
    }
    this.#disposers.push(() => desk.close());
    const port = desk.gateway.port;

    this.#disposers.push(serveRenderer(path.join(root, 'dist', 'renderer'), port));
    const widgets = new WidgetWindows(port, log);
    this.#disposers.push(() => widgets.close());
    this.#disposers.push(
      installWebviewPolicy({
        desk,
        gatewayPort: port,
        isMainWindow: (contents) => contents === this.#window?.webContents,
        openWidgetWindow: (url) => widgets.open(url),
        log,
        reportError: (message) => {
          if (this.#window && !this.#window.isDestroyed()) void dialog.showMessageBox(this.#window, { type: 'warning', message });
        },
        forwardShortcut: (shortcut) => this.#ipc?.sendShortcut(shortcut),
      }),
    );
    const ipc = installIpc(desk.service, () => this.#window, log);
    this.#ipc = ipc;
    this.#disposers.push(() => ipc.dispose());

    const window = createMainWindow({
      preloadPath: path.join(root, 'dist', 'preload', 'preload.cjs'),
      gatewayPort: port,
      show: !hidden,
      openWidgetWindow: (url) => widgets.open(url),
      log,
    });
    this.#window = window;
    // Closing the window keeps the desk running in the tray.
    window.on('close', (event) => {
      if (this.#quitting) return;
      event.preventDefault();
      window.hide();
    });

    this.#tray = new DeskTray({
      desk,
      loginItem,
      openDesk: () => revealWindow(this.#window),
      openAgent: (id) => this.openAgent(id),
      quit: () => app.quit(),
      log,
    });
    const tray = this.#tray;
    this.#disposers.push(() => tray.dispose());

    const open = this.#pendingOpen ?? args.open;
    this.#pendingOpen = undefined;
    if (open !== undefined) this.openAgent(open);
    else if (this.#pendingShow) revealWindow(window);
  }

  /** A second launch: focus, and honour `--open`. */
  onSecondLaunch(argv: string[], additionalData: unknown): void {
    const action = decideSecondLaunch(additionalData, argv.slice(1));
    for (const note of action.notes) log(note);
    if (!this.#window) {
      // Still starting: remember what the second launch asked for.
      this.#pendingShow ||= action.show;
      if (action.open !== undefined) this.#pendingOpen = action.open;
      return;
    }
    if (action.show) revealWindow(this.#window);
    if (action.open !== undefined) this.openAgent(action.open);
  }

  openAgent(query: string): void {
    if (!this.#desk || !this.#ipc) return;
    const match = findAgentToOpen(query, this.#desk.registry.list());
    if (!match.ok) {
      log(`--open: ${match.reason}`);
      revealWindow(this.#window);
      return;
    }
    revealWindow(this.#window);
    this.#ipc.focusAgent(match.id);
  }

  /** Quit: stop every window, server and watcher the desk started, then exit. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#quitting = true;
    for (const dispose of this.#disposers.splice(0).reverse()) {
      try {
        await dispose();
      } catch (error) {
        log(`shutdown step failed: ${(error as Error).message}`);
      }
    }
  }

  /** From here on, closing the window closes it instead of hiding it. */
  beginQuit(): void {
    this.#quitting = true;
  }

  reveal(): void {
    revealWindow(this.#window);
  }
}

function main(): void {
  registerAppScheme();
  const argv = ownArgv(process.argv, Boolean(process.defaultApp));
  let args: LaunchArgs;
  try {
    args = parseLaunchArgs(argv);
  } catch (error) {
    const message = error instanceof LaunchArgsError ? error.message : String(error);
    console.error(`agent-desk: ${message}`);
    void app.whenReady().then(() => {
      dialog.showErrorBox('Agent Desk', message);
      app.exit(2);
    });
    return;
  }
  if (!app.requestSingleInstanceLock(secondLaunchData(argv))) {
    app.quit();
    return;
  }
  app.setAppUserModelId('dev.agentdesk.app');
  const shell = new Shell();
  app.on('second-instance', (_event, secondArgv, _cwd, additionalData) => shell.onSecondLaunch(secondArgv, additionalData));
  // The tray keeps the app alive with no window.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => shell.reveal());
  let quitStarted = false;
  app.on('before-quit', (event) => {
    shell.beginQuit();
    if (quitStarted) return;
    quitStarted = true;
    event.preventDefault();
    void shell.dispose().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(() => shell.start(args))
    .catch((error: Error) => {
      log(`startup failed: ${error.message}`);
      app.exit(1);
    });
}

main();
