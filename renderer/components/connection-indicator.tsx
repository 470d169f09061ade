import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

const TEXT = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', 'signed-out': 'Signed out' } as const;

/** Whether the desk's event stream is up; directory data may be stale while it is not. */
export function ConnectionIndicator() {
  const { stores } = useDesk();
  const state = useStore(stores.connection, (s) => s.state);
  return (
    <span className={`connection connection-${state}`} role="status" data-testid="connection-state" data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      {TEXT[state]}
    </span>
  );
}

/**
 * The desk no longer accepts this page's session (most often: `agent-desk
 * serve` restarted). Retrying cannot help; a new login link does, and the
 * page picks the new session up by itself, keeping its place.
 */
export function SessionEndedNotice() {
  const { stores } = useDesk();
  const state = useStore(stores.connection, (s) => s.state);
  const mode = useStore(stores.desk, (s) => s.info?.mode);
  if (state !== 'signed-out') return null;
  return (
    <div className="notice notice-error banner session-ended" role="alert" data-testid="session-ended">
      <strong>Your desk session ended.</strong>
      <span>
        {mode === 'electron'
          ? 'Agent Desk restarted its desk service. Close and reopen this window.'
          : 'agent-desk serve was restarted (or this session expired). Open the newest login link that agent-desk serve printed in its terminal; this page picks up the new session by itself and keeps your place.'}
      </span>
    </div>
  );
}
