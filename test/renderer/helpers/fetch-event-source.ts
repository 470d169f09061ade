import type { EventSourceLike } from '../../../renderer/api/http-desk-api.js';

/**
 * A small EventSource over fetch for Node tests (Node 20 has none): it reads
 * a real `text/event-stream`, dispatches named events, and follows the
 * browser's rules: a non-2xx answer fails the connection for good (readyState
 * 2, error); a stream that breaks after opening is retried (readyState 0,
 * error, then a new request after `retryMs`).
 */
export class FetchEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly #listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  readonly #abort = new AbortController();

  constructor(
    readonly url: string,
    readonly retryMs = 30,
    /** The fetch to read the stream with (a test may add the desk's session cookie). */
    readonly fetchImpl: typeof fetch = fetch,
  ) {
    void this.#run();
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = 2;
    this.#abort.abort();
  }

  async #run(): Promise<void> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.#abort.signal });
    } catch {
      return this.#broken();
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      this.readyState = 2;
      this.onerror?.(new Event('error'));
      return;
    }
    try {
      this.readyState = 1;
      this.onopen?.(new Event('open'));
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          this.#dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // broken below
    }
    this.#broken();
  }

  #broken(): void {
    if (this.#abort.signal.aborted) return;
    this.readyState = 0;
    this.onerror?.(new Event('error'));
    setTimeout(() => {
      if (!this.#abort.signal.aborted) void this.#run();
    }, this.retryMs);
  }

  #dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    const event = new MessageEvent<string>(type, { data: data.join('\n') });
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}
