import type { ClientRequest } from 'node:http';

/**
 * Response-header deadlines for upstream requests, without a timer or
 * listeners per request (the hot path): each request is one Map entry, and
 * one unref'd sweeper destroys those still waiting past their deadline. Map
 * order is start order and the timeout is fixed, so the sweep stops at the
 * first entry still in time. Precision is the sweep period (≤ 1 s).
 */
export class ResponseDeadlines {
  readonly #timeoutMs: number;
  readonly #sweepMs: number;
  readonly #now: () => number;
  readonly #onExpire: (request: ClientRequest) => void;
  readonly #waiting = new Map<ClientRequest, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(timeoutMs: number, onExpire: (request: ClientRequest) => void, now: () => number = Date.now) {
    this.#timeoutMs = timeoutMs;
    this.#sweepMs = Math.min(1_000, Math.max(10, Math.floor(timeoutMs / 4)));
    this.#onExpire = onExpire;
    this.#now = now;
  }

  start(request: ClientRequest): void {
    this.#waiting.set(request, this.#now() + this.#timeoutMs);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#sweep(), this.#sweepMs);
      this.#timer.unref();
    }
  }

  /** Headers arrived (or the request ended another way): no deadline any more. */
  done(request: ClientRequest | undefined): void {
    if (request !== undefined) this.#waiting.delete(request);
  }

  get size(): number {
    return this.#waiting.size;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#waiting.clear();
  }

  #sweep(): void {
    if (this.#waiting.size === 0) {
      // Idle: stop waking up until the next request.
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    const now = this.#now();
    for (const [request, deadline] of this.#waiting) {
      if (request.destroyed) {
        this.#waiting.delete(request);
        continue;
      }
      if (deadline > now) break;
      this.#waiting.delete(request);
      this.#onExpire(request);
    }
  }
}
