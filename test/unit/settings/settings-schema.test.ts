import { describe, expect, it } from 'vitest';
import { applySettingsPatch, configDir, DEFAULT_SETTINGS, parseStoredSettings } from '../../../main/core/settings/index.js';

describe('applySettingsPatch', () => {
  it('applies valid fields and dedupes roots', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { roots: ['/srv/a', '/srv/a', '~/agents'], theme: 'dark', hibernateAfterMinutes: 15 });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, roots: ['/srv/a', '~/agents'], theme: 'dark', hibernateAfterMinutes: 15 });
  });

  it.each([
    [{ roots: 'not-a-list' }, /roots must be a list/],
    [{ roots: ['relative/path'] }, /not an absolute path/],
    [{ roots: ['/a\0b'] }, /NUL/],
    [{ roots: [''] }, /non-empty/],
    [{ theme: 'blue' }, /theme must be/],
    [{ hibernateAfterMinutes: -1 }, /whole number/],
    [{ hibernateAfterMinutes: 1.5 }, /whole number/],
    [{ agentOrder: ['Bad Id'] }, /invalid agent id/],
    [{ port: 80 }, /port must be a whole number from 1024 to 65535/],
    [{ port: 65536 }, /port must be/],
    [{ port: '47800' }, /port must be/],
    [{ port: 47800.5 }, /port must be/],
    [{ token: 'x' }, /unknown setting "token"/],
    [null, /JSON object/],
    [['roots'], /JSON object/],
  ])('refuses %j with a specific error', (patch, message) => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, patch)).toThrow(message);
  });

  it('has the gateway port, 47800 by default, and takes another valid one', () => {
    expect(DEFAULT_SETTINGS.port).toBe(47800);
    expect(applySettingsPatch(DEFAULT_SETTINGS, { port: 47801 }).port).toBe(47801);
    expect(parseStoredSettings({ port: 1 }).settings.port).toBe(47800);
  });

  it('does not mutate the current settings when a patch fails', () => {
    const current = { ...DEFAULT_SETTINGS, theme: 'light' as const };
    expect(() => applySettingsPatch(current, { theme: 'dark', roots: 5 })).toThrow();
    expect(current.theme).toBe('light');
  });
});

describe('parseStoredSettings', () => {
  it('keeps valid fields and reports invalid ones', () => {
    const { settings, problems } = parseStoredSettings({ theme: 'dark', roots: [42], extra: true });
    expect(settings.theme).toBe('dark');
    expect(settings.roots).toEqual([]);
    expect(problems).toHaveLength(1);
  });

  it('reports a document that is not an object', () => {
    expect(parseStoredSettings([1, 2]).problems).toEqual(['the file does not hold a JSON object']);
  });
});

describe('configDir', () => {
  it('follows XDG on Linux and ignores a relative XDG_CONFIG_HOME', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toBe('/x/cfg/agent-desk');
    expect(configDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/home/u')).toBe('/home/u/.config/agent-desk');
  });

  it('uses the platform locations on macOS and Windows, and the override first', () => {
    expect(configDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/agent-desk');
    expect(configDir({ APPDATA: '/c/AppData/Roaming' }, 'win32', '/c/u')).toMatch(/Roaming.agent-desk$/);
    expect(configDir({ AGENT_DESK_CONFIG_DIR: '/o' }, 'linux', '/home/u')).toBe('/o');
  });
});
