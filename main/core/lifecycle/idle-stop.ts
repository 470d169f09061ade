/** One agent as idle stop sees it. */
export interface IdleCandidate {
  id: string;
  /** Health says online (an agent that is down has nothing to stop). */
  online: boolean;
  /** Its root has a stop command and none of its commands is running. */
  stoppable: boolean;
  activeRuns: number;
  /** Epoch ms of the last request the gateway proxied to it, this run. */
  lastRequestAt: number | undefined;
  /** Epoch ms since when idle stop has seen it online without a break. */
  onlineSince: number;
}

/**
 * The agents to stop now: online, stoppable, no active run, and neither a
 * proxied request nor its coming online within `idleMs`. Pure, so the rule
 * is tested without clocks; 0 turns idle stop off.
 */
export function idleAgents(candidates: readonly IdleCandidate[], now: number, idleMs: number): string[] {
  if (idleMs <= 0) return [];
  return candidates
    .filter((agent) => agent.online && agent.stoppable && agent.activeRuns === 0)
    .filter((agent) => now - Math.max(agent.lastRequestAt ?? 0, agent.onlineSince) >= idleMs)
    .map((agent) => agent.id);
}

export interface IdleStopperOptions {
  agents(): ReadonlyArray<{ id: string; health: { status: string }; sessions: { activeRuns: number } }>;
  /** Whether the agent's root can stop it and nothing of it runs now. */
  stoppable(id: string): boolean;
  lastRequestAt(id: string): number | undefined;
  /** The setting, read at each check (0 = off). */
  minutes(): number;
  stop(id: string): void;
  log?(line: string): void;
  now?(): number;
  /** How often to look (default 30 s). */
  checkMs?: number;
  /** Length of a "minute" (tests shorten it; default 60 000). */
  minuteMs?: number;
}

/** Stops agents idle for the set minutes (off by default), checking on a timer it owns. */
export class IdleStopper {
  readonly #options: IdleStopperOptions;
  readonly #onlineSince = new Map<string, number>();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(options: IdleStopperOptions) {
    this.#options = options;
    this.#timer = setInterval(() => this.check(), options.checkMs ?? 30_000);
    this.#timer.unref();
  }

  /** One look: remembers who is online since when, and stops the idle ones. */
  check(): void {
    const now = this.#options.now?.() ?? Date.now();
    const candidates: IdleCandidate[] = [];
    const seen = new Set<string>();
    for (const agent of this.#options.agents()) {
      const online = agent.health.status === 'online';
      if (!online) continue;
      seen.add(agent.id);
      if (!this.#onlineSince.has(agent.id)) this.#onlineSince.set(agent.id, now);
      candidates.push({
        id: agent.id,
        online,
        stoppable: this.#options.stoppable(agent.id),
        activeRuns: agent.sessions.activeRuns,
        lastRequestAt: this.#options.lastRequestAt(agent.id),
        onlineSince: this.#onlineSince.get(agent.id)!,
      });
    }
    // Down (or gone) since the last look: its next time online starts a fresh count.
    for (const id of [...this.#onlineSince.keys()]) if (!seen.has(id)) this.#onlineSince.delete(id);
    const minutes = this.#options.minutes();
    for (const id of idleAgents(candidates, now, minutes * (this.#options.minuteMs ?? 60_000))) {
      this.#options.log?.(`idle stop: ${id} had no requests and no active runs for ${minutes} min; stopping it`);
      try {
        this.#options.stop(id);
      } catch (error) {
        this.#options.log?.(`idle stop: could not stop ${id}: ${(error as Error).message}`);
      }
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#onlineSince.clear();
  }
}
