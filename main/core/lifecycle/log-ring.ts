export type LogSource = 'command' | 'container';

/** One stored log line; `text` is already scrubbed. */
export interface LogLine {
  /** Epoch milliseconds. */
  at: number;
  source: LogSource;
  text: string;
}

export interface LogRingLimits {
  maxLines: number;
  maxChars: number;
}

export const DEFAULT_LOG_LIMITS: LogRingLimits = { maxLines: 1_000, maxChars: 256 * 1024 };

/** The newest lines of one agent's log, capped by count and by characters. */
export class LogRing {
  readonly #limits: LogRingLimits;
  #lines: LogLine[] = [];
  #start = 0;
  #chars = 0;

  constructor(limits: LogRingLimits = DEFAULT_LOG_LIMITS) {
    this.#limits = limits;
  }

  push(line: LogLine): void {
    this.#lines.push(line);
    this.#chars += line.text.length;
    while (this.size > this.#limits.maxLines || (this.#chars > this.#limits.maxChars && this.size > 1)) {
      this.#chars -= this.#lines[this.#start]!.text.length;
      this.#start += 1;
    }
    // Compact now and then instead of shifting on every line.
    if (this.#start > 1024 && this.#start * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#start);
      this.#start = 0;
    }
  }

  get size(): number {
    return this.#lines.length - this.#start;
  }

  list(): LogLine[] {
    return this.#lines.slice(this.#start);
  }
}
