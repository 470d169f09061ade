import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long a client may hold the gateway's sockets before it has shown a
 * credential, and how many it may hold at all (docs/security.md, "Bounded
 * connections"). Authenticated streams have no total timeout.
 */
export interface ConnectionLimits {
  /** From a connection's (or a keep-alive request's) first byte to the end of its headers. */
  headersTimeoutMs: number;
  /** To receive a request body the gateway answers itself (no valid session or desk bearer). */
  bodyTimeoutMs: number;
  /** Idle time between requests on a keep-alive connection (Node adds 1 s of grace). */
  keepAliveTimeoutMs: number;
  /** Open connections across all of the gateway's listeners; the next one gets a 503 and is closed. */
  maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_096,
};

/** Options for `http.createServer`: Node enforces the header and keep-alive timeouts itself. */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    // No total request timeout: an authenticated upload takes as long as it takes (bodies the gateway answers itself have bodyTimeoutMs).
    requestTimeout: 0,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks header deadlines on this interval (default 30 s): a quarter of the timeout, at most a second late.
    connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(limits.headersTimeoutMs / 4))),
    noDelay: true,
  };
}

/** A body is coming when the request says so; Node's `req.complete` is still false in the request handler either way. */
export function hasBody(headers: IncomingMessage['headers']): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const REFUSAL_BODY = 'The Agent Desk gateway has too many open connections; try again shortly.\n';
const REFUSAL =
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n' +
  `content-length: ${Buffer.byteLength(REFUSAL_BODY)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${REFUSAL_BODY}`;

/**
 * The connection cap (shared by every listener of one gateway) and the
 * deadline on unauthenticated request bodies. Owned by the gateway, which
 * calls `close()`.
 *
 * At the cap a newcomer takes the place of the oldest connection that has
 * never carried an authenticated request, so a flood of slow or idle
 * connections from other local processes cannot lock the user out (ADR 0030).
 * Only when every connection is authenticated is the newcomer refused.
 */
export class ConnectionBounds {
  readonly limits: ConnectionLimits;
  /** Open connections, oldest first (a Set keeps insertion order). */
  readonly #open = new Set<Socket>();
  /** Connections that have carried a request with a valid session or desk bearer. */
  readonly #trusted = new WeakSet<Socket>();
  readonly #refused = new WeakSet<Socket>();
  readonly #bodyDeadlines = new Map<IncomingMessage, NodeJS.Timeout>();

  constructor(limits: Partial<ConnectionLimits> = {}) {
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`connection limits: ${name} must be a positive integer (got ${String(value)})`);
    }
  }

  /** Counts the server's connections; past the cap the oldest unauthenticated one makes room, else the newcomer gets a 503 and is closed, never handled. */
  watch(server: Server): void {
    // Prepended: runs before Node's HTTP listener attaches its parser.
    server.prependListener('connection', (socket: Socket) => {
      if (this.#open.size >= this.limits.maxConnections && !this.#shedOldestUntrusted()) {
        this.#refused.add(socket);
        socket.on('error', () => socket.destroy());
        socket.end(REFUSAL);
        socket.destroySoon();
        return;
      }
      this.#open.add(socket);
      socket.once('close', () => this.#open.delete(socket));
    });
  }

  /** Closes the oldest connection that never authenticated; false when there is none. */
  #shedOldestUntrusted(): boolean {
    for (const socket of this.#open) {
      if (this.#trusted.has(socket)) continue;
      this.#open.delete(socket);
      socket.destroy();
      return true;
    }
    return false;
  }

  /** True for a connection refused by the cap: whatever it sends is ignored. */
  isRefused(socket: Socket): boolean {
    return this.#refused.has(socket);
  }

  /**
   * Called for every request: one that brings a body gets `bodyTimeoutMs` to
   * deliver it, unless `authenticated` lifts the deadline. Without it, a body
   * the gateway answered (say 401) without reading would be drained by Node
   * for as long as the client cares to trickle it.
   */
  armBodyDeadline(req: IncomingMessage): void {
    if (!hasBody(req.headers)) return;
    const timer = setTimeout(() => {
      this.#bodyDeadlines.delete(req);
      if (!req.complete) req.socket.destroy();
    }, this.limits.bodyTimeoutMs);
    timer.unref();
    this.#bodyDeadlines.set(req, timer);
    req.once('close', () => this.#clearBodyDeadline(req));
  }

  /**
   * The request carries a valid session or desk bearer: its body may take as
   * long as it takes, and its connection is never shed to make room.
   */
  authenticated(req: IncomingMessage): void {
    this.#trusted.add(req.socket);
    this.#clearBodyDeadline(req);
  }

  #clearBodyDeadline(req: IncomingMessage): void {
    const timer = this.#bodyDeadlines.get(req);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#bodyDeadlines.delete(req);
  }

  get openConnections(): number {
    return this.#open.size;
  }

  close(): void {
    for (const timer of this.#bodyDeadlines.values()) clearTimeout(timer);
    this.#bodyDeadlines.clear();
  }
}
