import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

/** While Settings has unsaved edits, the browser asks before a reload or close would drop them. */
export function useUnsavedWarning(): boolean {
  const { stores } = useDesk();
  const unsaved = useStore(stores.settings, (s) => s.draft !== null);
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older Chromium needs it set
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
  return unsaved;
}
