import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import { headersFromRaw } from './response-head.js';
import { sharedUpstreamClient, type UpstreamClient } from './upstream-client.js';
import { isReplayable, type UpstreamFailure, type UpstreamFailureKind } from './upstream-errors.js';
import { agentTarget } from './upstream-target.js';

export const DEFAULT_TIMEOUT_MS = 3_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export interface AgentRequestOptions {
  /** Default GET. */
  method?: string;
  /** The path below the agent's base path (`/healthz`, `/v1/sessions/status`); the base path is put in front. */
  route: string;
  /** Extra request headers; `Authorization` is always the agent's bearer, whatever is given here. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Total deadline: connect, head and body. Default 3 s. */
  timeoutMs?: number;
  /** Largest answer body accepted. Default 1 MiB. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Default: `sharedUpstreamClient()`. */
  client?: UpstreamClient;
}

export interface AgentAnswer {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type AgentRequestFailureKind = UpstreamFailureKind | 'too-large';

export interface AgentRequestFailure {
  ok: false;
  kind: AgentRequestFailureKind;
  /** Human and secret-free: never built from an error's message. */
  error: string;
}

export type AgentReply = AgentAnswer | AgentRequestFailure;

function describeDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** A failure of the shared mapping, said about one agent address. */
function sayAt({ kind, problem, code }: UpstreamFailure, where: string): string {
  switch (kind) {
    case 'refused':
      return `connection refused on ${where}`;
    case 'reset':
      return `connection reset by ${where}`;
    case 'invalid-response':
      return `${where} did not answer HTTP`;
    case 'bad-request':
      return `cannot build a request to ${where} (invalid path or token characters)`;
    case 'aborted':
      return 'request cancelled';
    case 'network':
      return `cannot reach ${where}${code === undefined ? '' : ` (${code})`}`;
    default:
      return problem;
  }
}

/**
 * One request to an agent with its bearer, for our own use (health probes,
 * answers posted to an agent): no redirects followed, a total deadline, a
 * bounded body read into memory, a reset pooled socket retried once for a
 * bodyless GET/HEAD. Never rejects: a failure is `{ ok: false, kind, error }`.
 *
 *     const reply = await requestAgent(endpoint, { method: 'POST', route: '/v1/answer', body, headers: { 'content-type': 'application/json' } });
 *     if (reply.ok && reply.status === 200) …
 */
export function requestAgent(endpoint: AgentEndpoint, options: AgentRequestOptions): Promise<AgentReply> {
  return new Promise<AgentReply>((resolve) => new BoundedRequest(endpoint, options, resolve).start());
}

class BoundedRequest implements Dispatcher.DispatchHandler {
  readonly #client: UpstreamClient;
  readonly #dispatcher: Dispatcher;
  readonly #options: Dispatcher.DispatchOptions;
  readonly #where: string;
  readonly #maxBytes: number;
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #resolve: (reply: AgentReply) => void;
  readonly #replayable: boolean;
  #timer: NodeJS.Timeout | undefined;
  #abort: ((error?: Error) => void) | undefined;
  #settled = false;
  #retried = false;
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(endpoint: AgentEndpoint, options: AgentRequestOptions, resolve: (reply: AgentReply) => void) {
    const target = agentTarget(endpoint);
    const method = options.method ?? 'GET';
    this.#client = options.client ?? sharedUpstreamClient();
    this.#where = target.hostHeader;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#signal = options.signal;
    this.#resolve = resolve;
    this.#replayable = isReplayable(method, options.body !== undefined && options.body.length > 0);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (name.toLowerCase() !== 'authorization') headers[name] = value;
    }
    headers.authorization = target.authorization;
    this.#options = { method, path: `${endpoint.basePath}${options.route}`, headers, body: options.body ?? null };
    this.#dispatcher = this.#client.pool(target.origin);
  }

  start(): void {
    if (this.#signal?.aborted) return this.#fail('aborted', 'request cancelled');
    this.#signal?.addEventListener('abort', this.#onSignal, { once: true });
    this.#timer = setTimeout(() => this.#fail('timeout', `no answer within ${describeDuration(this.#timeoutMs)}`), this.#timeoutMs);
    this.#dispatcher.dispatch(this.#options, this);
  }

  onConnect(abort: (error?: Error) => void): void {
    // Settled while waiting for a socket (deadline, cancel): end it as soon as it has one.
    if (this.#settled) abort();
    else this.#abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true;
    this.#status = statusCode;
    this.#headers = headersFromRaw(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      this.#fail('too-large', `answer from ${this.#where} larger than ${describeBytes(this.#maxBytes)}`);
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.#settle({ ok: true, status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks) });
  }

  onError(error: Error): void {
    if (this.#settled) return;
    const failure = this.#client.describe(error);
    const kind = failure.kind;
    if (kind === 'reset' && this.#replayable && !this.#retried && this.#status === 0) {
      this.#retried = true;
      this.#abort = undefined;
      // Out of undici's error handling for the failed request.
      process.nextTick(() => this.#dispatcher.dispatch(this.#options, this));
      return;
    }
    this.#settle({ ok: false, kind, error: sayAt(failure, this.#where) });
  }

  readonly #onSignal = (): void => this.#fail('aborted', 'request cancelled');

  #fail(kind: AgentRequestFailureKind, error: string): void {
    if (this.#settled) return;
    this.#settle({ ok: false, kind, error });
    this.#abort?.();
  }

  #settle(reply: AgentReply): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onSignal);
    this.#chunks = [];
    this.#resolve(reply);
  }
}
