import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../preload/contract.js';
import type { ConnectionState } from '../../renderer/api/connection.js';
import { DeskApiError } from '../../renderer/api/desk-api-error.js';
import { HttpDeskApi, UNAUTHENTICATED } from '../../renderer/api/http-desk-api.js';
import { routeFor } from '../../renderer/api/http-routes.js';
import { waitFor } from '../helpers/wait-for.js';
import { makeAgent } from '../fixtures/memory-desk-api.js';

interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

const TOKEN = 'T'.repeat(43);
const BEARER = `Bearer ${TOKEN}`;

const CANARY = 'WEB_TOKEN=canary-7f3e9d1c5b2a8e4f6d0c9b7a5e3f1d2c4b6a8e0f9d7c5b3a';

let server: Server | undefined;
const streams = new Set<ServerResponse>();
const apis: HttpDeskApi[] = [];

afterEach(async () => {
  for (const api of apis.splice(0)) api.close();
  for (const stream of streams) stream.destroy();
  streams.clear();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
});

/** A real desk-like HTTP server on 127.0.0.1:0; `handle` answers each request. */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], authorization: req.headers.authorization, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

function makeApi(baseUrl: string, token: () => string | null = () => TOKEN): HttpDeskApi {
  const api = new HttpDeskApi({ baseUrl, token, retryDelayMs: 50 });
  apis.push(api);
  return api;
}

describe('routeFor', () => {
  it('maps every channel to its control API route, encoding ids', () => {
    expect(routeFor('desk:info', undefined)).toEqual({ method: 'GET', path: '/api/info' });
    expect(routeFor('agents:list', undefined)).toEqual({ method: 'GET', path: '/api/agents' });
    expect(routeFor('agents:open', { id: 'a/../b' })).toEqual({ method: 'POST', path: '/api/agents/a%2F..%2Fb/open', body: { id: 'a/../b' } });
    expect(routeFor('widgets:open', { agentId: 'a-x-abcdef', mount: 'kan ban' })).toEqual({
      method: 'POST',
      path: '/api/agents/a-x-abcdef/widgets/kan%20ban/open',
      body: {},
    });
    expect(routeFor('settings:get', undefined)).toEqual({ method: 'GET', path: '/api/settings' });
    expect(routeFor('settings:update', { theme: 'dark' })).toEqual({ method: 'PATCH', path: '/api/settings', body: { theme: 'dark' } });
  });

  it('refuses an unknown channel with a clear error', () => {
    expect(() => routeFor('agents:explode' as 'desk:info', undefined)).toThrow('unknown desk channel: agents:explode');
  });
});

describe('HttpDeskApi.invoke over real HTTP', () => {
  it('sends each call to its route with JSON bodies on unsafe methods, and returns the answer', async () => {
    const agents = [makeAgent('alpha')];
    const { baseUrl, seen } = await startServer((req, res) => {
      if (req.url === '/api/agents') json(res, 200, agents);
      else if (req.url?.endsWith('/open')) json(res, 200, { url: 'http://a.localhost:1/__desk/enter?g=x' });
      else if (req.url === '/api/settings') json(res, 200, { roots: [], agentOrder: [], hibernateAfterMinutes: 5, theme: 'dark' });
      else json(res, 200, { version: '1', mode: 'browser', gatewayPort: 1, roots: [] });
    });
    const api = makeApi(baseUrl);
    expect(await api.invoke('agents:list', undefined)).toEqual(agents);
    expect(await api.invoke('agents:open', { id: 'a-alpha-abcdef' })).toEqual({ url: 'http://a.localhost:1/__desk/enter?g=x' });
    expect(await api.invoke('widgets:open', { agentId: 'a-alpha-abcdef', mount: 'todo' })).toEqual({ url: 'http://a.localhost:1/__desk/enter?g=x' });
    expect((await api.invoke('settings:update', { hibernateAfterMinutes: 5 })).hibernateAfterMinutes).toBe(5);
    expect((await api.invoke('desk:info', undefined)).mode).toBe('browser');
    expect(seen).toEqual([
      { method: 'GET', url: '/api/agents', contentType: undefined, authorization: BEARER, body: '' },
      { method: 'POST', url: '/api/agents/a-alpha-abcdef/open', contentType: 'application/json', authorization: BEARER, body: '{"id":"a-alpha-abcdef"}' },
      { method: 'POST', url: '/api/agents/a-alpha-abcdef/widgets/todo/open', contentType: 'application/json', authorization: BEARER, body: '{}' },
      { method: 'PATCH', url: '/api/settings', contentType: 'application/json', authorization: BEARER, body: '{"hibernateAfterMinutes":5}' },
      { method: 'GET', url: '/api/info', contentType: undefined, authorization: BEARER, body: '' },
    ]);
  });

  it('a 401 is a typed `unauthenticated` error whatever the body, and the connection says so', async () => {
    const { baseUrl, seen } = await startServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end(`no ${CANARY}`);
    });
    const api = makeApi(baseUrl, () => null);
    const states: ConnectionState[] = [];
    api.onConnectionChange((state) => states.push(state));
    const error = await api.invoke('agents:list', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskApiError);
    expect(error).toMatchObject({ code: UNAUTHENTICATED, status: 401 });
    expect((error as Error).message).toMatch(/newest login link/);
    expect((error as Error).message).not.toContain('canary');
    expect(seen[0]!.authorization).toBeUndefined();
    expect(states.at(-1)).toBe('signed-out');
  });

  it('turns a JSON error answer into a DeskApiError with code, message and status', async () => {
    const { baseUrl } = await startServer((_req, res) => json(res, 422, { error: { code: 'invalid-root', message: 'Root "/x" does not exist.' } }));
    const error = await makeApi(baseUrl).invoke('settings:update', { roots: ['/x'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskApiError);
    expect(error).toMatchObject({ code: 'invalid-root', message: 'Root "/x" does not exist.', status: 422 });
  });

  it('never echoes a non-JSON error body (it could hold anything)', async () => {
    const { baseUrl } = await startServer((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`upstream said ${CANARY}`);
    });
    const error = (await makeApi(baseUrl).invoke('agents:list', undefined).catch((e: unknown) => e)) as DeskApiError;
    expect(error).toMatchObject({ code: 'http-502', status: 502 });
    expect(error.message).toMatch(/502/);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('canary-7f3e9d1c');
  });

  it('reports an unreachable desk clearly', async () => {
    const { baseUrl } = await startServer(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await makeApi(baseUrl).invoke('agents:list', undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable', status: 0 });
    expect((error as Error).message).toMatch(/did not answer/);
  });

  it('rejects a 2xx answer that is not JSON', async () => {
    const { baseUrl } = await startServer((_req, res) => res.end('<html>'));
    await expect(makeApi(baseUrl).invoke('agents:list', undefined)).rejects.toMatchObject({ code: 'bad-response' });
  });
});

describe('HttpDeskApi events over a real SSE stream', () => {
  it('delivers typed events, skips unknown or malformed ones, and reports connection state', async () => {
    const { baseUrl, seen } = await startServer((req, res) => {
      if (req.url !== '/api/events') return json(res, 404, { error: { code: 'not-found', message: 'no' } });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      streams.add(res);
      res.write(`event: agents:changed\ndata: ${JSON.stringify({ agents: [makeAgent('alpha')] })}\n\n`);
      res.write('event: agents:exploded\ndata: {}\n\n');
      res.write('event: settings:changed\ndata: {not json\n\n');
      res.write(`event: desk:changed\ndata: ${JSON.stringify({ info: { version: '1', mode: 'browser', gatewayPort: 1, roots: [] } })}\n\n`);
    });
    const api = makeApi(baseUrl);
    const states: ConnectionState[] = [];
    api.onConnectionChange((state) => states.push(state));
    const events: DeskEvent[] = [];
    const unsubscribe = api.subscribe((event) => events.push(event));

    await waitFor(() => events.length === 2, { message: 'two valid events' });
    expect(events.map((event) => event.channel)).toEqual(['agents:changed', 'desk:changed']);
    expect(seen.every((request) => request.authorization === BEARER)).toBe(true);
    expect(events[0]!.channel === 'agents:changed' && events[0]!.payload.agents[0]!.name).toBe('alpha');
    expect(states).toEqual(['connecting', 'connected']);

    // The server drops the stream: the UI shows "reconnecting" until a new stream opens.
    for (const stream of streams) stream.destroy();
    streams.clear();
    await waitFor(() => states.includes('reconnecting'), { message: 'reconnecting state' });
    await waitFor(() => states.at(-1) === 'connected' && streams.size === 1, { message: 'reconnected' });
    await waitFor(() => events.length === 4, { message: 'events resent on reconnect' });

    unsubscribe();
    const [stream] = [...streams];
    await waitFor(() => stream!.closed, { message: 'stream closed after the last unsubscribe' });
  });

  it('starts over when the desk refuses the stream (the browser would give up)', async () => {
    let refusals = 1;
    const { baseUrl, seen } = await startServer((_req, res) => {
      if (refusals-- > 0) return json(res, 503, { error: { code: 'starting', message: 'not yet' } });
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      streams.add(res);
      res.write(`event: agents:changed\ndata: ${JSON.stringify({ agents: [] })}\n\n`);
    });
    const api = makeApi(baseUrl);
    const states: ConnectionState[] = [];
    api.onConnectionChange((state) => states.push(state));
    const events: DeskEvent[] = [];
    api.subscribe((event) => events.push(event));
    await waitFor(() => events.length === 1, { message: 'event after the refused first attempt' });
    expect(states).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(seen.filter((request) => request.url === '/api/events')).toHaveLength(2);
  });

  it('a refused bearer stops the stream as `signed-out` until another token is stored', async () => {
    const { baseUrl, seen } = await startServer((req, res) => {
      if (req.headers.authorization !== BEARER) return json(res, 401, { error: { code: 'unauthenticated', message: 'no' } });
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      streams.add(res);
      res.write(`event: agents:changed\ndata: ${JSON.stringify({ agents: [] })}\n\n`);
    });
    let token = 'S'.repeat(43);
    const api = makeApi(baseUrl, () => token);
    const states: ConnectionState[] = [];
    api.onConnectionChange((state) => states.push(state));
    const events: DeskEvent[] = [];
    api.subscribe((event) => events.push(event));
    await waitFor(() => states.at(-1) === 'signed-out', { message: 'signed-out state' });
    // Checks for a new token keep going, but the refused one is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((request) => request.url === '/api/events')).toHaveLength(1);
    token = TOKEN;
    await waitFor(() => events.length === 1, { message: 'event after a login in another tab' });
    expect(states).toEqual(['connecting', 'signed-out', 'connected']);
  });
});
