import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { DeskApi } from '../../../preload/contract.js';
import { describeDeskContract } from './desk-contract-suite.js';

// The renderer's transport is typed against the DOM (renderer/tsconfig.json); this test lives in
// the Node program, so it loads the real modules by path and names only what it uses.
const rendererApi = '../../../renderer/api/http-desk-api.js';
const { HttpDeskApi } = (await import(rendererApi)) as {
  HttpDeskApi: new (options: { baseUrl: string; fetch: typeof fetch; token(): string | null; retryDelayMs: number }) => DeskApi & { close(): void };
};

/**
 * The HTTP transport: the renderer's HttpDeskApi against a real desk in browser mode, through
 * the gateway, logged in the way a browser is — the single-use desk login link, whose redirect
 * hands over the desk token in its fragment, then that bearer on every call and on the event
 * stream, the desk Origin on unsafe methods and same-origin fetch metadata. `*.localhost` resolves to 127.0.0.1 here as it does in Chromium. Same contract
 * suite as the IPC transport (ipc-transport.test.ts).
 */
describeDeskContract('HTTP + SSE (through the gateway, logged in)', {
  mode: 'browser',
  async connect(desk) {
    const port = desk.gateway.port;
    const deskOrigin = `http://desk.localhost:${port}`;
    const wire: string[] = [];
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
    const token = /#desk-token=([A-Za-z0-9_-]{43})$/.exec(login.headers.get('location') ?? '')?.[1];
    if (!token) throw new Error(`the desk login link handed over no token (status ${login.status})`);
    const deskFetch: typeof fetch = async (input, init = {}) => {
      const extra: Record<string, string> = { 'sec-fetch-site': 'same-origin' };
      if (init.method && init.method !== 'GET' && init.method !== 'HEAD') extra.origin = deskOrigin;
      const response = await loopbackFetch(String(input), init, extra);
      const copy = response.clone();
      if (!String(response.headers.get('content-type')).includes('event-stream')) wire.push(await copy.text());
      else void copy.body?.pipeTo(new WritableStream({ write: (chunk: Uint8Array) => void wire.push(Buffer.from(chunk).toString()) })).catch(() => undefined);
      return response;
    };
    const api = new HttpDeskApi({ baseUrl: deskOrigin, fetch: deskFetch, token: () => token, retryDelayMs: 50 });
    return {
      api,
      wire: () => wire.join('\n'),
      close: async () => {
        api.close();
      },
    };
  },
});
