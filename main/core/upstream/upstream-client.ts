import type { Pool } from 'undici';
import { lazyModule } from '../lazy-module.js';
import { describeUpstreamError, type UpstreamDeadlines, type UpstreamFailure } from './upstream-errors.js';

/** Loaded with the first pool: a desk with no agent never needs it. */
const undici = lazyModule('undici');

export const CONNECT_TIMEOUT_MS = 5_000;
export const RESPONSE_HEADER_TIMEOUT_MS = 30_000;
/** Idle pooled sockets close after this at the latest (sooner if the agent's `Keep-Alive` hint says so; agents' servers usually keep 5 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 4_000;

export interface UpstreamClientOptions {
  /** Deadline for a TCP connection to the agent. Default 5 s. */
  connectTimeoutMs?: number;
  /** Deadline for the response head once the request is sent. Default 30 s. */
  headersTimeoutMs?: number;
}

/** Summed over every pool: what a leak check reads. */
export interface UpstreamStats {
  /** Upstream sockets open. */
  connected: number;
  /** Open sockets with no request on them. */
  free: number;
  /** Requests sent and not finished. */
  running: number;
  /** Requests waiting for a socket. */
  pending: number;
}

/**
 * The client side of every request to an agent: one undici `Pool` per
 * agent origin, created on first use, with keep-alive and no pipelining
 * (one request at a time per socket, so a slow answer never holds up
 * another). Deadlines: connect (default 5 s), response head (default 30 s,
 * counted from the request being sent), none on the body — an SSE stream
 * may stay quiet for as long as it likes.
 *
 * No cap on connections per pool: a socket carrying an SSE stream stays
 * busy for hours, so a cap would queue every later request behind open
 * streams. Each upstream socket serves one client connection at a time,
 * so the gateway's own connection cap bounds it.
 *
 * Owned by whoever creates it (the gateway, or `sharedUpstreamClient` for
 * health probes), which calls `close()`. Idle sockets do not keep the
 * process alive.
 */
export class UpstreamClient {
  readonly deadlines: UpstreamDeadlines;
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: UpstreamClientOptions = {}) {
    this.deadlines = {
      connectMs: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      headersMs: options.headersTimeoutMs ?? RESPONSE_HEADER_TIMEOUT_MS,
    };
  }

  /** The pool for an origin (`http://127.0.0.1:PORT`, from `agentTarget`). Throws once closed. */
  pool(origin: string): Pool {
    const existing = this.#pools.get(origin);
    if (existing !== undefined) return existing;
    if (this.#closed) throw new Error('the upstream client is closed');
    const pool = new (undici().Pool)(origin, {
      connections: null,
      pipelining: 1,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // An agent's `Keep-Alive: timeout=N` hint would otherwise keep idle sockets up to 10 min
      // (undici's default cap); a Node server's 65 s held 1,000 idle ones after a burst of streams.
      keepAliveMaxTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectTimeout: this.deadlines.connectMs,
      headersTimeout: this.deadlines.headersMs,
      bodyTimeout: 0,
    });
    this.#pools.set(origin, pool);
    return pool;
  }

  /** Closes an origin's pool (its agent went away or moved); requests still on it are ended. */
  forget(origin: string): void {
    const pool = this.#pools.get(origin);
    if (pool === undefined) return;
    this.#pools.delete(origin);
    pool.destroy().catch(() => {});
  }

  describe(error: unknown): UpstreamFailure {
    return describeUpstreamError(error, this.deadlines);
  }

  stats(): UpstreamStats {
    const total: UpstreamStats = { connected: 0, free: 0, running: 0, pending: 0 };
    for (const pool of this.#pools.values()) {
      const stats = pool.stats;
      total.connected += stats.connected;
      total.free += stats.free;
      total.running += stats.running;
      total.pending += stats.pending;
    }
    return total;
  }

  /** Destroys every pooled and in-use upstream socket; requests in flight fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => {})));
  }
}

let shared: UpstreamClient | undefined;

/**
 * The process-wide client for short requests of our own (health probes,
 * answers posted to agents): default deadlines, pooled sockets that close
 * when idle. The gateway's proxied traffic has its own client, closed with it.
 */
export function sharedUpstreamClient(): UpstreamClient {
  shared ??= new UpstreamClient();
  return shared;
}
