import type { IncomingMessage, ServerResponse } from 'node:http';

const SSE_HEARTBEAT_MS = 25_000;
/** A client this far behind is not reading; drop it (the UI reconnects and gets a fresh snapshot). */
const SSE_MAX_BUFFERED_BYTES = 1024 * 1024;

export interface SseResponse {
  /** Writes one named event with a JSON payload; a no-op once the response has ended. */
  send(event: string, data: unknown): void;
  end(): void;
}

/**
 * Starts a `text/event-stream` answer: a heartbeat comment keeps idle
 * connections open, a client that stops reading is dropped, and `onClose`
 * runs once when either side closes.
 */
export function startSse(req: IncomingMessage, res: ServerResponse, onClose: () => void, preamble = ''): SseResponse {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  const write = (text: string): void => {
    if (res.writableEnded || res.destroyed) return;
    if (res.writableLength > SSE_MAX_BUFFERED_BYTES) res.destroy();
    else res.write(text);
  };
  if (preamble) write(preamble);
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const cleanup = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    onClose();
  };
  req.on('close', cleanup);
  res.on('close', cleanup);
  return {
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end: () => {
      if (!res.writableEnded) res.end();
    },
  };
}
