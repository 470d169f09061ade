import { BrowserWindow, session, type Session } from 'electron';
import { isWidgetLabel } from '../core/hosts/index.js';
import { decidePermission, ISOLATED_WEB_PREFERENCES, decideWidgetNavigation, gatewayLabelOf, gatewayOrigin, mainFrameAllowed, urlForLog, widgetPartition } from '../core/shell/index.js';
import { handleDownloads } from './downloads.js';
import { guardNavigation } from './navigation-guard.js';

/**
 * Widget windows: one per widget host, each a separate BrowserWindow with an
 * in-memory partition of its own, no preload, sandboxed, locked to its widget
 * host, opening nothing and granted no permission. Closing one wipes its
 * partition's storage.
 */
export class WidgetWindows {
  readonly #windows = new Map<string, BrowserWindow>();
  readonly #configured = new WeakSet<Session>();
  readonly #gatewayPort: number;
  readonly #log: (line: string) => void;

  constructor(gatewayPort: number, log: (line: string) => void) {
    this.#gatewayPort = gatewayPort;
    this.#log = log;
  }

  /** Opens (or focuses) the widget window for a widget enter URL the desk minted. */
  open(enterUrl: string): void {
    const label = gatewayLabelOf(enterUrl, this.#gatewayPort);
    if (label === undefined || !isWidgetLabel(label)) {
      this.#log(`refused to open ${urlForLog(enterUrl)} as a widget: not a widget host of this desk`);
      return;
    }
    const existing = this.#windows.get(label);
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
      return;
    }
    const partition = widgetPartition(label);
    const widgetSession = session.fromPartition(partition);
    const origin = gatewayOrigin(label, this.#gatewayPort);
    this.#configure(widgetSession, partition, origin);
    const window = new BrowserWindow({
      width: 960,
      height: 720,
      title: 'Widget — Agent Desk',
      autoHideMenuBar: true,
      webPreferences: {
        partition,
        ...ISOLATED_WEB_PREFERENCES,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.#windows.set(label, window);
    guardNavigation(window.webContents, 'widget window', {
      windowOpen: (url) => decideWidgetNavigation(url, origin, 'window-open'),
      navigate: (url) => decideWidgetNavigation(url, origin, 'navigate'),
      log: this.#log,
    });
    window.on('closed', () => {
      if (this.#windows.get(label) === window) this.#windows.delete(label);
      void widgetSession.clearStorageData().catch(() => undefined);
    });
    void window.loadURL(enterUrl).catch((error: Error) => this.#log(`widget window failed to load: ${error.message}`));
  }

  get count(): number {
    return this.#windows.size;
  }

  /** Closes every widget window and waits until each is gone. */
  async close(): Promise<void> {
    const windows = [...this.#windows.values()].filter((window) => !window.isDestroyed());
    await Promise.all(
      windows.map(
        (window) =>
          new Promise<void>((resolve) => {
            window.once('closed', () => resolve());
            window.destroy();
          }),
      ),
    );
    this.#windows.clear();
  }

  #configure(widgetSession: Session, partition: string, origin: string): void {
    if (this.#configured.has(widgetSession)) return;
    this.#configured.add(widgetSession);
    // The policy denies every permission to widget partitions; asking it keeps one rule in one place.
    const gatewayPort = this.#gatewayPort;
    widgetSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(decidePermission({ partition, permission, requestingOrigin: details.requestingUrl, gatewayPort })),
    );
    widgetSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      decidePermission({ partition, permission, requestingOrigin, gatewayPort }),
    );
    widgetSession.setDevicePermissionHandler(() => false);
    widgetSession.webRequest.onBeforeRequest({ urls: ['<all_urls>'], types: ['mainFrame'] }, (details, callback) => {
      callback({ cancel: !mainFrameAllowed(details.url, origin) });
    });
    handleDownloads(widgetSession);
  }
}
