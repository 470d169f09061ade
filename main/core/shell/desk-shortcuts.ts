import type { DeskShortcut } from '../../../preload/contract.js';

/** The fields of Electron's `before-input-event` Input this decision reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/**
 * The desk shortcut a key pressed inside an agent's `<webview>` means, if any;
 * the shell takes those keys from the guest page and forwards them to the UI.
 * Same keys as the renderer's `shortcutFor` (renderer/logic/shortcuts.ts),
 * but with the platform's one modifier — Cmd on macOS, Ctrl elsewhere — for
 * 1…9 and K, so that Ctrl+K on macOS (kill line) and Super+digit on Linux
 * stay with the agent's page. Ctrl+Tab cycles on every platform, as in
 * browsers. Nothing with Alt; only key-down.
 */
export function deskShortcutFor(input: KeyInput, platform: NodeJS.Platform): DeskShortcut | undefined {
  if (input.type !== 'keyDown' || input.alt) return undefined;
  if (input.key === 'Tab') return input.control ? { kind: 'cycle', direction: input.shift ? -1 : 1 } : undefined;
  const modifier = platform === 'darwin' ? input.meta : input.control;
  if (!modifier || input.shift) return undefined;
  if (/^[1-9]$/.test(input.key)) return { kind: 'open-nth', index: Number(input.key) - 1 };
  if (input.key.toLowerCase() === 'k') return { kind: 'switcher' };
  return undefined;
}
