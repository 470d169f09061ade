import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../../helpers/wait-for.js';
import { enterAgent, enterDesk, send, startHarness, type Harness } from './harness.js';

describe('gateway lifecycle and robustness', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('close() ends streams and WebSockets, revokes sessions, and stops listening', async () => {
    h = await startHarness();
    const cookie = await enterAgent(h);
    const req = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/v1/responses', agent: false, headers: { host: h.host, cookie } });
    req.on('error', () => {});
    req.end(JSON.stringify({ stream: true, forever: true }));
    const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve));
    res.on('error', () => {});
    res.resume();
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/chat/__test/ws`, { headers: { host: h.host, cookie } });
    await new Promise((resolve) => ws.once('message', resolve));
    const wsClosed = new Promise((resolve) => ws.once('close', resolve));
    const { port, fake } = h;
    await h.gateway.close();
    await wsClosed;
    await waitFor(() => fake.counters.streamsAborted === 1, { message: 'upstream stream closed by gateway.close()' });
    await expect(send(port, { host: h.host, path: '/chat/' })).rejects.toThrow(/ECONNREFUSED/);
    expect(() => h!.gateway.deskLoginUrl()).toThrow(/not listening/);
  });

  it('asks health to re-probe when the agent answers 401 to our token (health coalesces the burst: health-monitor.test.ts "probeSoon")', async () => {
    h = await startHarness();
    const cookie = await enterAgent(h);
    h.fake.setToken('rotated-outside-agent-desk');
    for (let i = 0; i < 3; i++) {
      const reply = await send(h.port, { host: h.host, path: '/chat/v1/sessions/status', headers: { cookie } });
      expect(reply.status).toBe(401);
    }
    // Every 401 asks; the throttle lives in health alone (HealthMonitor.probeSoon).
    expect(h.source.probes).toEqual([h.agent.record.id, h.agent.record.id, h.agent.record.id]);
  });

  it('escapes the agent name in the offline page', async () => {
    h = await startHarness();
    const name = '<img src=x onerror=alert(1)>"&';
    const hostile = h.source.add({ name, path: '/ws/hostile', port: h.fake.port, token: h.fake.token });
    await h.fake.stop();
    const cookie = await enterAgent(h, hostile.record.id);
    const page = await send(h.port, { host: `${hostile.record.label}.localhost:${h.port}`, path: '/chat/', headers: { cookie, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' } });
    expect(page.status).toBe(502);
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;&#38;');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('a desk handler that throws costs one request (500), not the gateway', async () => {
    h = await startHarness({
      gateway: {
        deskHandler: () => {
          throw new Error('desk bug');
        },
      },
    });
    const authorization = await enterDesk(h);
    const reply = await send(h.port, { host: h.deskHost, path: '/api/info', headers: { authorization } });
    expect(reply.status).toBe(500);
    expect(h.logs.join('\n')).toContain('internal error (Error)');
    expect((await send(h.port, { host: h.host, path: '/chat/' })).status).toBe(401);
  });
});

const python = spawnSync('python3', ['--version']).status === 0;

describe.skipIf(!python)('gateway connect timeout', () => {
  let h: Harness | undefined;
  let listener: ChildProcess | undefined;
  let filler: Socket | undefined;
  afterEach(async () => {
    filler?.destroy();
    listener?.kill();
    await h?.close();
  });

  it('answers 504 when the agent port accepts no connection in time', async () => {
    // A listener with a full accept queue (backlog 0, never accepting, one
    // connection parked): Linux drops further SYNs, so connecting hangs.
    listener = spawn('python3', ['-c', "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)"]);
    const port = await new Promise<number>((resolve) => listener!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    filler = connect(port, '127.0.0.1');
    filler.on('error', () => {});
    await new Promise((resolve) => filler!.once('connect', resolve));
    h = await startHarness({ gateway: { connectTimeoutMs: 300 } });
    const stuck = h.source.add({ name: 'stuck', port, token: 't'.repeat(48) });
    const cookie = await enterAgent(h, stuck.record.id);
    const reply = await send(h.port, { host: `${stuck.record.label}.localhost:${h.port}`, path: '/chat/', headers: { cookie } });
    expect(reply.status).toBe(504);
    expect(JSON.parse(reply.body).error.message).toContain('no connection within 0.3 s');
  });
});
