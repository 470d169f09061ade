import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSessions, fetchWidgets, probeHealthz } from '../../../main/core/health/index.js';
import { Secret } from '../../../main/core/secret.js';
import type { AgentEndpoint } from '../../../main/core/workspace/workspace-types.js';
import { startFakeAgent } from '../../fixtures/fake-agent.js';
import type { FakeAgent, FakeAgentOptions } from '../../fixtures/fake-agent.js';

const CANARY = 'CANARYtok3n-5f2a9c7e1d4b8a6f3e0c9b2d7a1e4f8c';
const agents: FakeAgent[] = [];
const servers: Server[] = [];

async function start(opts: FakeAgentOptions = {}): Promise<FakeAgent> {
  const agent = await startFakeAgent({ token: CANARY, ...opts });
  agents.push(agent);
  return agent;
}

function endpointOf(agent: FakeAgent, token = CANARY): AgentEndpoint {
  return { port: agent.port, basePath: agent.basePath, token: new Secret(token) };
}

/** A plain server answering every request with `answer`, for shapes the fake agent does not produce. */
async function startRawServer(answer: (res: ServerResponse) => void): Promise<number> {
  const server = createServer((_req, res) => answer(res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return address.port;
}

function expectNoCanary(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain(CANARY);
  expect(String((value as { error?: unknown }).error ?? '')).not.toContain(CANARY);
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    })),
  );
});

describe('probeHealthz', () => {
  it('right token: online with identity, capabilities filtered to known ones', async () => {
    const agent = await start({ name: 'jarvis', version: '2.1.0', capabilities: ['web', 'bogus', 'voice', 'web', 'widgets'] });
    const result = await probeHealthz(endpointOf(agent));
    expect(result).toMatchObject({ status: 'online', agent: 'jarvis', version: '2.1.0', capabilities: ['web', 'voice', 'widgets'] });
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const sent = agent.requests.find((r) => r.url === '/chat/healthz');
    expect(sent?.headers.authorization).toBe(`Bearer ${CANARY}`);
    expectNoCanary(result);
  });

  it('wrong token: the bare healthz answer is checked on an authenticated endpoint → unauthorized', async () => {
    const agent = await start();
    const result = await probeHealthz(endpointOf(agent, `${CANARY}-old`));
    expect(result.status).toBe('unauthorized');
    expect(result.error).toMatch(/refused our token \(401\)/);
    expect(agent.requests.map((r) => r.url)).toEqual(['/chat/healthz', '/chat/v1/sessions/status']);
    expectNoCanary(result);
  });

  it('ignores environment proxies', async () => {
    const agent = await start();
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    process.env.http_proxy = 'http://127.0.0.1:9';
    delete process.env.NO_PROXY;
    try {
      expect((await probeHealthz(endpointOf(agent))).status).toBe('online');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('a 401 from healthz itself is unauthorized', async () => {
    const port = await startRawServer((res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}'));
    const result = await probeHealthz({ port, basePath: '/chat', token: new Secret(CANARY) });
    expect(result.status).toBe('unauthorized');
  });

  it('agent down: offline, connection refused on host:port', async () => {
    const agent = await start();
    await agent.stop();
    const result = await probeHealthz(endpointOf(agent));
    expect(result).toMatchObject({ status: 'offline', latencyMs: null, error: `connection refused on 127.0.0.1:${agent.port}` });
  });

  it('slow beyond the timeout and hung: offline, no answer within the timeout', async () => {
    const agent = await start();
    agent.setMode('slow', { delayMs: 10_000 });
    expect(await probeHealthz(endpointOf(agent), { timeoutMs: 300 })).toMatchObject({ status: 'offline', error: 'no answer within 300 ms' });
    agent.setMode('hang');
    expect(await probeHealthz(endpointOf(agent), { timeoutMs: 1000 })).toMatchObject({ status: 'offline', error: 'no answer within 1 s' });
  });

  it('HTML, 500, reset and garbage answers: offline with a specific reason', async () => {
    const agent = await start();
    const cases: Array<[Parameters<FakeAgent['setMode']>[0], string]> = [
      ['html', 'healthz answered HTML, not JSON'],
      ['status500', 'healthz answered HTTP 500'],
      ['reset', `connection reset by 127.0.0.1:${agent.port}`],
      ['garbage', 'healthz answered invalid JSON'],
    ];
    for (const [mode, error] of cases) {
      agent.setMode(mode);
      const result = await probeHealthz(endpointOf(agent));
      expect(result, mode).toMatchObject({ status: 'offline', error });
      expectNoCanary(result);
    }
  });

  it('never follows redirects, bounds the body, rejects a non-ok status field', async () => {
    const redirecting = await startRawServer((res) => res.writeHead(302, { location: 'http://127.0.0.1:1/healthz' }).end());
    expect(await probeHealthz({ port: redirecting, basePath: '', token: new Secret(CANARY) })).toMatchObject({
      status: 'offline',
      error: 'healthz redirected (HTTP 302) instead of answering',
    });
    const huge = await startRawServer((res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"status":"ok","pad":"${'x'.repeat(5000)}"}`));
    expect(await probeHealthz({ port: huge, basePath: '', token: new Secret(CANARY) }, { maxBytes: 1024 })).toMatchObject({
      status: 'offline',
      error: `answer from 127.0.0.1:${huge} larger than 1024 bytes`,
    });
    const draining = await startRawServer((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"draining"}'));
    expect(await probeHealthz({ port: draining, basePath: '', token: new Secret(CANARY) })).toMatchObject({
      status: 'offline',
      error: 'healthz reported status "draining", not "ok"',
    });
  });

  it('a token with characters no header may hold gives a clear error without echoing it', async () => {
    const agent = await start();
    const result = await probeHealthz(endpointOf(agent, `${CANARY}\r\nX-Evil: 1`));
    expect(result.status).toBe('offline');
    expect(result.error).toMatch(/invalid path or token characters/);
    expectNoCanary(result);
  });

  it('an aborted probe is reported as cancelled', async () => {
    const agent = await start();
    agent.setMode('hang');
    const controller = new AbortController();
    const pending = probeHealthz(endpointOf(agent), { signal: controller.signal, timeoutMs: 30_000 });
    controller.abort();
    expect(await pending).toMatchObject({ status: 'offline', cancelled: true });
  });
});

describe('fetchWidgets and fetchSessions', () => {
  it('widgets: valid ones kept, bad mounts and states dropped', async () => {
    const agent = await start({
      widgets: [
        { id: 'w1', mount: 'notes', title: 'Notes', description: 'n', state: 'running' },
        { id: 'w2', mount: 'Bad_Mount', title: 'Bad', state: 'running' },
        { id: 'w3', mount: '-dash', title: 'Dash', state: 'running' },
        { id: 'w4', mount: 'broken', title: 'Broken', state: 'error', error: 'exit 1' },
      ],
    });
    const result = await fetchWidgets(endpointOf(agent));
    expect(result).toEqual({
      ok: true,
      value: [
        { id: 'w1', mount: 'notes', title: 'Notes', description: 'n', state: 'running' },
        { id: 'w4', mount: 'broken', title: 'Broken', state: 'error', error: 'exit 1' },
      ],
    });
  });

  it('garbage and HTML answers give clear errors, a wrong token is flagged unauthorized', async () => {
    const agent = await start();
    agent.setMode('garbage');
    expect(await fetchWidgets(endpointOf(agent))).toMatchObject({ ok: false, error: 'widgets status answered invalid JSON' });
    expect(await fetchSessions(endpointOf(agent))).toMatchObject({ ok: false, error: 'sessions status answered invalid JSON' });
    agent.setMode('html');
    expect(await fetchSessions(endpointOf(agent))).toMatchObject({ ok: false, error: 'sessions status answered HTML, not JSON' });
    agent.setMode('ok');
    const denied = await fetchWidgets(endpointOf(agent, 'wrong'));
    expect(denied).toMatchObject({ ok: false, unauthorized: true });
    expectNoCanary(denied);
  });

  it('sessions: counts and active runs; the ETag is sent back and a 304 keeps the counts', async () => {
    const session = (id: string, active: boolean) => ({ id, short_title: id, long_title: id, active_run: active, message_count: 1, last_message_at: 1, transcript_rev: 1 });
    const agent = await start({ sessions: [session('a', true), session('b', false), session('c', true)] });
    const first = await fetchSessions(endpointOf(agent));
    if (!first.ok) throw new Error(first.error);
    expect(first.value).toMatchObject({ sessions: { count: 3, activeRuns: 2 }, notModified: false });
    const cache = first.value.cache;
    expect(cache?.etag).toMatch(/^"/);

    const second = await fetchSessions(endpointOf(agent), cache);
    expect(second).toMatchObject({ ok: true, value: { sessions: { count: 3, activeRuns: 2 }, notModified: true } });
    expect(agent.requests.at(-1)?.headers['if-none-match']).toBe(cache?.etag);

    agent.setSessions([session('a', false)]);
    const third = await fetchSessions(endpointOf(agent), cache);
    expect(third).toMatchObject({ ok: true, value: { sessions: { count: 1, activeRuns: 0 }, notModified: false } });
  });
});
