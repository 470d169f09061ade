import { BrowserWindow } from 'electron';
import { APP_INDEX_URL, decideMainWindowNavigation, decideMainWindowOpen, ISOLATED_WEB_PREFERENCES } from '../core/shell/index.js';
import { guardNavigation } from './navigation-guard.js';

export interface MainWindowOptions {
  preloadPath: string;
  gatewayPort: number;
  /** False for `--hidden` (and login starts): the window is made but stays hidden. */
  show: boolean;
  openWidgetWindow(url: string): void;
  /** The desk page's own web links (the user's), to the system browser. */
  openExternal(url: string): void;
  log(line: string): void;
}

/**
 * The desk window: the bundled renderer on `app://desk`, sandboxed and
 * isolated, with `<webview>` enabled for agent views (whose guests
 * webviews.ts locks down). It can navigate nowhere else; its `window.open`
 * is how the UI opens widgets (a widget window) and web links (the system
 * browser).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Agent Desk',
    webPreferences: {
      preload: options.preloadPath,
      ...ISOLATED_WEB_PREFERENCES,
      webviewTag: true,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click would open a link as a new window; nothing here needs it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  guardNavigation(window.webContents, 'desk window', {
    windowOpen: (url) => decideMainWindowOpen(url, options.gatewayPort),
    navigate: (url) => decideMainWindowNavigation(url),
    openWidget: (decision) => {
      if (decision.action === 'open-widget-window') options.openWidgetWindow(decision.url);
    },
    openExternal: (url) => options.openExternal(url),
    log: options.log,
  });
  // The desk page needs no permission at all (agents ask in their own partitions).
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.session.setPermissionCheckHandler(() => false);
  window.once('ready-to-show', () => {
    if (options.show) window.show();
  });
  void window.loadURL(APP_INDEX_URL).catch((error: Error) => options.log(`could not load the desk page: ${error.message}`));
  return window;
}

/** Brings the window up from the tray, minimized state or behind other windows. */
export function revealWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
