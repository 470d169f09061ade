import { describe, expect, it } from 'vitest';
import { agentsToHibernate } from '../../../renderer/logic/hibernation.js';
import { isWebUrl } from '../../../renderer/logic/web-url.js';
import { cycleId, shortcutFor, type KeyLike } from '../../../renderer/logic/shortcuts.js';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('Ctrl or Cmd + 1…9 opens the n-th agent', () => {
    expect(shortcutFor(key('1', { ctrlKey: true }))).toEqual({ kind: 'open-nth', index: 0 });
    expect(shortcutFor(key('9', { metaKey: true }))).toEqual({ kind: 'open-nth', index: 8 });
    expect(shortcutFor(key('0', { ctrlKey: true }))).toBeNull();
  });

  it('Ctrl+Tab and Ctrl+Shift+Tab cycle', () => {
    expect(shortcutFor(key('Tab', { ctrlKey: true }))).toEqual({ kind: 'cycle', direction: 1 });
    expect(shortcutFor(key('Tab', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'cycle', direction: -1 });
  });

  it('Ctrl or Cmd + K opens the quick switcher', () => {
    expect(shortcutFor(key('k', { ctrlKey: true }))).toEqual({ kind: 'switcher' });
    expect(shortcutFor(key('K', { metaKey: true }))).toEqual({ kind: 'switcher' });
  });

  it('ignores plain keys, Alt combinations and Tab alone', () => {
    expect(shortcutFor(key('1'))).toBeNull();
    expect(shortcutFor(key('Tab'))).toBeNull();
    expect(shortcutFor(key('k', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(key('1', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});

describe('cycleId', () => {
  const ids = ['a', 'b', 'c'];
  it('wraps both ways', () => {
    expect(cycleId(ids, 'c', 1)).toBe('a');
    expect(cycleId(ids, 'a', -1)).toBe('c');
    expect(cycleId(ids, 'a', 1)).toBe('b');
  });
  it('starts at an end when nothing is current', () => {
    expect(cycleId(ids, null, 1)).toBe('a');
    expect(cycleId(ids, null, -1)).toBe('c');
    expect(cycleId([], null, 1)).toBeNull();
  });
});

describe('agentsToHibernate', () => {
  const opened = [
    { id: 'a', lastActiveAt: 0 },
    { id: 'b', lastActiveAt: 50_000 },
  ];
  it('picks views idle for at least N minutes, never the one on screen', () => {
    expect(agentsToHibernate(opened, null, 60_000, 1)).toEqual(['a']);
    expect(agentsToHibernate(opened, 'a', 120_000, 1)).toEqual(['b']);
  });
  it('0 minutes means never', () => {
    expect(agentsToHibernate(opened, null, 10 ** 12, 0)).toEqual([]);
  });
});

describe('isWebUrl', () => {
  it('accepts absolute http(s) only', () => {
    expect(isWebUrl('http://a-x-abcdef.localhost:47800/__desk/enter?g=1')).toBe(true);
    expect(isWebUrl('https://example.test/')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,hi')).toBe(false);
    expect(isWebUrl('/relative')).toBe(false);
    expect(isWebUrl(42)).toBe(false);
  });
});
