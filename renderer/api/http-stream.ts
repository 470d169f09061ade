import type { DeskErrorBody, StreamChannel, StreamChunk, StreamObserver, StreamRequest } from '../../preload/contract.js';
import { streamRequestFor } from '../../preload/contract/rest-routes.js';
import { SseParser } from './sse-parser.js';

export interface HttpStreamOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Headers every desk request carries (e.g. credentials). */
  headers?: () => Record<string, string>;
}

type StreamError = DeskErrorBody['error'];

/** The desk's `{error: {code, message}}`, or a plain one for an answer without it. */
export function errorOfAnswer(body: unknown, response: Response): StreamError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : `The desk answered ${response.status} ${response.statusText}.`.replace(' .', '.');
  return { code, message };
}

/**
 * One contract stream over HTTP: a streamed `fetch` of the channel's route,
 * read as `chunk` events until the `end` event. A refusal is the desk's
 * JSON error; a connection that breaks before `end` ends the stream with
 * `unreachable`. The returned function aborts the request, which stops the
 * work on the desk.
 */
export function openHttpStream<C extends StreamChannel>(
  options: HttpStreamOptions,
  channel: C,
  request: StreamRequest<C>,
  observer: StreamObserver<StreamChunk<C>>,
): () => void {
  const route = streamRequestFor(channel, request);
  const abort = new AbortController();
  let done = false;
  const finish = (error?: StreamError): void => {
    if (done) return;
    done = true;
    observer.end(error);
  };
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers?.() };
  const init: RequestInit = { method: route.method, headers, credentials: 'same-origin', cache: 'no-store', signal: abort.signal };
  if (route.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(route.body);
  }
  const read = async (): Promise<void> => {
    const response = await options.fetch(`${options.baseUrl}${route.path}`, init);
    if (!response.ok || response.body === null) {
      const text = await response.text().catch(() => '');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return finish(errorOfAnswer(body, response));
    }
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    while (!done) {
      const { done: eof, value } = await reader.read();
      if (eof) break;
      for (const message of parser.push(decoder.decode(value, { stream: true }))) {
        if (done) break;
        const data = JSON.parse(message.data) as unknown;
        if (message.event === 'chunk') observer.chunk(data as StreamChunk<C>);
        else if (message.event === 'end') finish((data as Partial<DeskErrorBody>).error);
      }
    }
    if (done) await reader.cancel().catch(() => undefined);
    else finish({ code: 'unreachable', message: 'The desk closed the stream before its end.' });
  };
  read().catch(() => {
    if (!abort.signal.aborted) finish({ code: 'unreachable', message: 'The desk did not answer. Is agent-desk still running?' });
  });
  return () => {
    if (done) return;
    done = true;
    abort.abort();
  };
}
