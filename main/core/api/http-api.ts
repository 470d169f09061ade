import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskStateEvent } from '../../../preload/contract.js';
import { EVENTS_PATH, matchRestRoute } from '../../../preload/contract/rest-routes.js';
import { DeskError, toDeskError } from './desk-errors.js';
import type { DeskService } from './desk-service.js';

const MAX_BODY_BYTES = 64 * 1024;
const SSE_HEARTBEAT_MS = 25_000;
/** A client this far behind is not reading; drop it (EventSource reconnects and gets a fresh snapshot). */
const SSE_MAX_BUFFERED_BYTES = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new DeskError('bad-request', 'send the body as application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new DeskError('bad-request', 'the request body is larger than 64 KiB');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DeskError('bad-request', 'the request body is not valid JSON');
  }
}

/** A body that is an object gets the path's parameters (they win); any other body is left for the validator to refuse. */
function withPathParams(body: unknown, params: Record<string, string>): unknown {
  if (Object.keys(params).length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return { ...body, ...params };
}

function formatEvent(event: DeskStateEvent): string {
  return `event: ${event.channel}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

/**
 * `/api/*` on the desk host: JSON calls mapped onto DeskService and an SSE
 * stream of its events. The gateway has already checked the desk session and,
 * for unsafe methods, the Origin.
 */
export class DeskHttpApi {
  readonly #service: DeskService;
  readonly #streams = new Set<ServerResponse>();

  constructor(service: DeskService) {
    this.#service = service;
  }

  handles(pathname: string): boolean {
    return pathname === '/api' || pathname.startsWith('/api/');
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return sendJson(res, 405, new DeskError('bad-request', `use GET for ${EVENTS_PATH}`).toBody());
      return this.#openStream(req, res);
    }
    const route = matchRestRoute(req.method, pathname);
    if (route.kind === 'wrong-method') return sendJson(res, 405, new DeskError('bad-request', 'method not allowed').toBody());
    if (route.kind === 'none') return sendJson(res, 404, new DeskError('not-found', 'no such API route').toBody());
    try {
      const body = route.method === 'GET' ? undefined : route.method === 'POST' && !req.headers['content-type'] ? {} : await readJsonBody(req);
      const payload = route.body === 'request' ? withPathParams(body, route.params) : Object.keys(route.params).length > 0 ? route.params : undefined;
      const result = await this.#service.invoke(route.channel, payload);
      return sendJson(res, 200, result ?? null);
    } catch (error) {
      const deskError = toDeskError(error);
      if (deskError.code === 'internal') console.error(`agent-desk: ${route.channel} failed: ${(error as Error).message}`);
      return sendJson(res, deskError.status, deskError.toBody());
    }
  }

  /** Ends every open event stream (at shutdown). */
  close(): void {
    for (const res of this.#streams) res.end();
    this.#streams.clear();
  }

  #openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const send = (text: string): void => {
      if (res.writableLength > SSE_MAX_BUFFERED_BYTES) res.destroy();
      else res.write(text);
    };
    send('retry: 2000\n\n');
    for (const event of this.#service.snapshotEvents()) send(formatEvent(event));
    const unsubscribe = this.#service.subscribe((event) => send(formatEvent(event)));
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    this.#streams.add(res);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      this.#streams.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }
}
