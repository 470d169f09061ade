/**
 * Agent Desk's Electron main process: lifecycle wiring only. Every decision
 * (argument parsing, webview, navigation and permission policy, tray model,
 * port choice, link budget, toasts, login item) is a plain function in
 * main/core/shell with unit tests.
 */
import { DisposableStore } from '../../common/disposable-store.js';
import { reportTo } from '../../common/emitter.js';
import path from 'node:path';
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Desk } from '../core/desk.js';
import {
  appMenuTemplate,
  decideSecondLaunch,
  decideStartVisibility,
  decideUnload,
  decideWindowClose,
  findAgentToOpen,
  LaunchArgsError,
  ownArgv,
  parseLaunchArgs,
  queryStatusNotifierWatcher,
  secondLaunchData,
  ToastCoalescer,
  trayAvailability,
  unloadPrompt,
  type AppMenuItem,
  type LaunchArgs,
  type TrayAvailability,
} from '../core/shell/index.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { DeskAttention } from './attention.js';
import { startDeskOnItsPort } from './desk-start.js';
import { ExternalLinks } from './external-links.js';
import { installIpc, type DeskIpc } from './ipc.js';
import { LoginItem } from './login-item.js';
import { createMainWindow, revealWindow } from './main-window.js';
import { DeskTray } from './tray.js';
import { installWebviewPolicy } from './webviews.js';
import { WidgetWindows } from './widget-window.js';

const log = (line: string): void => console.error(`agent-desk: ${line}`);

function toMenu(items: readonly AppMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item) => ('submenu' in item ? { label: item.label, submenu: toMenu(item.submenu) } : item));
}

async function detectTray(): Promise<TrayAvailability> {
  const watcher = process.platform === 'linux' ? await queryStatusNotifierWatcher() : undefined;
  return trayAvailability(process.platform, watcher);
}

class Shell {
  #desk: Desk | undefined;
  #window: BrowserWindow | undefined;
  #ipc: DeskIpc | undefined;
  #tray: DeskTray | undefined;
  #trayState: TrayAvailability = 'unknown';
  readonly #disposers = new DisposableStore('shutdown', reportTo(log));
  #quitting = false;
  #sessionEnding = false;
  #disposed = false;
  /** A second launch's `--open` that arrived while this instance was still starting. */
  #pendingOpen: string | undefined;
  #pendingShow = false;

  async start(args: LaunchArgs): Promise<void> {
    Menu.setApplicationMenu(Menu.buildFromTemplate(toMenu(appMenuTemplate(process.platform, app.isPackaged))));
    const loginItem = new LoginItem();
    this.#trayState = await detectTray();
    const visibility = decideStartVisibility(args.hidden || loginItem.openedAtLogin(), this.#trayState);
    const root = app.getAppPath();
    let desk: Desk | undefined;
    try {
      desk = await startDeskOnItsPort(args, log);
    } catch (error) {
      dialog.showErrorBox('Agent Desk could not start', (error as Error).message);
      app.exit(1);
      return;
    }
    if (desk === undefined) {
      app.quit();
      return;
    }
    this.#desk = desk;
    if (this.#disposed) {
      // Quit was asked for while the desk was starting.
      await desk.close();
      return;
    }
    this.#disposers.add(() => desk.close());
    const port = desk.gateway.port;

    this.#disposers.add(serveRenderer(path.join(root, 'dist', 'renderer'), port));
    const ipc = installIpc(desk.service, () => this.#window, log);
    this.#ipc = ipc;
    this.#disposers.add(() => ipc.dispose());
    const toasts = new ToastCoalescer({ emit: (toast) => ipc.sendToast(toast) });
    this.#disposers.add(() => toasts.dispose());
    const links = new ExternalLinks({
      parent: () => this.#window,
      nameOf: (label) => desk.registry.byLabel(label)?.record.name ?? 'An agent',
      log,
      report: (key, message) => toasts.report(key, message),
    });
    const widgets = new WidgetWindows(port, log);
    this.#disposers.add(() => widgets.close());
    this.#disposers.add(
      installWebviewPolicy({
        desk,
        gatewayPort: port,
        isMainWindow: (contents) => contents === this.#window?.webContents,
        openWidgetWindow: (url) => widgets.open(url),
        log,
        report: (key, message) => toasts.report(key, message),
        openExternal: (label, url, lastInputAt) => links.openFromAgent(label, url, lastInputAt),
        forwardShortcut: (shortcut) => this.#ipc?.sendShortcut(shortcut),
      }),
    );

    const window = createMainWindow({
      preloadPath: path.join(root, 'dist', 'preload', 'preload.cjs'),
      gatewayPort: port,
      show: visibility.show,
      openWidgetWindow: (url) => widgets.open(url),
      openExternal: (url) => links.openTrusted(url),
      log,
    });
    this.#window = window;
    window.on('close', (event) => {
      const action = decideWindowClose({ quitting: this.#quitting, sessionEnding: this.#sessionEnding, tray: this.#trayState });
      if (action === 'close') return;
      event.preventDefault();
      if (action === 'hide') window.hide();
      else app.quit();
    });
    // The Settings form's beforeunload (unsaved edits): Electron asks nothing by itself and
    // keeps the page, so a quit would silently do nothing. Ask; staying calls the quit off.
    window.webContents.on('will-prevent-unload', (event) => {
      const decision = decideUnload({
        sessionEnding: this.#sessionEnding,
        answer: () => dialog.showMessageBoxSync(window, unloadPrompt(this.#quitting)),
      });
      if (decision === 'leave') event.preventDefault();
      else this.#quitting = false;
    });
    // Windows log-off/shutdown: Electron ends the process right after
    // `session-end`; nothing here may hide a window or hold the session up
    // (there is deliberately no `query-session-end` handler that could).
    window.on('session-end', () => {
      this.#sessionEnding = true;
      this.beginQuit();
    });
    if (visibility.note) {
      log(visibility.note);
      toasts.report('tray-missing', visibility.note, 'info');
    }

    const attention = new DeskAttention({
      desk,
      openSession: (agentId, sessionId) => {
        revealWindow(this.#window);
        this.#ipc?.focusAgent(agentId, sessionId);
      },
      log,
    });
    this.#disposers.add(() => attention.dispose());

    if (this.#trayState !== 'unavailable') {
      this.#tray = new DeskTray({
        desk,
        loginItem,
        openDesk: () => revealWindow(this.#window),
        openAgent: (id) => this.openAgent(id),
        runLifecycle: (id, verb) => {
          try {
            if (verb === 'cancel') desk.lifecycle.cancel(id);
            else desk.lifecycle.run(id, verb);
          } catch (error) {
            // Busy or no command: plain words naming the agent (LifecycleError), shown in the desk.
            toasts.report(`lifecycle-${id}`, (error as Error).message, 'error');
          }
        },
        quit: () => app.quit(),
        log,
      });
      const tray = this.#tray;
      this.#disposers.add(() => tray.dispose());
    }

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
    await this.#disposers.dispose();
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
  // Windows close first (a page may call the quit off: unsaved settings), then the desk
  // stops. will-quit comes only once every window has closed.
  app.on('before-quit', () => shell.beginQuit());
  let disposing = false;
  app.on('will-quit', (event) => {
    if (disposing) return;
    disposing = true;
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
