/**
 * When a poll wanted `delayMs` after `now` runs: the multiple of `alignMs`
 * nearest to the wanted time, and always after `now`. Every poller that
 * asks lands on the same grid, so the desk wakes once per tick for all of
 * them instead of once per agent.
 */
export function alignedDue(now: number, delayMs: number, alignMs: number): number {
  const due = Math.round((now + delayMs) / alignMs) * alignMs;
  return due > now ? due : due + Math.ceil((now - due + 1) / alignMs) * alignMs;
}

export type ScheduleRun = (delayMs: number, run: () => void) => () => void;

/**
 * One timer for every agent's next poll (ADR 0029). Twenty agents on twenty
 * timers wake the process twenty times per interval, each wake paying
 * Node's fixed cost of an event-loop turn, a socket write and a read alone;
 * on one grid their requests go out together and their answers come back
 * in the same turns (ADR 0029 has the figures).
 *
 * Owned by the attention center, which disposes it.
 */
export class PollClock {
  readonly #alignMs: number;
  readonly #now: () => number;
  readonly #due = new Map<number, Set<() => void>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDue = Infinity;
  #disposed = false;

  constructor(alignMs: number, now: () => number = () => performance.now()) {
    if (!(alignMs > 0)) throw new RangeError(`the poll clock's tick must be a positive number of ms, not ${alignMs}`);
    this.#alignMs = alignMs;
    this.#now = now;
  }

  /** Runs `run` on the tick nearest `delayMs` from now. Returns a cancel. */
  readonly after: ScheduleRun = (delayMs, run) => {
    if (this.#disposed) return () => undefined;
    const due = alignedDue(this.#now(), delayMs, this.#alignMs);
    const runs = this.#due.get(due) ?? new Set();
    // A wrapper per call, so one run scheduled twice is cancelled once.
    const entry = (): void => run();
    runs.add(entry);
    this.#due.set(due, runs);
    this.#arm();
    return () => {
      runs.delete(entry);
      if (runs.size === 0 && this.#due.get(due) === runs) this.#due.delete(due);
    };
  };

  /** Runs waiting for a tick (for tests and leak checks). */
  get waiting(): number {
    let count = 0;
    for (const runs of this.#due.values()) count += runs.size;
    return count;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due.clear();
  }

  #arm(): void {
    if (this.#disposed || this.#due.size === 0) return;
    const next = Math.min(...this.#due.keys());
    if (this.#timer !== undefined && this.#timerDue <= next) return;
    clearTimeout(this.#timer);
    this.#timerDue = next;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, next - this.#now()));
    this.#timer.unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerDue = Infinity;
    // Timers may fire a little early: a tick counts as come within a millisecond.
    const now = this.#now() + 1;
    const ready: (() => void)[] = [];
    for (const [due, runs] of this.#due) {
      if (due > now) continue;
      this.#due.delete(due);
      ready.push(...runs);
    }
    this.#arm();
    for (const run of ready) run();
  }
}
