import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

/** The agent on screen left the directory (its folder was removed or renamed): say so, once. */
export function GoneNotice() {
  const { stores } = useDesk();
  const gone = useStore(stores.navigation, (s) => s.gone);
  if (gone === null) return null;
  return (
    <div className="notice notice-warning banner" role="alert" data-testid="gone-notice">
      <span>
        <strong>{gone.name}</strong> is no longer in the directory: its workspace folder was removed or renamed. A renamed folder shows
        up below under its new name.
      </span>
      <button type="button" className="button" onClick={() => stores.navigation.getState().goneDismissed()}>
        Dismiss
      </button>
    </div>
  );
}
