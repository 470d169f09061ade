import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../../helpers/wait-for.js';
import { enterAgent, sendRaw, startHarness, type Harness } from './harness.js';

interface Opened {
  ws: WebSocket;
  first: Record<string, string>;
}

/** Opens a WebSocket to 127.0.0.1 with a chosen Host; resolves with the fake's first message (upgrade headers). */
function open(h: Harness, headers: Record<string, string>, host = h.host): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/chat/__test/ws`, { headers: { host, ...headers } });
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(data.toString()) }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('gateway WebSocket proxying', () => {
  let h: Harness;
  let cookie: string;
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    h = await startHarness();
    cookie = await enterAgent(h);
  });
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await h.close();
  });

  it('injects the token, strips client Cookie/Authorization, and echoes both ways', async () => {
    const { ws, first } = await open(h, { cookie, authorization: 'Bearer client', origin: `http://${h.host}`, 'x-forwarded-for': '6.6.6.6' });
    sockets.push(ws);
    expect(first.authorization).toBe(`Bearer ${h.fake.token}`);
    expect(first.cookie).toBeUndefined();
    expect(first['x-forwarded-for']).toBeUndefined();
    expect(first.upgrade).toBe('websocket');
    const echo = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
    ws.send('ping through the gateway');
    expect(await echo).toBe('ping through the gateway');
    expect(h.fake.counters.wsConnections).toBe(1);
  });

  it('refuses without a session, from another Origin, and on refused hosts; nothing reaches the agent', async () => {
    await expect(open(h, {})).rejects.toThrow('status 401');
    await expect(open(h, { cookie, origin: 'http://a-eve-ghijkl.localhost:1' })).rejects.toThrow('status 403');
    await expect(open(h, { cookie }, `evil.example:${h.port}`)).rejects.toThrow('status 421');
    await expect(open(h, { cookie }, h.deskHost)).rejects.toThrow('status 404');
    expect(h.fake.counters.requests).toBe(0);
  });

  it('closes open WebSockets when the agent is removed', async () => {
    const { ws } = await open(h, { cookie });
    sockets.push(ws);
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    h.source.remove(h.agent.record.id);
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('answers 502 on a WebSocket when the agent is down, in the words the pages use', async () => {
    await h.fake.stop();
    await expect(open(h, { cookie })).rejects.toThrow('status 502');
    await waitFor(() => h.logs.some((l) => l.includes('connection refused')));
    const reply = await sendRaw(
      h.port,
      `GET /chat/__test/ws HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\nOrigin: http://${h.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(reply).toContain('the agent cannot be reached (connection refused)');
    expect(reply).not.toContain('not answering');
  });
});
