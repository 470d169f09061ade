import { StringDecoder } from 'node:string_decoder';

const MAX_LINE_CHARS = 4_000;

/**
 * Turns a byte stream into lines (`\n`, `\r\n` and a bare `\r` — progress bars
 * redraw with it — all end one). Over-long lines are cut, never buffered
 * without bound.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #onLine: (line: string) => void;
  #partial = '';

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(chunk: Buffer | string): void {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    const parts = text.split(/\r\n|\n|\r/);
    this.#partial = parts.pop() ?? '';
    for (const line of parts) this.#onLine(line.slice(0, MAX_LINE_CHARS));
    if (this.#partial.length > MAX_LINE_CHARS) {
      this.#onLine(this.#partial.slice(0, MAX_LINE_CHARS));
      this.#partial = '';
    }
  }

  end(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    if (rest !== '') this.#onLine(rest.slice(0, MAX_LINE_CHARS));
  }
}
