import type { DeskShortcut } from '../../preload/contract.js';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Ctrl/Cmd+1…9 opens the n-th agent, Ctrl+Tab / Ctrl+Shift+Tab cycle (Ctrl
 * on every platform, as browsers do), Ctrl/Cmd+K opens the quick switcher.
 * (Keys pressed inside an agent's `<webview>` never reach the desk page; the
 * Electron shell maps those with `deskShortcutFor` and sends `desk:shortcut`.)
 */
export function shortcutFor(event: KeyLike): DeskShortcut | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  if (event.key === 'Tab' && event.ctrlKey) return { kind: 'cycle', direction: event.shiftKey ? -1 : 1 };
  if (event.shiftKey) return null;
  if (/^[1-9]$/.test(event.key)) return { kind: 'open-nth', index: Number(event.key) - 1 };
  if (event.key.toLowerCase() === 'k') return { kind: 'switcher' };
  return null;
}

/** The id `step` places after `current` in `ids`, wrapping; the first when none is current. */
export function cycleId(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  if (index === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[(index + step + ids.length) % ids.length]!;
}

/** The quick switcher's key as this platform writes it, for the visible hint. */
export function switcherKeyLabel(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘K' : 'Ctrl+K';
}
