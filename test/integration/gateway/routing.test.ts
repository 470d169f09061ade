import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, GatewayListenError } from '../../../main/core/gateway/gateway.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { echoDeskHandler, enterAgent, send, sendRaw, startHarness, type Harness } from './harness.js';

describe('gateway host routing and bad input', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ gateway: { deskHandler: echoDeskHandler } });
  });
  afterEach(async () => {
    await h.close();
  });

  it.each([['127.0.0.1'], ['localhost'], ['a-nobody-abcdef.localhost'], ['random.localhost'], ['evil.example'], ['desk.localhost']])(
    'answers 421 with a short plain body to Host %s (with and without port)',
    async (name) => {
      for (const host of [`${name}:${h.port}`, name]) {
        if (host === `desk.localhost:${h.port}`) continue;
        const reply = await send(h.port, { host, path: '/chat/' });
        expect(reply.status).toBe(421);
        expect(reply.headers['content-type']).toMatch(/^text\/plain/);
        expect(reply.body.length).toBeLessThan(200);
      }
      expect(h.fake.counters.requests).toBe(0);
    },
  );

  it('answers 421 for a widget-shaped label it has not computed (widget hosts come later)', async () => {
    const reply = await send(h.port, { host: `w-${'a'.repeat(26)}.localhost:${h.port}`, path: '/' });
    expect(reply.status).toBe(421);
  });

  it('routes a known agent host (401 without a session, not 421)', async () => {
    const reply = await send(h.port, { host: h.host, path: '/chat/' });
    expect(reply.status).toBe(401);
  });

  it('refuses malformed and duplicate Host headers, reaching nothing upstream', async () => {
    const cookie = await enterAgent(h);
    const dup = await sendRaw(h.port, `GET /chat/__test/echo HTTP/1.1\r\nHost: ${h.host}\r\nHost: evil.example\r\nCookie: ${cookie}\r\n\r\n`);
    expect(dup).toMatch(/^HTTP\/1\.1 400 /);
    const dup2 = await sendRaw(h.port, `GET /chat/__test/echo HTTP/1.1\r\nHost: evil.example\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\n\r\n`);
    expect(dup2).toMatch(/^HTTP\/1\.1 (400|421) /);
    const malformed = await sendRaw(h.port, `GET /chat/ HTTP/1.1\r\nHost: ${h.host} x\r\nCookie: ${cookie}\r\n\r\n`);
    expect(malformed).toMatch(/^HTTP\/1\.1 (400|421) /);
    const missing = await sendRaw(h.port, 'GET /chat/ HTTP/1.1\r\n\r\n');
    expect(missing).toMatch(/^HTTP\/1\.1 400 /);
    expect(h.fake.counters.requests).toBe(0);
  });

  it('answers 431 to oversized headers and stays up', async () => {
    const reply = await sendRaw(h.port, `GET /chat/ HTTP/1.1\r\nHost: ${h.host}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    const after = await send(h.port, { host: h.host, path: '/chat/' });
    expect(after.status).toBe(401);
  });

  it('rejects Content-Length + Transfer-Encoding smuggling with 400, forwards nothing, stays up', async () => {
    const cookie = await enterAgent(h);
    const smuggled =
      `POST /chat/__test/echo HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `0\r\n\r\nGET /chat/__test/echo HTTP/1.1\r\nHost: x\r\n\r\n`;
    const reply = await sendRaw(h.port, smuggled);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply.match(/HTTP\/1\.1/g)).toHaveLength(1);
    expect(h.fake.counters.requests).toBe(0);
    const after = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } });
    expect(after.status).toBe(200);
  });

  it.each(['/chat/%2f..%2fadmin', '/chat/%2F', '/chat/%5c', '/chat/%5C', '/chat/../admin', '/chat/%2e%2e/admin', '/chat/%2E%2e/x', '/chat/./x'])(
    'refuses %s with 400 before it reaches the agent',
    async (path) => {
      const cookie = await enterAgent(h);
      const reply = await send(h.port, { host: h.host, path, headers: { cookie } });
      expect(reply.status).toBe(400);
      expect(h.fake.counters.requests).toBe(0);
    },
  );

  it('gives origin() and a desk login URL on the real port', () => {
    expect(h.gateway.origin('desk')).toBe(`http://desk.localhost:${h.port}`);
    expect(h.gateway.deskLoginUrl()).toMatch(new RegExp(`^http://desk\\.localhost:${h.port}/__desk/enter\\?g=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(() => h.gateway.agentEnterUrl('a-nobody-abcdef')).toThrow(/unknown agent/);
  });
});

describe('gateway listen', () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  it('rejects with one clear line when the port is taken', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    const gateway = createGateway({ port, agents: new StaticAgentSource(), bindHosts: ['127.0.0.1'] });
    const error = await gateway.listen().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayListenError);
    expect((error as GatewayListenError).code).toBe('EADDRINUSE');
    expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use; choose another with --port`);
    await gateway.close();
  });

  it('binds 127.0.0.1 and ::1 by default, skipping ::1 quietly where it is absent', async () => {
    const logs: string[] = [];
    const gateway = createGateway({ port: 0, agents: new StaticAgentSource(), log: (l) => logs.push(l) });
    await gateway.listen();
    try {
      const reply = await send(gateway.port, { host: `x.localhost:${gateway.port}`, path: '/' });
      expect(reply.status).toBe(421);
      const ipv6 = logs.some((l) => l.includes('listening on 127.0.0.1, ::1'));
      if (ipv6) {
        // Same port, same answers on ::1.
        const v6 = await new Promise<number>((resolve, reject) => {
          const req = httpRequest({ host: '::1', port: gateway.port, path: '/', headers: { host: 'evil.example' }, agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
        expect(v6).toBe(421);
      } else {
        expect(logs.some((l) => l.includes('listening on 127.0.0.1 port'))).toBe(true);
      }
    } finally {
      await gateway.close();
    }
  });

  it('skips an unavailable extra bind address but fails on an unavailable first one', async () => {
    const gateway = createGateway({ port: 0, agents: new StaticAgentSource(), bindHosts: ['127.0.0.1', '192.0.2.1'] });
    await gateway.listen();
    await gateway.close();
    const bad = createGateway({ port: 0, agents: new StaticAgentSource(), bindHosts: ['192.0.2.1'] });
    await expect(bad.listen()).rejects.toThrow(/192\.0\.2\.1 is not an address of this machine/);
    await bad.close();
  });
});
