import { randomBytes } from 'node:crypto';

export interface Session {
  readonly id: string;
  /** The exact `<label>.localhost:PORT` host it was minted for. */
  readonly host: string;
  readonly kind: 'desk' | 'agent' | 'widget';
  /** Agent id for agent/widget sessions; empty for the desk. */
  readonly agentId: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionStoreOptions {
  now?: () => number;
  /** A session unused this long is gone. Default 12 h. */
  idleTtlMs?: number;
  /** Hard lifetime whatever the use. Default 7 days. */
  maxAgeMs?: number;
  /** Most sessions kept; the least recently created go first. Default 10,000. */
  maxSessions?: number;
}

/**
 * Server-side sessions keyed by a random 256-bit id (the cookie value). The
 * cookie carries no meaning of its own: a tampered or unknown value is simply
 * absent. Size is capped, so a loop that logs in forever cannot grow memory.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #idleTtl: number;
  readonly #maxAge: number;
  readonly #max: number;

  constructor(options: SessionStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#idleTtl = options.idleTtlMs ?? 12 * 3600_000;
    this.#maxAge = options.maxAgeMs ?? 7 * 24 * 3600_000;
    this.#max = options.maxSessions ?? 10_000;
  }

  create(host: string, kind: Session['kind'], agentId: string): Session {
    const now = this.#now();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      host,
      kind,
      agentId,
      createdAt: now,
      lastSeenAt: now,
    };
    this.#sessions.set(session.id, session);
    while (this.#sessions.size > this.#max) {
      this.#sessions.delete(this.#sessions.keys().next().value!);
    }
    return session;
  }

  /** The live session with this id for this host, refreshing its idle timer; else undefined. */
  get(id: string | undefined, host: string): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined || session.host !== host) return undefined;
    const now = this.#now();
    if (now - session.lastSeenAt >= this.#idleTtl || now - session.createdAt >= this.#maxAge) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  revoke(id: string): void {
    this.#sessions.delete(id);
  }

  /** Revokes every session of an agent (its own host and its widgets'); returns how many. */
  revokeAgent(agentId: string): number {
    let count = 0;
    for (const [id, session] of this.#sessions) {
      if (session.agentId === agentId && session.kind !== 'desk') {
        this.#sessions.delete(id);
        count++;
      }
    }
    return count;
  }

  revokeHost(host: string): number {
    let count = 0;
    for (const [id, session] of this.#sessions) {
      if (session.host === host) {
        this.#sessions.delete(id);
        count++;
      }
    }
    return count;
  }

  revokeAll(): void {
    this.#sessions.clear();
  }

  get size(): number {
    return this.#sessions.size;
  }
}
