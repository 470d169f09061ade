import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

/**
 * Problems the Electron shell reports (a widget an agent tried to open too
 * often, a link it did not follow): a few toasts, each folding repeats into
 * a count, instead of one modal dialog per event.
 */
export function DeskToasts() {
  const { stores } = useDesk();
  const toasts = useStore(stores.toasts, (s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <section className="toasts" aria-label="Notifications" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.level}`} data-testid="desk-toast">
          <p className="toast-message">
            {toast.message}
            {toast.count > 1 && <span className="toast-count"> (×{toast.count})</span>}
          </p>
          <button type="button" className="link-button" onClick={() => stores.toasts.getState().toastDismissed(toast.id)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
