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
  /** Most sessions of one kind for one agent (its page's, or its widgets'); that share's oldest go first. Default 1,000. */
  maxSessionsPerAgent?: number;
}

/**
 * Server-side sessions keyed by a random 256-bit id (the cookie value). The
 * cookie carries no meaning of its own: a tampered or unknown value is simply
 * absent. Size is capped, so a loop that logs in forever cannot grow memory;
 * and each agent's sessions (its page's, its widgets') form a share capped
 * below the total, so one agent turning grants into sessions in a loop pushes
 * out only its own of that kind, never another agent's.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #idleTtl: number;
  readonly #maxAge: number;
  readonly #max: number;
  readonly #maxPerShare: number;
  /** `<kind> <agentId>` → that share's session ids, in creation order. */
  readonly #shares = new Map<string, Set<string>>();

  constructor(options: SessionStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#idleTtl = options.idleTtlMs ?? 12 * 3600_000;
    this.#maxAge = options.maxAgeMs ?? 7 * 24 * 3600_000;
    this.#max = options.maxSessions ?? 10_000;
    this.#maxPerShare = options.maxSessionsPerAgent ?? 1_000;
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
    const key = shareOf(session);
    const share = this.#shares.get(key) ?? new Set<string>();
    this.#shares.set(key, share.add(session.id));
    while (share.size > this.#maxPerShare) this.revoke(share.values().next().value!);
    while (this.#sessions.size > this.#max) this.revoke(this.#sessions.keys().next().value!);
    return session;
  }

  /** The live session with this id for this host, refreshing its idle timer; else undefined. */
  get(id: string | undefined, host: string): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined || session.host !== host) return undefined;
    const now = this.#now();
    if (now - session.lastSeenAt >= this.#idleTtl || now - session.createdAt >= this.#maxAge) {
      this.revoke(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  revoke(id: string): void {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    const key = shareOf(session);
    const share = this.#shares.get(key);
    share?.delete(id);
    if (share?.size === 0) this.#shares.delete(key);
  }

  /** Revokes every session of an agent (its own host and its widgets'); returns how many. */
  revokeAgent(agentId: string): number {
    let count = 0;
    for (const [id, session] of this.#sessions) {
      if (session.agentId === agentId && session.kind !== 'desk') {
        this.revoke(id);
        count++;
      }
    }
    return count;
  }

  revokeHost(host: string): number {
    let count = 0;
    for (const [id, session] of this.#sessions) {
      if (session.host === host) {
        this.revoke(id);
        count++;
      }
    }
    return count;
  }

  revokeAll(): void {
    this.#sessions.clear();
    this.#shares.clear();
  }

  get size(): number {
    return this.#sessions.size;
  }
}

const shareOf = (session: Session): string => `${session.kind} ${session.agentId}`;
