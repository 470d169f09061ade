import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskHttpApi, DeskService } from '../../../main/core/api/index.js';
import { SettingsFile } from '../../../main/core/settings/index.js';
import type { DeskInfo } from '../../../preload/contract.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const CANARY = 'canary-token-api-77e1';

let dir: TempDir;
let server: http.Server;
let base: string;
let agents: StaticAgentSource;
let service: DeskService;
let api: DeskHttpApi;

const info: DeskInfo = { version: 'test', mode: 'browser', gatewayPort: 1, roots: [] };

beforeEach(async () => {
  dir = await tempDir();
  agents = new StaticAgentSource();
  const settings = new SettingsFile(dir.path);
  await settings.load();
  service = new DeskService({
    agents,
    settings,
    info: () => info,
    enterUrls: { agent: (id) => `http://${id}.localhost:1/__desk/enter?g=test` },
  });
  api = new DeskHttpApi(service);
  server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    void api.handle(req, res, pathname);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  api.close();
  service.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await dir.remove();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

describe('desk HTTP API', () => {
  it('lists agents without any secret', async () => {
    agents.add({ name: 'alpha', port: 9, token: CANARY });
    const { status, body } = await call('GET', '/api/agents');
    expect(status).toBe(200);
    expect(body).toMatchObject([{ name: 'alpha', state: 'ready' }]);
    expect(JSON.stringify(body)).not.toContain(CANARY);
  });

  it('opens a ready agent and explains why another cannot be opened', async () => {
    const ready = agents.add({ name: 'alpha', port: 9, token: CANARY });
    const bare = agents.add({ name: 'beta' });
    expect(await call('POST', `/api/agents/${ready.record.id}/open`)).toEqual({ status: 200, body: { url: `http://${ready.record.id}.localhost:1/__desk/enter?g=test` } });
    const refused = await call('POST', `/api/agents/${bare.record.id}/open`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/beta cannot be opened/);
    expect((await call('POST', '/api/agents/a-nope-aaaaaa/open')).status).toBe(404);
    expect((await call('POST', '/api/agents/Not%20An%20Id/open')).body.error?.code).toBe('bad-request');
  });

  it('reports widgets as unsupported when the build has no widget origins', async () => {
    const ready = agents.add({ name: 'alpha', port: 9, token: 't' });
    const res = await call('POST', `/api/agents/${ready.record.id}/widgets/clock/open`);
    expect(res.status).toBe(501);
    expect((await call('POST', `/api/agents/${ready.record.id}/widgets/Bad_Mount/open`)).status).toBe(400);
  });

  it('validates settings updates and persists good ones', async () => {
    const bad = await call('PATCH', '/api/settings', { roots: ['relative/dir'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/not an absolute path/);
    expect((await call('PATCH', '/api/settings', { theme: 'dark' })).body).toMatchObject({ theme: 'dark' });
    expect((await call('GET', '/api/settings')).body).toMatchObject({ theme: 'dark' });
  });

  it('refuses malformed bodies with specific errors', async () => {
    expect((await call('PATCH', '/api/settings', '{oops')).body.error?.message).toBe('the request body is not valid JSON');
    expect((await call('PATCH', '/api/settings', 'x', { 'content-type': 'text/plain' })).body.error?.message).toMatch(/application\/json/);
    const big = await call('PATCH', '/api/settings', JSON.stringify({ roots: ['/'.padEnd(70_000, 'a')] }));
    expect(big.body.error?.message).toMatch(/larger than 64 KiB/);
    expect((await call('DELETE', '/api/settings')).status).toBe(405);
    expect((await call('GET', '/api/nothing')).status).toBe(404);
  });

  it('streams a snapshot, then coalesced agent changes and settings changes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = (pattern: RegExp) =>
      waitFor(async () => {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return pattern.test(text);
      }, { message: `event stream to contain ${pattern}` });
    await readUntil(/event: settings:changed/);
    expect(text).toMatch(/event: desk:changed\ndata: \{"info":/);
    text = '';
    for (let i = 0; i < 20; i += 1) agents.add({ name: `burst-${i}`, port: 9, token: CANARY });
    await readUntil(/burst-19/);
    expect(text.match(/event: agents:changed/g)).toHaveLength(1);
    expect(text).not.toContain(CANARY);
    await call('PATCH', '/api/settings', { hibernateAfterMinutes: 5 });
    await readUntil(/"hibernateAfterMinutes":5/);
    controller.abort();
  });
});

describe('desk event stream backpressure', () => {
  it('drops a client that stops reading instead of buffering without bound', async () => {
    const { connect } = await import('node:net');
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.pause(); // never read: the kernel buffers fill, then the server's own buffer grows
    await waitFor(async () => (await new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)))) === 1, { message: 'stream open' });
    // Each event carries the whole (growing) directory: a few hundred make megabytes.
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    for (let i = 0; i < 400 && !socket.destroyed; i += 1) {
      agents.add({ name: `bulk-${i}-${'x'.repeat(40)}`, port: 9, token: 't' });
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.resume();
    socket.on('data', () => undefined);
    await closed;
    const open = await new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)));
    expect(open).toBe(0);
  });
});
