/**
 * Bounds how many windows one source (an agent) may open in a sliding time
 * window. An agent page that is prompt-injected could otherwise navigate to
 * `{base}/widgets/<mount>/` in a loop and open hundreds of widget windows.
 */
export class OpenThrottle {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #recent = new Map<string, number[]>();

  constructor({ max = 5, windowMs = 10_000, now = Date.now }: { max?: number; windowMs?: number; now?: () => number } = {}) {
    this.#max = max;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Records an open for `key` and says whether it is allowed. */
  allow(key: string): boolean {
    const now = this.#now();
    const recent = (this.#recent.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length >= this.#max) {
      this.#recent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#recent.set(key, recent);
    return true;
  }

  forget(key: string): void {
    this.#recent.delete(key);
  }
}
