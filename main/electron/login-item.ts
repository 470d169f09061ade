import os from 'node:os';
import { app } from 'electron';
import { autostartCommand, autostartMechanism, autostartPath, isAutostartEnabled, loginItemSettings, setAutostart } from '../core/shell/index.js';

/**
 * "Start at login": an XDG autostart entry on Linux, the OS login item on
 * macOS and Windows. The OS is the source of truth (the user can remove the
 * entry elsewhere), so the state is re-read rather than stored in settings.
 */
export class LoginItem {
  readonly #mechanism = autostartMechanism(process.platform);
  readonly #file = autostartPath(process.env, os.homedir());
  readonly #command = autostartCommand(process.env, process.execPath, process.defaultApp ? app.getAppPath() : undefined);
  #enabled = false;

  get supported(): boolean {
    return this.#mechanism !== 'none';
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  async refresh(): Promise<boolean> {
    if (this.#mechanism === 'xdg') this.#enabled = await isAutostartEnabled(this.#file);
    else if (this.#mechanism === 'login-item') this.#enabled = app.getLoginItemSettings(this.#query()).openAtLogin;
    return this.#enabled;
  }

  async set(enabled: boolean): Promise<void> {
    if (this.#mechanism === 'xdg') await setAutostart(this.#file, enabled, this.#command);
    else if (this.#mechanism === 'login-item') app.setLoginItemSettings(loginItemSettings(process.platform, enabled, this.#command));
    await this.refresh();
  }

  /** macOS cannot pass `--hidden` to a login item; it says how the app was opened instead. */
  openedAtLogin(): boolean {
    return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  }

  #query(): { path?: string; args?: string[] } | undefined {
    if (process.platform !== 'win32') return undefined;
    const { path, args } = loginItemSettings('win32', true, this.#command);
    return { path, args };
  }
}
