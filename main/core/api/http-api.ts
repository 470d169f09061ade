import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamChannel } from '../../../preload/contract.js';
import { EVENTS_PATH, matchRestRoute, REST_ROUTES, type RestRoute } from '../../../preload/contract/rest-routes.js';
import { isDeskApiPath } from '../gateway/desk-tokens.js';
import { DeskError, toDeskError } from './desk-errors.js';
import type { DeskService } from './desk-service.js';
import { startSse, type SseResponse } from './sse-response.js';

const MAX_BODY_BYTES = 64 * 1024;

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

/**
 * `/api/*` on the desk host: JSON calls mapped onto DeskService, an SSE
 * stream of its events, and one SSE answer per opened contract stream. The gateway has already checked the desk bearer and,
 * for unsafe methods, the Origin.
 */
export class DeskHttpApi {
  readonly #service: DeskService;
  readonly #streams = new Set<SseResponse>();

  constructor(service: DeskService) {
    this.#service = service;
  }

  /** The same paths the gateway guards with the desk bearer. */
  handles(pathname: string): boolean {
    return isDeskApiPath(pathname);
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
      if (route.kind === 'stream') return this.#openCallStream(req, res, route.channel, payload);
      const result = await this.#service.invoke(route.channel, payload);
      const declared: RestRoute = REST_ROUTES[route.channel];
      return sendJson(res, declared.status ?? 200, result ?? null);
    } catch (error) {
      const deskError = toDeskError(error);
      if (deskError.code === 'internal') console.error(`agent-desk: ${route.channel} failed: ${(error as Error).message}`);
      return sendJson(res, deskError.status, deskError.toBody());
    }
  }

  /** Ends every open event stream and contract stream (at shutdown). */
  close(): void {
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  #openStream(req: IncomingMessage, res: ServerResponse): void {
    let unsubscribe = (): void => undefined;
    const stream = startSse(req, res, () => {
      unsubscribe();
      this.#streams.delete(stream);
    }, 'retry: 2000\n\n');
    for (const event of this.#service.snapshotEvents()) stream.send(event.channel, event.payload);
    unsubscribe = this.#service.subscribe((event) => stream.send(event.channel, event.payload));
    this.#streams.add(stream);
  }

  /**
   * One contract stream as `chunk` events and one `end` event (`{}`, or
   * `{error}`). A refusal (bad payload, unknown agent) is a JSON error
   * answer instead, thrown before anything is written. The client closing
   * the connection stops the work on the desk.
   */
  #openCallStream(req: IncomingMessage, res: ServerResponse, channel: StreamChannel, payload: unknown): void {
    // Chunks the handler sends while opening wait until the stream is known to be accepted.
    const early: Array<{ event: string; data: unknown }> = [];
    const state: { sse?: SseResponse; ended: boolean } = { ended: false };
    const emit = (event: string, data: unknown): void => {
      if (state.sse) state.sse.send(event, data);
      else early.push({ event, data });
    };
    const stop = this.#service.stream(channel, payload, {
      chunk: (value) => emit('chunk', value),
      end: (error) => {
        state.ended = true;
        emit('end', error ? error.toBody() : {});
        state.sse?.end();
      },
    });
    const opened = startSse(req, res, () => {
      stop();
      this.#streams.delete(opened);
    });
    state.sse = opened;
    for (const { event, data } of early.splice(0)) opened.send(event, data);
    if (state.ended) opened.end();
    else this.#streams.add(opened);
  }
}
