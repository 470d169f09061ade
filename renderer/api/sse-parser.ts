/** One dispatched Server-Sent Event. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * The event-stream format (WHATWG HTML §9.2) over text chunks as they
 * arrive: lines end in CRLF, LF or CR; `event:` and `data:` fields build a
 * message, a blank line dispatches it, `:` lines are comments, other fields
 * (`id`, `retry`) are ignored here. A message without data is not
 * dispatched, as in EventSource.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  /** A chunk ended in CR: a LF opening the next one belongs to that line end. */
  #skipLf = false;

  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.#skipLf && text.startsWith('\n')) text = text.slice(1);
    this.#skipLf = text.endsWith('\r');
    this.#buffer += text;
    const out: SseMessage[] = [];
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) this.#line(line, out);
    return out;
  }

  #line(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (this.#data.length > 0) out.push({ event: this.#event || 'message', data: this.#data.join('\n') });
      this.#event = '';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
  }
}
