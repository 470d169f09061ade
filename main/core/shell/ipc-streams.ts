import type { StreamChannel } from '../../../preload/contract.js';
import { isStreamChannelName } from '../../../preload/contract/channels.js';
import { STREAM_ID, type IpcReply, type IpcStreamMessage } from '../../../preload/ipc-channels.js';
import { toDeskError, type DeskError } from '../api/desk-errors.js';
import { isTrustedSender, type IpcSender } from './ipc-sender.js';

/** The part of DeskService IPC streams need; it validates payloads itself. */
export interface StreamTarget {
  stream(channel: StreamChannel, payload: unknown, sink: { chunk(value: unknown): void; end(error?: DeskError): void }): () => void;
}

export interface IpcStreams {
  open(sender: IpcSender, message: unknown): IpcReply<null>;
  close(sender: IpcSender, message: unknown): IpcReply<null>;
  /** Closes every stream (the desk page navigated or went away, or shutdown). */
  closeAll(): void;
  readonly size: number;
}

function fields(message: unknown): Record<string, unknown> {
  return typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
}

const refused = (code: string, message: string): IpcReply<null> => ({ ok: false, error: { code, message } });

/**
 * Everything ipc.ts does for contract streams, minus Electron: the same
 * sender and channel checks as invokes, one stream per page-chosen id, its
 * chunks and its end pushed through `push`, and the work stopped when the
 * page closes it or goes away.
 */
export function createIpcStreams(target: StreamTarget, push: (message: IpcStreamMessage) => void, log: (line: string) => void): IpcStreams {
  const open = new Map<string, () => void>();
  return {
    open(sender, message) {
      const { id, channel, request } = fields(message);
      if (!isTrustedSender(sender)) {
        log(`refused IPC stream ${isStreamChannelName(channel) ? channel : '(unknown channel)'} from an untrusted frame`);
        return refused('forbidden', 'only the desk window may call the desk');
      }
      if (typeof id !== 'string' || !STREAM_ID.test(id)) return refused('bad-request', 'invalid stream id');
      if (open.has(id)) return refused('bad-request', 'a stream with this id is already open');
      if (!isStreamChannelName(channel)) return refused('bad-request', 'unknown desk stream');
      let ended = false;
      try {
        const stop = target.stream(channel, request, {
          chunk: (value) => push({ id, kind: 'chunk', value }),
          end: (error) => {
            ended = true;
            open.delete(id);
            push(error ? { id, kind: 'end', ...error.toBody() } : { id, kind: 'end' });
          },
        });
        // A stream can end while it opens; then it is not open.
        if (!ended) open.set(id, stop);
        return { ok: true, value: null };
      } catch (error) {
        const deskError = toDeskError(error);
        if (deskError.code === 'internal') log(`IPC stream ${channel} failed: ${error instanceof Error ? error.name : typeof error}`);
        return { ok: false, ...deskError.toBody() };
      }
    },
    close(sender, message) {
      if (!isTrustedSender(sender)) return refused('forbidden', 'only the desk window may call the desk');
      const { id } = fields(message);
      const stop = typeof id === 'string' ? open.get(id) : undefined;
      if (stop) {
        open.delete(id as string);
        stop();
      }
      return { ok: true, value: null };
    },
    closeAll() {
      for (const stop of [...open.values()]) stop();
      open.clear();
    },
    get size() {
      return open.size;
    },
  };
}
