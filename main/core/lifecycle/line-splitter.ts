import { StringDecoder } from 'node:string_decoder';

/** Longest line handed on; the rest of a longer one is dropped. */
export const MAX_LINE_CHARS = 4_000;
/**
 * Longest unfinished line kept while waiting for its end. Well past
 * MAX_LINE_CHARS, so that a secret straddling the cut is whole when the line
 * is prepared (scrubbed), before it is cut.
 */
const MAX_BUFFERED_CHARS = 16_000;

/**
 * Turns a byte stream into lines (`\n`, `\r\n` and a bare `\r` — progress bars
 * redraw with it — all end one). Each whole line goes through `prepare` (the
 * scrubber) first and is cut to MAX_LINE_CHARS after, so a cut never splits a
 * secret the scrubber would have matched. An unfinished line past
 * MAX_BUFFERED_CHARS is handed on as it is and the rest of it, up to its end,
 * dropped: never buffered without bound, and never the tail of a cut secret
 * starting a line of its own.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #onLine: (line: string) => void;
  readonly #prepare: (line: string) => string;
  #partial = '';
  /** Dropping the rest of an over-long line, until its end. */
  #skipping = false;

  constructor(onLine: (line: string) => void, prepare: (line: string) => string = (line) => line) {
    this.#onLine = onLine;
    this.#prepare = prepare;
  }

  push(chunk: Buffer | string): void {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    const parts = text.split(/\r\n|\n|\r/);
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      if (this.#skipping) this.#skipping = false;
      else this.#emit(line);
    }
    if (this.#skipping) {
      this.#partial = '';
    } else if (this.#partial.length > MAX_BUFFERED_CHARS) {
      this.#emit(this.#partial);
      this.#partial = '';
      this.#skipping = true;
    }
  }

  end(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    if (rest !== '' && !this.#skipping) this.#emit(rest);
    this.#skipping = false;
  }

  #emit(line: string): void {
    this.#onLine(this.#prepare(line).slice(0, MAX_LINE_CHARS));
  }
}
