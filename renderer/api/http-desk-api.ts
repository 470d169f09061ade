import { Emitter } from '../../common/emitter.js';
import type {
  DeskApi,
  DeskEvent,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StreamChannel,
  StreamChunk,
  StreamObserver,
  StreamRequest,
} from '../../preload/contract.js';
import type { ConnectionSource, ConnectionState } from './connection.js';
import { DeskApiError } from './desk-api-error.js';
import { EVENTS_PATH } from '../../preload/contract/rest-routes.js';
import { openHttpStream } from './http-stream.js';
import { parseEvent, routeFor } from './http-routes.js';
import { SseParser } from './sse-parser.js';

export interface HttpDeskApiOptions {
  /** Origin of the desk host; default: the page's own origin (relative URLs). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The desk bearer (browser mode: from this origin's storage); read per request. */
  token?: () => string | null;
  /** Wait before reopening a broken or refused stream, and between checks for a new token after a 401. */
  retryDelayMs?: number;
}

/** Error code of a DeskApiError when the desk refused the bearer (HTTP 401): the user must log in again. */
export const UNAUTHENTICATED = 'unauthenticated';
const UNAUTHENTICATED_MESSAGE = 'This desk session has ended: open the newest login link that agent-desk serve printed in your terminal.';

/**
 * Browser-mode transport: the control API over same-origin HTTP with
 * `Authorization: Bearer <desk token>`, and events over one streamed
 * `fetch` of `/api/events` (EventSource cannot send that header), opened
 * with the first subscriber and closed with the last. A broken stream is
 * reopened after `retryDelayMs`; the server resends `agents:changed` and
 * `desk:changed` on connect. A 401 puts the connection in state
 * `signed-out` until a different token appears (a login in another tab).
 */
export class HttpDeskApi implements DeskApi, ConnectionSource {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #token: () => string | null;
  readonly #events = new Emitter<DeskEvent>('desk event');
  readonly #connection = new Emitter<ConnectionState>('connection state');
  #stream: AbortController | null = null;
  #state: ConnectionState = 'connecting';
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #retryDelayMs: number;

  constructor(options: HttpDeskApiOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#token = options.token ?? (() => null);
    this.#retryDelayMs = options.retryDelayMs ?? 3000;
  }

  async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    const route = routeFor(channel, request);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.#authorization() };
    const init: RequestInit = { method: route.method, credentials: 'omit', cache: 'no-store', headers };
    if (route.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(route.body);
    }
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${route.path}`, init);
    } catch {
      throw new DeskApiError('unreachable', 'The desk did not answer. Is agent-desk still running?', 0);
    }
    const body = await readJson(response);
    if (response.status === 401) {
      this.#setState('signed-out');
      throw new DeskApiError(UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE, 401);
    }
    if (!response.ok) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : `The desk answered ${response.status} ${response.statusText}.`.replace(' .', '.');
      throw new DeskApiError(code, message, response.status);
    }
    if (body === undefined) throw new DeskApiError('bad-response', `The desk sent an unreadable answer to ${channel}.`, response.status);
    return body as InvokeResponse<C>;
  }

  stream<C extends StreamChannel>(channel: C, request: StreamRequest<C>, observer: StreamObserver<StreamChunk<C>>): () => void {
    return openHttpStream({ baseUrl: this.#baseUrl, fetch: this.#fetch, headers: () => this.#authorization() }, channel, request, observer);
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    const unsubscribe = this.#events.event(listener);
    if (this.#stream === null) this.#open();
    return () => {
      unsubscribe();
      if (this.#events.listenerCount === 0) this.close();
    };
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    const unsubscribe = this.#connection.event(listener);
    listener(this.#state);
    return unsubscribe;
  }

  /** Closes the event stream; a later subscribe opens a fresh one. */
  close(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#stream?.abort();
    this.#stream = null;
    this.#setState('connecting');
  }

  #authorization(): Record<string, string> {
    const token = this.#token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  #open(): void {
    const stream = new AbortController();
    this.#stream = stream;
    // A reopen after a failure keeps its state until the stream is live.
    if (this.#state === 'connected') this.#setState('connecting');
    void this.#run(stream);
  }

  async #run(stream: AbortController): Promise<void> {
    const token = this.#token();
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${EVENTS_PATH}`, {
        headers: { Accept: 'text/event-stream', ...this.#authorization() },
        credentials: 'omit',
        cache: 'no-store',
        signal: stream.signal,
      });
    } catch {
      return this.#broken(stream, 'reconnecting');
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      return this.#broken(stream, response.status === 401 ? 'signed-out' : 'reconnecting', response.status === 401 ? token : undefined);
    }
    if (stream.signal.aborted) return;
    this.#setState('connected');
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || stream.signal.aborted) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) this.#dispatch(message.event, message.data);
      }
    } catch {
      // A broken stream: reopened below.
    }
    this.#broken(stream, 'reconnecting');
  }

  /** Retries later; after a 401 only once the stored token is no longer the refused one. */
  #broken(stream: AbortController, state: ConnectionState, refusedToken?: string | null): void {
    if (stream.signal.aborted || this.#stream !== stream) return;
    this.#setState(state);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#stream !== stream) return;
      if (state === 'signed-out' && this.#token() === refusedToken) return this.#broken(stream, state, refusedToken);
      this.#open();
    }, this.#retryDelayMs);
  }

  #dispatch(channel: string, data: string): void {
    const event = parseEvent(channel, data);
    if (event === null) return;
    this.#events.fire(event);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#connection.fire(state);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
