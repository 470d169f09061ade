import type { LifecycleInvoke, LifecycleVerb, LogLine } from '../../../../preload/contract.js';
import { DeskError } from '../desk-errors.js';
import { agentId, objectOf } from '../request-validation.js';
import type { DomainHandlers, EmitStateEvent } from './domain-handlers.js';

/** What the API needs of lifecycle (LifecycleManager fits). */
export interface LifecyclePort {
  run(id: string, verb: LifecycleVerb): { joined: boolean };
  cancel(id: string): boolean;
  logs(id: string): LogLine[];
  watchLogs(id: string): () => void;
  onProgress(listener: (progress: { id: string; verb: LifecycleVerb; phase: 'running' | 'done' | 'failed'; message: string }) => void): () => void;
  onLog(listener: (event: { id: string; line: LogLine }) => void): () => void;
}

/** A log view asks again within this time, or the container log stops being followed. */
export const LOG_WATCH_LEASE_MS = 30_000;

function idOnly(payload: unknown): { id: string } {
  return { id: agentId(objectOf(payload).id) };
}

/** LifecycleError (not-found / unsupported / busy) in the API's words and codes. */
function asDeskError(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : 'lifecycle failed';
  if (error instanceof Error && error.name === 'LifecycleError') {
    throw new DeskError(code === 'not-found' ? 'not-found' : code === 'busy' ? 'conflict' : 'not-ready', message);
  }
  throw error;
}

/**
 * agents:start|stop|restart|cancel|logs|watch-logs. Commands run on the desk
 * (202: accepted); progress and scrubbed log lines go out as state events.
 * Without lifecycle (tests of other domains) every verb says so.
 */
export function createLifecycleHandlers(lifecycle: LifecyclePort | undefined, emit: EmitStateEvent): DomainHandlers<keyof LifecycleInvoke> {
  const leases = new Map<string, { release: () => void; timer: ReturnType<typeof setTimeout> }>();
  const port = (): LifecyclePort => {
    if (!lifecycle) throw new DeskError('unsupported', 'starting and stopping agents is not available here');
    return lifecycle;
  };
  const run = (verb: LifecycleVerb) => ({
    validate: idOnly,
    handle: ({ id }: { id: string }) => {
      try {
        return { accepted: true as const, joined: port().run(id, verb).joined };
      } catch (error) {
        return asDeskError(error);
      }
    },
  });
  const watch = (id: string): void => {
    const existing = leases.get(id);
    if (existing) clearTimeout(existing.timer);
    const release = existing?.release ?? port().watchLogs(id);
    const timer = setTimeout(() => {
      leases.delete(id);
      release();
    }, LOG_WATCH_LEASE_MS);
    timer.unref();
    leases.set(id, { release, timer });
  };
  const unsubscribe = lifecycle
    ? [
        lifecycle.onProgress((progress) => emit({ channel: 'agents:progress', payload: progress })),
        lifecycle.onLog((event) => emit({ channel: 'agents:log', payload: event })),
      ]
    : [];
  return {
    channels: {
      'agents:start': run('start'),
      'agents:stop': run('stop'),
      'agents:restart': run('restart'),
      'agents:cancel': { validate: idOnly, handle: ({ id }) => ({ cancelled: port().cancel(id) }) },
      'agents:logs': {
        validate: idOnly,
        handle: ({ id }) => {
          try {
            return { lines: port().logs(id) };
          } catch (error) {
            return asDeskError(error);
          }
        },
      },
      'agents:watch-logs': {
        validate: idOnly,
        handle: ({ id }) => {
          try {
            const lines = port().logs(id);
            watch(id);
            return { lines };
          } catch (error) {
            return asDeskError(error);
          }
        },
      },
    },
    dispose: () => {
      for (const stop of unsubscribe) stop();
      for (const lease of leases.values()) {
        clearTimeout(lease.timer);
        lease.release();
      }
      leases.clear();
    },
  };
}
