import { describe, expect, it } from 'vitest';
import { appMenuTemplate, menuRoles } from '../../../main/core/shell/app-menu.js';
import { decideStartVisibility, decideWindowClose, parseNameHasOwner, trayAvailability } from '../../../main/core/shell/tray-availability.js';

describe('tray availability', () => {
  it('reads gdbus NameHasOwner answers', () => {
    expect(parseNameHasOwner('(true,)\n')).toBe(true);
    expect(parseNameHasOwner('(false,)')).toBe(false);
    expect(parseNameHasOwner('Error: Cannot autolaunch D-Bus without X11 $DISPLAY')).toBeUndefined();
    expect(parseNameHasOwner('')).toBeUndefined();
  });

  it('macOS and Windows always have a tray; Linux has one when a StatusNotifierWatcher runs', () => {
    expect(trayAvailability('darwin', undefined)).toBe('available');
    expect(trayAvailability('win32', false)).toBe('available');
    expect(trayAvailability('linux', true)).toBe('available');
    expect(trayAvailability('linux', false)).toBe('unavailable');
    expect(trayAvailability('linux', undefined)).toBe('unknown');
  });

  it('--hidden stays hidden only with a tray; otherwise the window opens and says why', () => {
    expect(decideStartVisibility(false, 'unavailable')).toEqual({ show: true });
    expect(decideStartVisibility(true, 'available')).toEqual({ show: false });
    const gnome = decideStartVisibility(true, 'unavailable');
    expect(gnome.show).toBe(true);
    expect(gnome.note).toMatch(/AppIndicator/);
    expect(decideStartVisibility(true, 'unknown').show).toBe(true);
  });

  it('closing the window hides to the tray only when there is one, and never during a quit or a session end', () => {
    expect(decideWindowClose({ quitting: false, sessionEnding: false, tray: 'available' })).toBe('hide');
    expect(decideWindowClose({ quitting: false, sessionEnding: false, tray: 'unavailable' })).toBe('quit');
    expect(decideWindowClose({ quitting: false, sessionEnding: false, tray: 'unknown' })).toBe('quit');
    expect(decideWindowClose({ quitting: true, sessionEnding: false, tray: 'available' })).toBe('close');
    expect(decideWindowClose({ quitting: false, sessionEnding: true, tray: 'available' })).toBe('close');
  });
});

describe('application menu', () => {
  it('the packaged app has no DevTools and no force reload, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const roles = menuRoles(appMenuTemplate(platform, true));
      expect(roles).not.toContain('toggleDevTools');
      expect(roles).not.toContain('forceReload');
      expect(roles).not.toContain('reload');
      expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
    }
  });

  it('an unpackaged run (npm start) keeps DevTools for development', () => {
    expect(menuRoles(appMenuTemplate('linux', false))).toContain('toggleDevTools');
  });

  it('macOS gets its app menu (Hide, Quit) first', () => {
    const [first] = appMenuTemplate('darwin', true);
    expect(first).toMatchObject({ label: 'Agent Desk' });
    expect(menuRoles([first!])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
  });
});
