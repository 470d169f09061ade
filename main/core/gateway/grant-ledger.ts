/** How many outstanding grants each minter may hold (docs/security.md, "Grants cannot be flooded away"). */
export interface GrantLimits {
  /** Grants per agent minted by the desk or the agent's own session; past it that agent's oldest go. */
  perAgent: number;
  /** Widget links per agent whose grants and allowance are remembered; past it that agent's oldest link is forgotten. */
  linksPerAgent: number;
  /** Grants one widget link may mint per `linkWindowMs`. */
  linkMints: number;
  linkWindowMs: number;
}

export const DEFAULT_GRANT_LIMITS: GrantLimits = { perAgent: 64, linksPerAgent: 64, linkMints: 5, linkWindowMs: 60_000 };

interface Share {
  /** jti → exp, in mint order. */
  readonly grants: Map<string, number>;
  /** Mint times inside the window (widget links only). */
  mints: number[];
}

interface AgentShares {
  readonly own: Share;
  /** Link id → its share, in first-use order. */
  readonly links: Map<string, Share>;
}

interface Entry {
  readonly exp: number;
  readonly share: Share;
}

const newShare = (): Share => ({ grants: new Map(), mints: [] });

/**
 * Which grants are outstanding (minted, unused), split into shares: one per
 * agent for what the desk or the agent's session mints, one per widget link.
 * A share that overflows drops its own oldest grant, so a flood from one
 * agent or one link can only evict its own grants, never another's. Memory
 * stays bounded by agents × (perAgent + linksPerAgent × linkMints).
 */
export class GrantLedger {
  readonly #limits: GrantLimits;
  /** jti → where it is kept; Map order is mint order. */
  readonly #entries = new Map<string, Entry>();
  readonly #agents = new Map<string, AgentShares>();

  constructor(limits: Partial<GrantLimits> = {}) {
    this.#limits = { ...DEFAULT_GRANT_LIMITS, ...limits };
  }

  /** Milliseconds until `link` of `agent` may mint again; 0 when it may now. */
  linkWaitMs(agent: string, link: string, now: number): number {
    const share = this.#agents.get(agent)?.links.get(link);
    if (share === undefined) return 0;
    share.mints = share.mints.filter((at) => now - at < this.#limits.linkWindowMs);
    if (share.mints.length < this.#limits.linkMints) return 0;
    return share.mints[0]! + this.#limits.linkWindowMs - now;
  }

  /** Records a minted grant; `link` when a widget link minted it (the caller checked `linkWaitMs`). */
  add(jti: string, exp: number, agent: string, link: string | undefined, now: number): void {
    this.#prune(now);
    let shares = this.#agents.get(agent);
    if (shares === undefined) {
      shares = { own: newShare(), links: new Map() };
      this.#agents.set(agent, shares);
    }
    const share = link === undefined ? shares.own : this.#linkShare(shares, link);
    if (link !== undefined) share.mints.push(now);
    share.grants.set(jti, exp);
    this.#entries.set(jti, { exp, share });
    const cap = link === undefined ? this.#limits.perAgent : this.#limits.linkMints;
    while (share.grants.size > cap) this.#forget(share.grants.keys().next().value!);
  }

  /** Removes and reports whether `jti` was outstanding: each grant is taken once. */
  take(jti: string): boolean {
    if (!this.#entries.has(jti)) return false;
    this.#forget(jti);
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#agents.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #linkShare(shares: AgentShares, link: string): Share {
    const existing = shares.links.get(link);
    if (existing !== undefined) return existing;
    const share = newShare();
    shares.links.set(link, share);
    while (shares.links.size > this.#limits.linksPerAgent) {
      const [oldest, dropped] = shares.links.entries().next().value!;
      for (const jti of [...dropped.grants.keys()]) this.#forget(jti);
      shares.links.delete(oldest);
    }
    return share;
  }

  #forget(jti: string): void {
    const entry = this.#entries.get(jti);
    if (entry === undefined) return;
    this.#entries.delete(jti);
    entry.share.grants.delete(jti);
  }

  /** Drops expired grants, and agents and links with nothing left to remember. */
  #prune(now: number): void {
    for (const [jti, entry] of this.#entries) {
      if (entry.exp > now) break; // mint order ≈ expiry order (TTLs are capped equally)
      this.#forget(jti);
    }
    for (const [agent, shares] of this.#agents) {
      for (const [link, share] of shares.links) {
        if (share.grants.size === 0 && share.mints.every((at) => now - at >= this.#limits.linkWindowMs)) shares.links.delete(link);
      }
      if (shares.own.grants.size === 0 && shares.links.size === 0) this.#agents.delete(agent);
    }
  }
}
