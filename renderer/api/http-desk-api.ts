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
import { STATE_EVENT_CHANNELS } from '../../preload/contract/channels.js';
import { EVENTS_PATH } from '../../preload/contract/rest-routes.js';
import { openHttpStream } from './http-stream.js';
import { parseEvent, routeFor } from './http-routes.js';

/** The part of the browser's EventSource this transport uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpDeskApiOptions {
  /** Origin of the desk host; default: the page's own origin (relative URLs). */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
  /** Wait before reopening a stream the browser gave up on. */
  retryDelayMs?: number;
}

const CLOSED = 2;

/**
 * Browser-mode transport: the control API over same-origin HTTP (the desk
 * cookie authenticates) and events over one EventSource, opened with the
 * first subscriber and closed with the last. EventSource reconnects by
 * itself; the server resends `agents:changed` and `desk:changed` on connect.
 */
export class HttpDeskApi implements DeskApi, ConnectionSource {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #createEventSource: (url: string) => EventSourceLike;
  readonly #listeners = new Set<(event: DeskEvent) => void>();
  readonly #connectionListeners = new Set<(state: ConnectionState) => void>();
  #source: EventSourceLike | null = null;
  #state: ConnectionState = 'connecting';
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #retryDelayMs: number;

  constructor(options: HttpDeskApiOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#createEventSource = options.createEventSource ?? ((url) => new EventSource(url) as EventSourceLike);
    this.#retryDelayMs = options.retryDelayMs ?? 3000;
  }

  async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    const route = routeFor(channel, request);
    const init: RequestInit = { method: route.method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (route.body !== undefined) {
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
      init.body = JSON.stringify(route.body);
    }
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${route.path}`, init);
    } catch {
      throw new DeskApiError('unreachable', 'The desk did not answer. Is agent-desk still running?', 0);
    }
    const body = await readJson(response);
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
    return openHttpStream({ baseUrl: this.#baseUrl, fetch: this.#fetch }, channel, request, observer);
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.#listeners.add(listener);
    if (this.#source === null) this.#open();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.close();
    };
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.#connectionListeners.add(listener);
    listener(this.#state);
    return () => this.#connectionListeners.delete(listener);
  }

  /** Closes the event stream; a later subscribe opens a fresh one. */
  close(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#source?.close();
    this.#source = null;
    this.#setState('connecting');
  }

  #open(): void {
    const source = this.#createEventSource(`${this.#baseUrl}${EVENTS_PATH}`);
    this.#source = source;
    // A reopen after a refusal keeps saying "reconnecting" until it is live.
    if (this.#state !== 'reconnecting') this.#setState('connecting');
    source.onopen = () => this.#setState('connected');
    source.onerror = () => {
      this.#setState('reconnecting');
      // EventSource retries by itself, except after a refusal (e.g. a 5xx or
      // a non-event-stream answer) where it gives up: then we start over.
      if (source.readyState === CLOSED && this.#source === source) {
        source.close();
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = null;
          if (this.#source === source) this.#open();
        }, this.#retryDelayMs);
      }
    };
    for (const channel of STATE_EVENT_CHANNELS) {
      source.addEventListener(channel, (message) => {
        const event = parseEvent(channel, message.data);
        if (event === null) return;
        for (const listener of [...this.#listeners]) listener(event);
      });
    }
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#connectionListeners]) listener(state);
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
