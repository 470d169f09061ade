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
 * else the executable itself.
 */
export function autostartExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  const appImage = env.APPIMAGE;
  return appImage && path.isAbsolute(appImage) ? appImage : execPath;
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
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Agent Desk',
    'Comment=One desk for your local AI agents',
    `Exec=${desktopExecArg(executable)} ${HIDDEN_FLAG}`,
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
export async function setAutostart(file: string, enabled: boolean, executable: string): Promise<void> {
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, desktopEntry(executable), { mode: 0o644 });
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
  execPath: string,
): { openAtLogin: boolean; path?: string; args?: string[] } {
  if (platform === 'win32') return { openAtLogin, path: execPath, args: [HIDDEN_FLAG] };
  return { openAtLogin };
}

/** Which mechanism a platform uses; other platforms have no start-at-login. */
export function autostartMechanism(platform: NodeJS.Platform): 'xdg' | 'login-item' | 'none' {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'xdg';
  if (platform === 'darwin' || platform === 'win32') return 'login-item';
  return 'none';
}
