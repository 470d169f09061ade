import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskHttpApi } from '../../../main/core/api/index.js';
import { waitFor } from '../../helpers/wait-for.js';
import { API_KEY, freePort, LifecycleHarness, TOKEN } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;
let server: http.Server | undefined;
let api: DeskHttpApi | undefined;

afterEach(async () => {
  api?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await h?.close();
  h = server = api = undefined;
});

/** The desk's REST API on a plain server (the gateway's desk login is tested elsewhere). */
async function serveApi(harness: LifecycleHarness): Promise<string> {
  api = new DeskHttpApi(harness.desk.service);
  server = http.createServer((req, res) => void api!.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/**
 * The desk started with alpha, its REST API served and its event stream read:
 * `call` answers status and parsed body, and keeps every answer's text to search for secrets.
 */
async function apiOverAlpha(harness: LifecycleHarness) {
  await harness.start();
  const base = await serveApi(harness);
  const events = readEvents(base);
  const id = harness.id('alpha');
  const answers: string[] = [];
  const call = async (method: string, path: string) => {
    const res = await fetch(`${base}${path}`, { method });
    const text = await res.text();
    answers.push(text);
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  };
  return { events, id, answers, call };
}

/** Everything the event stream sends, as text. */
function readEvents(base: string): { text: () => string; stop: () => void } {
  let text = '';
  const controller = new AbortController();
  void fetch(`${base}/api/events`, { signal: controller.signal })
    .then(async (res) => {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString('utf8');
    })
    .catch(() => undefined);
  return { text: () => text, stop: () => controller.abort() };
}

describe('lifecycle over the REST API and the event stream', () => {
  it('POST start → 202 (a second click joins), progress and scrubbed log lines as events, GET logs, the container log followed while watched; no token anywhere', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const { events, id, answers, call } = await apiOverAlpha(h);

    expect(await call('POST', `/api/agents/${id}/start`)).toEqual({ status: 202, body: { accepted: true, joined: false } });
    expect(await call('POST', `/api/agents/${id}/start`)).toEqual({ status: 202, body: { accepted: true, joined: true } });
    await waitFor(() => events.text().includes('"phase":"done"'), { timeoutMs: 30_000, message: 'agents:progress done event' });
    expect(events.text()).toContain('event: agents:progress\ndata: {"id":"' + id + '","verb":"start","phase":"running"');
    expect(events.text()).toMatch(/event: agents:log\ndata: \{"id":"[^"]+","line":\{"at":\d+,"source":"command","text":"\[\+\] Running 1\/1 term-llm-contain-alpha WEB_TOKEN=\[redacted\] ANTHROPIC_API_KEY=\[redacted\]"/);
    await h.waitFor('alpha', 'online', (r) => r.health.status === 'online');

    const logs = await call('GET', `/api/agents/${id}/logs`);
    expect(logs.status).toBe(200);
    const lines = logs.body.lines as Array<{ at: number; source: string; text: string }>;
    expect(lines.every((line) => typeof line.at === 'number' && line.source === 'command')).toBe(true);
    expect(lines.map((line) => line.text)).toContain(' ✔ Container term-llm-contain-alpha-agent-1  Started');

    // A log view opens: the container's log (which prints the bearer the agent got) streams in, scrubbed.
    expect((await call('POST', `/api/agents/${id}/logs/watch`)).status).toBe(200);
    await waitFor(() => h!.desk.lifecycle.logs(id).some((line) => line.source === 'container' && line.text.includes('authorization=Bearer [redacted]')), {
      timeoutMs: 20_000,
      message: 'container log lines with the bearer scrubbed',
    });
    await waitFor(() => /"source":"container"/.test(events.text()), { timeoutMs: 5_000, message: 'container lines as events' });
    expect(h.desk.lifecycle.logs(id).some((line) => line.text.includes('alpha listening on'))).toBe(true);
    expect(h.desk.lifecycle.logs(id).some((line) => line.text.includes('\x1b'))).toBe(false);

    expect(await call('POST', `/api/agents/${id}/stop`)).toMatchObject({ status: 202 });
    await h.waitFor('alpha', 'offline', (r) => r.health.status === 'offline');

    events.stop();
    const everything = [events.text(), ...answers, JSON.stringify(h.desk.lifecycle.logs(id)), JSON.stringify(h.desk.registry.list())].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain('sk-ant-api03-fakefake');
  });

  it('a token across the 4,000-character cut of a long line leaves no fragment in logs, events or answers', async () => {
    h = await LifecycleHarness.create();
    const token = randomBytes(24).toString('hex');
    await h.runtime.setBehaviour({ longLine: token });
    await h.addWorkspace('alpha', await freePort(), token);
    const { events, id, answers, call: callApi } = await apiOverAlpha(h);
    const call = async (method: string, path: string) => (await callApi(method, path)).status;
    // Command output (stdout and stderr), then the container's own log, then a failing command's message.
    expect(await call('POST', `/api/agents/${id}/start`)).toBe(202);
    await h.waitFor('alpha', 'online', (r) => r.health.status === 'online' && r.runtime.operation === undefined);
    expect(await call('POST', `/api/agents/${id}/logs/watch`)).toBe(200);
    await waitFor(() => h!.desk.lifecycle.logs(id).some((line) => line.text.startsWith('agent-1  | ') && line.text.includes('x'.repeat(100))), {
      timeoutMs: 20_000,
      message: 'the long container log line',
    });
    await h.runtime.setBehaviour({ longLine: token, fail: { stop: 3 } });
    expect(await call('POST', `/api/agents/${id}/stop`)).toBe(202);
    await waitFor(() => events.text().includes('"phase":"failed"'), { timeoutMs: 30_000, message: 'the failed stop as an event' });
    // Its message ends with the command's last lines: the long ones among them.
    expect(events.text()).toMatch(/"phase":"failed","message":"[^"]*exited with code 3\\nx{3000}/);
    expect(await call('GET', `/api/agents/${id}/logs`)).toBe(200);
    events.stop();

    // start, the log follower and the failing stop each printed it on stdout and stderr; the container logged it.
    const long = h.desk.lifecycle.logs(id).filter((line) => line.text.includes('x'.repeat(100)));
    expect(long.filter((line) => line.source === 'command').length).toBeGreaterThanOrEqual(4);
    expect(long.some((line) => line.source === 'container' && line.text.startsWith('agent-1  | '))).toBe(true);
    for (const line of long) expect(line.text).toHaveLength(4_000);
    const everything = [events.text(), ...answers, JSON.stringify(h.desk.lifecycle.logs(id)), JSON.stringify(h.desk.registry.list())].join('\n');
    expect(everything).not.toContain(token.slice(0, 8));
    expect(everything).not.toContain(token.slice(-8));
  });

  it('bad input gets a clear answer: invalid id 400, unknown id 404, a root without commands 409', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    await h.start();
    const base = await serveApi(h);
    const post = async (path: string) => {
      const res = await fetch(`${base}${path}`, { method: 'POST' });
      return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
    };
    expect((await post('/api/agents/NOT%20AN%20ID/start')).status).toBe(400);
    expect(await post('/api/agents/a-nobody-aaaaaaaaaaaaaaaa/stop')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    await h.desk.settings.update({ runtimes: { [h.root]: { kind: 'none' } } });
    const none = await post(`/api/agents/${h.id('alpha')}/start`);
    expect(none).toMatchObject({ status: 409, body: { error: { code: 'not-ready', message: 'alpha cannot start: this root has no start/stop commands (runtime "none" in Settings)' } } });
    const info = h.desk.info().roots.find((root) => root.path === h!.root);
    expect(info?.runtime).toMatchObject({ kind: 'none', source: 'settings', commands: {} });
  });
});
