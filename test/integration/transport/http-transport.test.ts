import { Agent, fetch as undiciFetch } from 'undici';
import { HttpDeskApi } from '../../../renderer/api/http-desk-api.js';
import { FetchEventSource } from '../../renderer/helpers/fetch-event-source.js';
import { describeDeskContract } from './desk-contract-suite.js';

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
    const dispatcher = new Agent({ connect: { lookup: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]) } });
    const deskOrigin = `http://desk.localhost:${desk.gateway.port}`;
    const login = await undiciFetch(desk.gateway.deskLoginUrl(), { dispatcher, redirect: 'manual', headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0];
    if (!cookie) throw new Error(`the desk login link set no cookie (status ${login.status})`);
    const wire: string[] = [];
    const deskFetch: typeof fetch = async (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      headers.set('sec-fetch-site', 'same-origin');
      if (init.method && init.method !== 'GET' && init.method !== 'HEAD') headers.set('origin', deskOrigin);
      const response = await undiciFetch(String(input), { ...(init as object), headers, dispatcher });
      const copy = response.clone();
      if (!String(copy.headers.get('content-type')).includes('event-stream')) wire.push(await copy.text());
      return response as unknown as Response;
    };
    const sources: FetchEventSource[] = [];
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
        await dispatcher.close();
      },
    };
  },
});
