import { describe, expect, it } from 'vitest';
import { deskShortcutFor, type KeyInput } from '../../../main/core/shell/desk-shortcuts.js';

const input = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('deskShortcutFor', () => {
  it('Ctrl+1…9 opens the n-th agent on Linux and Windows, Cmd+1…9 on macOS', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(deskShortcutFor(input('1', { control: true }), platform)).toEqual({ kind: 'open-nth', index: 0 });
      expect(deskShortcutFor(input('9', { control: true }), platform)).toEqual({ kind: 'open-nth', index: 8 });
      expect(deskShortcutFor(input('1', { meta: true }), platform)).toBeUndefined();
    }
    expect(deskShortcutFor(input('3', { meta: true }), 'darwin')).toEqual({ kind: 'open-nth', index: 2 });
    expect(deskShortcutFor(input('3', { control: true }), 'darwin')).toBeUndefined();
  });

  it('0 and other keys with the modifier stay with the page', () => {
    expect(deskShortcutFor(input('0', { control: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('c', { control: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('v', { meta: true }), 'darwin')).toBeUndefined();
    expect(deskShortcutFor(input('F1', { control: true }), 'linux')).toBeUndefined();
  });

  it('Ctrl+Tab and Ctrl+Shift+Tab cycle on every platform, Cmd+Tab does not', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(deskShortcutFor(input('Tab', { control: true }), platform)).toEqual({ kind: 'cycle', direction: 1 });
      expect(deskShortcutFor(input('Tab', { control: true, shift: true }), platform)).toEqual({ kind: 'cycle', direction: -1 });
      expect(deskShortcutFor(input('Tab', { meta: true }), platform)).toBeUndefined();
      expect(deskShortcutFor(input('Tab'), platform)).toBeUndefined();
      expect(deskShortcutFor(input('Tab', { shift: true }), platform)).toBeUndefined();
    }
  });

  it('Ctrl+K (Cmd+K on macOS) toggles the quick switcher, either case', () => {
    expect(deskShortcutFor(input('k', { control: true }), 'linux')).toEqual({ kind: 'switcher' });
    expect(deskShortcutFor(input('K', { control: true }), 'win32')).toEqual({ kind: 'switcher' });
    expect(deskShortcutFor(input('k', { meta: true }), 'darwin')).toEqual({ kind: 'switcher' });
    expect(deskShortcutFor(input('k', { control: true }), 'darwin')).toBeUndefined();
  });

  it('nothing with Alt, with Shift (except Tab), or without a modifier', () => {
    expect(deskShortcutFor(input('k', { control: true, alt: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('Tab', { control: true, alt: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('1', { meta: true, alt: true }), 'darwin')).toBeUndefined();
    expect(deskShortcutFor(input('1', { control: true, shift: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('K', { control: true, shift: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('1'), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('k'), 'darwin')).toBeUndefined();
  });

  it('only key-down: key-up and other input types pass through', () => {
    expect(deskShortcutFor(input('1', { type: 'keyUp', control: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('Tab', { type: 'keyUp', control: true }), 'linux')).toBeUndefined();
    expect(deskShortcutFor(input('k', { type: 'mouseDown', control: true }), 'linux')).toBeUndefined();
  });
});
