/** State of the live event stream from the desk. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Optional extra a transport may offer: its event stream's connection state. */
export interface ConnectionSource {
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function isConnectionSource(value: unknown): value is ConnectionSource {
  return typeof (value as Partial<ConnectionSource> | null)?.onConnectionChange === 'function';
}
