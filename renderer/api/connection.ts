/**
 * State of the live event stream from the desk. `signed-out`: the desk
 * refuses this page's session (serve restarted, or the session ended); only
 * a new login link helps, retrying alone never will.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'signed-out';

/** Optional extra a transport may offer: its event stream's connection state. */
export interface ConnectionSource {
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function isConnectionSource(value: unknown): value is ConnectionSource {
  return typeof (value as Partial<ConnectionSource> | null)?.onConnectionChange === 'function';
}
