import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';

const TEXT = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' } as const;

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
