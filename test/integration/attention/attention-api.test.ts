import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskHttpApi, DeskService } from '../../../main/core/api/index.js';
import { AttentionCenter, createAgentHttp } from '../../../main/core/attention/index.js';
import type { AgentHttp } from '../../../main/core/attention/index.js';
import { SettingsFile } from '../../../main/core/settings/index.js';
import type { DeskInfo } from '../../../preload/contract.js';
import { startFakeAgent } from '../../fixtures/fake-agent.js';
import type { FakeAgent } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const CANARY = 'attention-api-canary-0123456789abcdef0123456789ab';
const info: DeskInfo = { version: 'test', mode: 'browser', gatewayPort: 1, roots: [] };

let dir: TempDir;
let fake: FakeAgent;
let agents: StaticAgentSource;
let agentId: string;
let httpClient: AgentHttp;
let center: AttentionCenter;
let settings: SettingsFile;
let service: DeskService;
let api: DeskHttpApi;
let server: http.Server;
let base: string;

beforeEach(async () => {
  dir = await tempDir();
  fake = await startFakeAgent({ name: 'alpha', token: CANARY });
  agents = new StaticAgentSource();
  agentId = agents.add({ name: 'alpha', port: fake.port, token: CANARY }).record.id;
  agents.byId(agentId)!.record.health.status = 'online';
  httpClient = createAgentHttp();
  center = new AttentionCenter({ agents, http: httpClient, activeIntervalMs: 40, idleIntervalMs: 80 });
  settings = new SettingsFile(dir.path);
  await settings.load();
  service = new DeskService({ agents, settings, info: () => info, enterUrls: { agent: (id, to) => `http://${id}.localhost:1/__desk/enter?g=t&to=${to ?? ''}` }, attention: center });
  api = new DeskHttpApi(service);
  server = http.createServer((req, res) => void api.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  center.start();
});

afterEach(async () => {
  api.close();
  service.close();
  await center.close();
  await httpClient.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
  await dir.remove();
});

async function call(method: string, path: string, body?: unknown) {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

type Items = Array<{ id: string; kind: string; title: string; sessionId: string }>;

describe('attention over the desk API', () => {
  it('GET /api/attention, answer, seen; events on the stream; no token anywhere', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let stream = '';
    const readUntil = (pattern: RegExp) =>
      waitFor(async () => {
        const { value } = await reader.read();
        stream += new TextDecoder().decode(value);
        return pattern.test(stream);
      }, { message: `event stream to contain ${pattern}` });
    await readUntil(/event: attention:changed\ndata: \{"items":\[\],"notify":\[\]\}/);

    fake.sessions.startRun('s1', 'Refactor parser');
    fake.sessions.requestApproval('s1', { title: 'rm -rf build' });
    await readUntil(/"kind":"approval"/);
    expect(stream).toContain('"notify":[{"itemId"');
    expect(stream).toContain('"title":"alpha · Refactor parser","body":"wants to run: rm -rf build","silent":false');

    const listed = await call('GET', '/api/attention');
    const items = listed.body.items as Items;
    expect(items).toEqual([expect.objectContaining({ kind: 'approval', title: 'rm -rf build', agentName: 'alpha', sessionId: 's1', sessionTitle: 'Refactor parser' })]);

    const answered = await call('POST', '/api/attention/answer', { itemId: items[0]!.id, choice: 0 });
    expect(answered).toMatchObject({ status: 200, body: { ok: true } });
    expect(fake.sessions.answers[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
    const again = await call('POST', '/api/attention/answer', { itemId: items[0]!.id, choice: 0 });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/no longer exists/);
    expect(fake.sessions.answers).toHaveLength(1);

    fake.sessions.finishRun('s1');
    await waitFor(async () => ((await call('GET', '/api/attention')).body.items as Items).some((i) => i.kind === 'finished'), { message: 'finished item' });
    expect((await call('POST', '/api/attention/seen', { agentId, sessionId: 's1' })).status).toBe(200);
    expect((await call('GET', '/api/attention')).body.items).toEqual([]);
    await readUntil(/"items":\[\],"notify":\[\]\}\n\n$/);
    expect(stream).not.toContain(CANARY);
    controller.abort();
  });

  it('notification settings filter notify; the focused agent gets none and no finished item', async () => {
    await call('PATCH', '/api/settings', { notifications: { kinds: { approval: false, question: true, finished: true, failed: true }, mutedAgents: [], doNotDisturb: false, sound: false } });
    const notified: unknown[] = [];
    const off = service.subscribe((event) => {
      if (event.channel === 'attention:changed') notified.push(...event.payload.notify);
    });
    fake.sessions.startRun('s1', 'Weekly report');
    fake.sessions.requestApproval('s1', { title: 'ls' });
    fake.sessions.askUser('s1', ['Which week?']);
    await waitFor(() => center.list().length === 2, { message: 'two items' });
    expect(notified).toEqual([expect.objectContaining({ body: 'asks: Which week?', silent: true })]);

    expect((await call('POST', '/api/attention/focus', { agentId, focused: true })).status).toBe(200);
    fake.sessions.finishRun('s1');
    await waitFor(() => center.list().length === 0, { message: 'pending items gone with the run' });
    const polls = fake.counters.requests;
    await waitFor(() => fake.counters.requests > polls + 2, { message: 'more polls' });
    expect(center.list()).toEqual([]);
    off();
  });

  it('bad input is refused with a clear error', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['/api/attention/answer', { itemId: 'x', choice: 1, answers: ['a'] }, /exactly one/],
      ['/api/attention/answer', { itemId: '../x', choice: 1 }, /invalid item id/],
      ['/api/attention/answer', { itemId: 'abc', choice: -1 }, /option index/],
      ['/api/attention/answer', { itemId: 'abc', answers: [3] }, /string/],
      ['/api/attention/seen', { agentId: 'NOPE' }, /invalid agent id/],
      ['/api/attention/seen', { agentId, sessionId: '../../etc' }, /invalid session id/],
      ['/api/attention/focus', { agentId, focused: 'yes' }, /"focused"/],
    ];
    for (const [path, body, message] of cases) {
      const res = await call('POST', path, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error?.message).toMatch(message);
    }
    expect((await call('POST', '/api/attention/answer', { itemId: 'abcdefabcdefabcdefabcd', choice: 0 })).status).toBe(409);
    const open = await call('POST', `/api/agents/${agentId}/open`, { id: agentId, sessionId: 's1' });
    expect(open.status).toBe(200);
  });
});
