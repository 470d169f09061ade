import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartCommand,
  autostartMechanism,
  autostartPath,
  desktopEntry,
  desktopExecArg,
  isAutostartEnabled,
  loginItemSettings,
  setAutostart,
} from '../../../main/core/shell/autostart.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

describe('autostart paths and content', () => {
  it('uses $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe(path.join('/xdg', 'autostart', 'agent-desk.desktop'));
    expect(autostartPath({}, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart', 'agent-desk.desktop'));
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart', 'agent-desk.desktop'));
  });

  it('starts the AppImage when running from one, else the executable', () => {
    expect(autostartCommand({ APPIMAGE: '/home/u/Apps/Agent Desk.AppImage' }, '/tmp/.mount_x/agent-desk')).toEqual(['/home/u/Apps/Agent Desk.AppImage']);
    expect(autostartCommand({}, '/opt/Agent Desk/agent-desk')).toEqual(['/opt/Agent Desk/agent-desk']);
    expect(autostartCommand({ APPIMAGE: 'relative.AppImage' }, '/usr/bin/agent-desk')).toEqual(['/usr/bin/agent-desk']);
    expect(autostartCommand({}, '/usr/lib/electron/electron', '/home/u/src/agent-desk')).toEqual(['/usr/lib/electron/electron', '/home/u/src/agent-desk']);
  });

  it('writes an Exec line that starts hidden, quoting and escaping per the desktop entry spec', () => {
    expect(desktopEntry(['/usr/bin/agent-desk'])).toContain('\nExec=/usr/bin/agent-desk --hidden\n');
    expect(desktopEntry(['/home/u/Apps/Agent Desk.AppImage'])).toContain('\nExec="/home/u/Apps/Agent Desk.AppImage" --hidden\n');
    expect(desktopEntry(['/x/a"b$c']).split('\n')).toContain('Exec="/x/a\\\\"b\\\\$c" --hidden');
    expect(desktopExecArg('/x/100%')).toBe('/x/100%%');
    expect(desktopEntry(['/usr/bin/agent-desk'])).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(() => desktopExecArg('/x\nExec=evil')).toThrow(/line breaks/);
    expect(desktopEntry(['/usr/lib/electron/electron', '/home/u/my app'])).toContain('\nExec=/usr/lib/electron/electron "/home/u/my app" --hidden\n');
    expect(() => desktopEntry([])).toThrow(/needs a command/);
  });

  it('gives setLoginItemSettings --hidden on Windows and the plain flag on macOS', () => {
    expect(loginItemSettings('win32', true, ['C:\\Apps\\Agent Desk.exe'])).toEqual({ openAtLogin: true, path: 'C:\\Apps\\Agent Desk.exe', args: ['--hidden'] });
    expect(loginItemSettings('win32', true, ['C:\\electron.exe', 'C:\\src\\my app'])).toEqual({ openAtLogin: true, path: 'C:\\electron.exe', args: ['"C:\\src\\my app"', '--hidden'] });
    expect(loginItemSettings('darwin', false, ['/Applications/Agent Desk.app'])).toEqual({ openAtLogin: false });
    expect(autostartMechanism('linux')).toBe('xdg');
    expect(autostartMechanism('darwin')).toBe('login-item');
    expect(autostartMechanism('win32')).toBe('login-item');
    expect(autostartMechanism('aix')).toBe('none');
  });
});

describe('setAutostart on a real folder', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir('agent-desk-autostart-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('creates the autostart folder and entry, reports it, and removes it', async () => {
    const file = autostartPath({ XDG_CONFIG_HOME: dir.path }, '/nonexistent');
    expect(await isAutostartEnabled(file)).toBe(false);
    await setAutostart(file, true, ['/opt/Agent Desk/agent-desk']);
    expect(await readFile(file, 'utf8')).toContain('Exec="/opt/Agent Desk/agent-desk" --hidden');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await isAutostartEnabled(file)).toBe(true);
    await setAutostart(file, false, ['/opt/Agent Desk/agent-desk']);
    expect(await isAutostartEnabled(file)).toBe(false);
    await setAutostart(file, false, ['/opt/Agent Desk/agent-desk']);
  });

  it('counts an entry the desktop disabled as off', async () => {
    const file = path.join(dir.path, 'autostart', 'agent-desk.desktop');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '[Desktop Entry]\nType=Application\nExec=x\nHidden=true\n');
    expect(await isAutostartEnabled(file)).toBe(false);
  });
});
