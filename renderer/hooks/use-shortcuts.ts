import { useEffect } from 'react';
import { useDesk } from '../api/desk-context.js';
import { shortcutFor } from '../logic/shortcuts.js';

/**
 * The desk-wide keyboard shortcuts while focus is in the desk page. Keys
 * pressed inside an agent's `<webview>` never reach this listener; the
 * Electron shell forwards those as `desk:shortcut` events, which
 * `actions.connect()` runs through the same `actions.runShortcut`.
 */
export function useShortcuts(): void {
  const { actions } = useDesk();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (shortcut !== null && actions.runShortcut(shortcut)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
