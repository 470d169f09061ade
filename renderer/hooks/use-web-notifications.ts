import { useEffect } from 'react';
import { useDesk } from '../api/desk-context.js';

/** Whether this page may show notifications itself (browser mode; Electron notifies from main). */
export function webNotificationsAvailable(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * Browser mode: one Web Notification per notice the desk sends (already
 * filtered by the user's settings). A click focuses the desk, opens the
 * agent at that session and marks it seen.
 */
export function useWebNotifications(): void {
  const { stores, actions } = useDesk();
  useEffect(() => {
    let lastSeq = stores.attention.getState().notices.seq;
    return stores.attention.subscribe((state) => {
      if (state.notices.seq === lastSeq) return;
      lastSeq = state.notices.seq;
      if (stores.desk.getState().info?.mode !== 'browser' || !webNotificationsAvailable()) return;
      if (Notification.permission !== 'granted') return;
      for (const notice of state.notices.list) {
        const notification = new Notification(notice.title, { body: notice.body, silent: notice.silent, tag: notice.itemId });
        notification.onclick = () => {
          window.focus();
          actions.showSession(notice.agentId, notice.sessionId);
          notification.close();
        };
      }
    });
  }, [stores, actions]);
}
