import { execFile } from 'node:child_process';

/**
 * Whether a tray icon can be seen, and what follows from it. On Linux the
 * tray is a StatusNotifierItem: it shows only where a StatusNotifierWatcher
 * runs on the session bus (KDE, most desktops; GNOME only with the
 * AppIndicator extension). Without one, a `--hidden` start or a
 * close-to-tray would leave the app running with no way to reach it.
 */
export type TrayAvailability = 'available' | 'unavailable' | 'unknown';

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** The `NameHasOwner` command that asks the session bus, and how to read its answer. */
export const WATCHER_QUERY = {
  command: 'gdbus',
  args: ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', STATUS_NOTIFIER_WATCHER],
} as const;

/** `gdbus call` prints `(true,)` or `(false,)`; anything else is not an answer. */
export function parseNameHasOwner(output: string): boolean | undefined {
  const match = /^\((true|false),\)$/.exec(output.trim());
  return match ? match[1] === 'true' : undefined;
}

/**
 * Asks the session bus whether a StatusNotifierWatcher runs (`gdbus`, part of
 * GLib on every GNOME desktop). Undefined when gdbus is missing, fails or
 * does not answer within the time.
 */
export function queryStatusNotifierWatcher(timeoutMs = 1500, env: NodeJS.ProcessEnv = process.env): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile(WATCHER_QUERY.command, [...WATCHER_QUERY.args], { timeout: timeoutMs, env, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : parseNameHasOwner(stdout));
    });
  });
}

export function trayAvailability(platform: NodeJS.Platform, watcherPresent: boolean | undefined): TrayAvailability {
  if (platform === 'darwin' || platform === 'win32') return 'available';
  if (watcherPresent === undefined) return 'unknown';
  return watcherPresent ? 'available' : 'unavailable';
}

export interface StartVisibility {
  show: boolean;
  /** Said to the user (as a toast) when the app shows itself although asked to start hidden. */
  note?: string;
}

/**
 * `--hidden` (and login starts) stay hidden only where the tray surely
 * shows; otherwise the window opens, saying why. An unknown tray counts as
 * missing: an unwanted window is better than an unreachable app.
 */
export function decideStartVisibility(hidden: boolean, tray: TrayAvailability): StartVisibility {
  if (!hidden) return { show: true };
  if (tray === 'available') return { show: false };
  return {
    show: true,
    note:
      tray === 'unavailable'
        ? 'This desktop shows no tray icons (on GNOME, install the AppIndicator extension), so Agent Desk opened its window instead of starting hidden. Closing the window quits it.'
        : 'Agent Desk could not tell whether this desktop shows tray icons, so it opened its window instead of starting hidden.',
  };
}

export type WindowCloseAction = 'hide' | 'close' | 'quit';

export interface WindowCloseInput {
  /** A quit is under way (tray Quit, Cmd+Q, app.quit). */
  quitting: boolean;
  /** Windows is ending the session (log off, shutdown): never stand in its way. */
  sessionEnding: boolean;
  tray: TrayAvailability;
}

/**
 * Closing the desk window hides it to the tray — only when the tray surely
 * shows; otherwise it quits, so nothing keeps running out of reach. During a
 * quit or a session end the window simply closes.
 */
export function decideWindowClose(input: WindowCloseInput): WindowCloseAction {
  if (input.quitting || input.sessionEnding) return 'close';
  return input.tray === 'available' ? 'hide' : 'quit';
}
