import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'agent-desk.desktop';
export const HIDDEN_FLAG = '--hidden';

/**
 * `$XDG_CONFIG_HOME/autostart/agent-desk.desktop`, else
 * `~/.config/autostart/agent-desk.desktop` (XDG: a relative value is invalid
 * and ignored).
 */
export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
  return path.join(base, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * What to start at login: the AppImage file when running from one (the
 * executable then lives in a temporary mount that is gone at next login),
 * else the executable itself — plus the app folder when running unpackaged
 * (`electron /path/to/app`), so a development build can be tried too.
 */
export function autostartCommand(env: NodeJS.ProcessEnv, execPath: string, unpackagedAppPath?: string): string[] {
  const appImage = env.APPIMAGE;
  if (appImage && path.isAbsolute(appImage)) return [appImage];
  return unpackagedAppPath ? [execPath, unpackagedAppPath] : [execPath];
}

/**
 * One argument of a desktop entry's Exec key. The spec applies two layers:
 * arguments with reserved characters are double-quoted with `"`, `` ` ``,
 * `$` and `\` backslash-escaped; then the whole value is a string whose own
 * backslashes are escaped again. `%` is doubled (field codes).
 */
export function desktopExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('a login item path cannot contain line breaks or NUL');
  const needsQuotes = arg === '' || /[\s"'\\><~|&;$*?#()`]/.test(arg);
  let quoted = needsQuotes ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  quoted = quoted.replace(/%/g, '%%');
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart entry: starts Agent Desk in the tray (`--hidden`). */
export function desktopEntry(command: readonly string[]): string {
  if (command.length === 0) throw new Error('a login item needs a command');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Agent Desk',
    'Comment=One desk for your local AI agents',
    `Exec=${[...command, HIDDEN_FLAG].map(desktopExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Is the autostart entry there and ours? A file someone disabled (`Hidden=true`) counts as off. */
export async function isAutostartEnabled(file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return false;
  }
  return /^\[Desktop Entry\]/m.test(text) && !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
}

/** Writes (atomically) or removes the entry. */
export async function setAutostart(file: string, enabled: boolean, command: readonly string[]): Promise<void> {
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, desktopEntry(command), { mode: 0o644 });
  await rename(temp, file);
}

/**
 * `app.setLoginItemSettings` arguments on macOS and Windows. Windows runs
 * `path args…` from the registry, so `--hidden` rides along; macOS has no
 * arguments for a login item, so the app asks `wasOpenedAtLogin` instead.
 */
export function loginItemSettings(
  platform: NodeJS.Platform,
  openAtLogin: boolean,
  command: readonly string[],
): { openAtLogin: boolean; path?: string; args?: string[] } {
  const [executable, ...leading] = command;
  if (platform === 'win32' && executable) {
    // The registry holds one command line; Electron joins args with spaces, so quote what has them.
    const args = [...leading, HIDDEN_FLAG].map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
    return { openAtLogin, path: executable, args };
  }
  return { openAtLogin };
}

/** Which mechanism a platform uses; other platforms have no start-at-login. */
export function autostartMechanism(platform: NodeJS.Platform): 'xdg' | 'login-item' | 'none' {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'xdg';
  if (platform === 'darwin' || platform === 'win32') return 'login-item';
  return 'none';
}
