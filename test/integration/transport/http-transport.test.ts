import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { DeskApi } from '../../../preload/contract.js';
import { describeDeskContract } from './desk-contract-suite.js';

// The renderer's transport is typed against the DOM (renderer/tsconfig.json); this test lives in
// the Node program, so it loads the real modules by path and names only what it uses.
interface StreamSource {
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}
const rendererApi = '../../../renderer/api/http-desk-api.js';
const eventSourceHelper = '../../renderer/helpers/fetch-event-source.js';
const { HttpDeskApi } = (await import(rendererApi)) as {
  HttpDeskApi: new (options: { baseUrl: string; fetch: typeof fetch; createEventSource(url: string): StreamSource; retryDelayMs: number }) => DeskApi & { close(): void };
};
const { FetchEventSource } = (await import(eventSourceHelper)) as {
  FetchEventSource: new (url: string, retryMs: number, fetchImpl: typeof fetch) => StreamSource;
};

/**
 * The HTTP transport: the renderer's HttpDeskApi against a real desk in browser mode, through
 * the gateway, logged in the way a browser is — the single-use desk login link, then the
 * session cookie on every call, the desk Origin on unsafe methods and same-origin fetch
 * metadata. `*.localhost` resolves to 127.0.0.1 here as it does in Chromium. Same contract
 * suite as the IPC transport (ipc-transport.test.ts).
 */
describeDeskContract('HTTP + SSE (through the gateway, logged in)', {
  mode: 'browser',
  async connect(desk) {
    const port = desk.gateway.port;
    const deskOrigin = `http://desk.localhost:${port}`;
    const wire: string[] = [];
    let cookie = '';
    // fetch as a browser on this machine does it: `*.localhost` is 127.0.0.1, the Host names the desk.
    const loopbackFetch = (url: string, init: RequestInit, extra: Record<string, string>): Promise<Response> =>
      new Promise((resolve, reject) => {
        const target = new URL(url);
        const headers: Record<string, string> = { host: target.host, ...extra };
        new Headers(init.headers).forEach((value, name) => (headers[name] = value));
        const req = request({ host: '127.0.0.1', port: Number(target.port), path: target.pathname + target.search, method: init.method ?? 'GET', headers }, (res) => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
          }
          const empty = res.statusCode === 204 || res.statusCode === 304 || (res.statusCode ?? 0) < 200;
          resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status: res.statusCode ?? 0, headers: responseHeaders }));
        });
        init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
        req.on('error', reject);
        req.end(typeof init.body === 'string' ? init.body : undefined);
      });
    const login = await loopbackFetch(desk.gateway.deskLoginUrl(), {}, { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
    await login.body?.cancel();
    cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    if (!cookie) throw new Error(`the desk login link set no cookie (status ${login.status})`);
    const deskFetch: typeof fetch = async (input, init = {}) => {
      const extra: Record<string, string> = { cookie, 'sec-fetch-site': 'same-origin' };
      if (init.method && init.method !== 'GET' && init.method !== 'HEAD') extra.origin = deskOrigin;
      const response = await loopbackFetch(String(input), init, extra);
      if (!String(response.headers.get('content-type')).includes('event-stream')) wire.push(await response.clone().text());
      return response;
    };
    const sources: StreamSource[] = [];
    const api = new HttpDeskApi({
      baseUrl: deskOrigin,
      fetch: deskFetch,
      createEventSource: (url) => {
        const source = new FetchEventSource(url, 30, deskFetch);
        source.addEventListener('settings:changed', (event) => wire.push(event.data));
        sources.push(source);
        return source;
      },
      retryDelayMs: 50,
    });
    return {
      api,
      wire: () => wire.join('\n'),
      close: async () => {
        api.close();
        for (const source of sources) source.close();
      },
    };
  },
});
