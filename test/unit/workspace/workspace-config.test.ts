import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkWebBasePath, checkWebPort, workspaceConfig } from '../../../main/core/workspace/workspace-config.js';

const TOKEN = 'a'.repeat(48);
const env = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('checkWebPort', () => {
  it('defaults to 8081 when unset', () => {
    expect(checkWebPort(undefined)).toEqual({ ok: true, value: 8081 });
  });

  it.each([
    ['1', 1],
    ['8081', 8081],
    ['65535', 65535],
    ['08081', 8081],
  ])('accepts %j as %i', (raw, port) => {
    expect(checkWebPort(raw)).toEqual({ ok: true, value: port });
  });

  it.each([
    ['0', 'out of range'],
    ['000', 'out of range'],
    ['65536', 'out of range'],
    ['70000', 'out of range'],
    ['99999999999999999999', 'out of range'],
    ['80abc', 'not a whole number'],
    ['-1', 'not a whole number'],
    ['+80', 'not a whole number'],
    ['80.0', 'not a whole number'],
    ['1e3', 'not a whole number'],
    [' 80', 'not a whole number'],
    ['0x50', 'not a whole number'],
  ])('refuses %j (%s)', (raw, why) => {
    const result = checkWebPort(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('checkWebBasePath', () => {
  it.each([
    [undefined, '/chat'],
    ['/chat', '/chat'],
    ['chat', '/chat'],
    ['/chat/', '/chat'],
    ['chat//', '/chat'],
    ['/a/b-c_d.e~f', '/a/b-c_d.e~f'],
    ['/', ''],
    ['///', ''],
  ])('normalises %j to %j', (raw, path) => {
    expect(checkWebBasePath(raw)).toEqual({ ok: true, value: path });
  });

  it.each(['/a/../b', '..', '/chat?x=1', '/chat#top', '/ch at', '/chat\t', '/chat\u0001', '/a\\b', '/a//b', '/a/./b'])(
    'refuses %j',
    (raw) => {
      const result = checkWebBasePath(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^WEB_BASE_PATH /);
    },
  );
});

describe('workspaceConfig', () => {
  it('is ready with port, base path and token', () => {
    const config = workspaceConfig(env({ WEB_PORT: '9123', WEB_TOKEN: TOKEN, WEB_BASE_PATH: 'x/' }));
    expect(config.state).toBe('ready');
    expect(config.reason).toBeUndefined();
    expect(config.endpoint?.port).toBe(9123);
    expect(config.endpoint?.basePath).toBe('/x');
    expect(config.endpoint?.token.reveal()).toBe(TOKEN);
  });

  it('uses the defaults when port and base path are unset, empty or placeholders', () => {
    const extras: Array<Record<string, string>> = [{}, { WEB_PORT: '', WEB_BASE_PATH: '' }, { WEB_PORT: '{{ .Port }}', WEB_BASE_PATH: '{{ .Base }}' }];
    for (const extra of extras) {
      const config = workspaceConfig(env({ WEB_TOKEN: TOKEN, ...extra }));
      expect(config.state).toBe('ready');
      expect(config.endpoint?.port).toBe(8081);
      expect(config.endpoint?.basePath).toBe('/chat');
    }
  });

  it.each([
    [{}, 'not set'],
    [{ WEB_TOKEN: '' }, 'empty'],
    [{ WEB_TOKEN: '{{ .Token }}' }, 'placeholder'],
    [{ WEB_TOKEN: 'abc{{x' }, 'placeholder'],
  ])('is not-provisioned for %j', (entries, why) => {
    const config = workspaceConfig(env(entries));
    expect(config.state).toBe('not-provisioned');
    expect(config.reason).toContain(why);
    expect(config.endpoint).toBeUndefined();
  });

  it.each(['0', '70000', '80abc'])('is invalid for WEB_PORT=%j, even with a token', (port) => {
    const config = workspaceConfig(env({ WEB_PORT: port, WEB_TOKEN: TOKEN }));
    expect(config.state).toBe('invalid');
    expect(config.reason).toMatch(/^WEB_PORT /);
    expect(config.reason).not.toContain(port);
    expect(config.endpoint).toBeUndefined();
  });

  it('is invalid for a bad base path', () => {
    expect(workspaceConfig(env({ WEB_BASE_PATH: '/../x', WEB_TOKEN: TOKEN })).state).toBe('invalid');
  });

  it('is invalid for a token that cannot go into an HTTP header, without quoting it', () => {
    const config = workspaceConfig(env({ WEB_TOKEN: 'tok en\u00e9' }));
    expect(config.state).toBe('invalid');
    expect(config.reason).not.toContain('tok');
  });

  it('reads only the three keys and never exposes the token', () => {
    const config = workspaceConfig(env({ WEB_TOKEN: 'canary-tok-1', ANTHROPIC_API_KEY: 'canary-key-1', OTHER: 'x' }));
    const rendered = JSON.stringify(config) + inspect(config, { depth: 10 }) + String(config.endpoint?.token);
    expect(rendered).not.toContain('canary-tok-1');
    expect(rendered).not.toContain('canary-key-1');
    expect(Object.keys(config.endpoint ?? {}).sort()).toEqual(['basePath', 'port', 'token']);
  });
});
