import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

/** `system` follows prefers-color-scheme (no attribute); light/dark pin it via data-theme. */
export function useTheme(): void {
  const { stores } = useDesk();
  const theme = useStore(stores.settings, (s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
