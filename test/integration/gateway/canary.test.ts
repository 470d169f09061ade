import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { enterAgent, send, sendRaw, startHarness, type Harness, type RequestOptions } from './harness.js';

const CANARY = 'c4n4ry0c4n4ry1c4n4ry2c4n4ry3c4n4ry4c4n4ry5c4n4ry6';
const NEXT_CANARY = 'n3xtc4n4ry0n3xtc4n4ry1n3xtc4n4ry2n3xtc4n4ry3n3xt';

describe('canary: the agent token never reaches a client, a page or a log', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('across normal traffic, refusals, redirects, failures, timeouts, upgrades and token changes', async () => {
    h = await startHarness({ fake: { token: CANARY }, gateway: { responseHeaderTimeoutMs: 300 } });
    const seen: string[] = [];
    const record = async (opts: RequestOptions): Promise<void> => {
      try {
        const reply = await send(h.port, opts);
        seen.push(JSON.stringify(reply.headers), reply.body);
      } catch (error) {
        seen.push(String(error), (error as Error).stack ?? '');
      }
    };
    const cookie = await enterAgent(h);
    const nav = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none', accept: 'text/html' };
    const paths = [
      '/chat/',
      '/chat/healthz',
      '/chat/v1/sessions/status',
      '/chat/admin/widgets/status',
      '/chat/sw.js',
      '/chat',
      `/chat/__test/redirect?to=${encodeURIComponent(`${h.fake.url}/chat/x`)}&status=303`,
      '/chat/__test/set-cookie',
      '/chat/__test/chunked',
      '/chat/__test/half',
      '/chat/__test/slow-headers?ms=2000',
      '/chat/%2e%2e/x',
    ];
    for (const path of paths) {
      await record({ host: h.host, path, headers: { cookie } });
      await record({ host: h.host, path, headers: { cookie, ...nav } });
      await record({ host: h.host, path });
    }
    await record({ host: h.host, path: '/chat/v1/responses', method: 'POST', body: JSON.stringify({ stream: true, events: 3, intervalMs: 4 }), headers: { cookie } });
    await record({ host: `evil.example:${h.port}`, path: '/chat/', headers: { cookie } });
    await record({ host: h.host, path: '/__desk/enter?g=forged.grant' });
    seen.push(await sendRaw(h.port, `GET /chat/ HTTP/1.1\r\nHost: ${h.host}\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`));
    for (const mode of ['reset', 'status500', 'garbage', 'html'] as const) {
      h.fake.setMode(mode);
      await record({ host: h.host, path: '/chat/healthz', headers: { cookie } });
      await record({ host: h.host, path: '/chat/', headers: { cookie, ...nav } });
    }
    h.fake.setMode('ok');
    const wsFailure = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/chat/nope`, { headers: { host: h.host, cookie } });
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.stringify(res.headers) + Buffer.concat(chunks).toString()));
      });
      ws.once('error', (e) => resolve(String(e)));
    });
    seen.push(wsFailure);
    h.source.update(h.agent.record.id, { token: NEXT_CANARY });
    await record({ host: h.host, path: '/chat/healthz', headers: { cookie } });
    await h.fake.stop();
    const fresh = await enterAgent(h);
    for (const headers of [{ cookie: fresh }, { cookie: fresh, ...nav }]) await record({ host: h.host, path: '/chat/', headers });
    const wsDown = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/chat/__test/ws`, { headers: { host: h.host, cookie: fresh } });
      ws.once('unexpected-response', (_req, res) => resolve(`${res.statusCode} ${JSON.stringify(res.headers)}`));
      ws.once('error', (e) => resolve(String(e)));
    });
    seen.push(wsDown);

    const everything = [...seen, ...h.logs, JSON.stringify(h.source.list())].join('\n');
    expect(seen.length).toBeGreaterThan(40);
    expect(everything).toContain('is not answering'); // the failure pages were really produced
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(NEXT_CANARY);
    expect(everything).not.toContain(Buffer.from(CANARY).toString('base64'));
  });
});
