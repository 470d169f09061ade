/**
 * The plain-HTTP path (main/core/gateway/http-forward.ts) against tiny
 * upstreams whose every byte the test controls: pooled keep-alive upstream
 * sockets, body framing, hop-by-hop response headers, HTTP/1.0 clients,
 * heads Node refuses to write, fragments, environment proxies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../../main/core/gateway/gateway.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';
import { cookieOf, pathOf, send, sendRaw } from './harness.js';

const TOKEN = 'fastpath-canary-token-'.padEnd(48, 'x');
const BIG = randomBytes(32 * 1024 * 1024);

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface TinyUpstream {
  port: number;
  /** TCP connections the upstream accepted: one per upstream socket the gateway opened. */
  connections: number;
  /** Times the upstream's write() said the gateway was not taking more. */
  blocked: number;
  requests: Seen[];
  close(): Promise<void>;
}

/** A node:http upstream that records every request (with its body) and counts connections. */
async function startTinyUpstream(): Promise<TinyUpstream> {
  const sockets = new Set<Socket>();
  const state: TinyUpstream = { port: 0, connections: 0, blocked: 0, requests: [], close: async () => {} };
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('latin1') });
      if (req.url === '/chat/hop') {
        res.writeHead(200, {
          connection: 'x-hop',
          'x-hop': 'agent-side only',
          'keep-alive': 'timeout=9',
          upgrade: 'h2c',
          'proxy-authenticate': 'Basic',
          'set-cookie': 'agent=1',
          'x-end-to-end': 'kept',
          'content-length': 2,
        });
        res.end('ok');
      } else if (req.url === '/chat/reason') {
        res.writeHead(200, 'Fine By Me', { 'content-length': 2 });
        res.end('ok');
      } else if (req.url === '/chat/big') {
        // 32 MiB in 64 KiB chunks, written only as fast as the gateway takes them.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let sent = 0;
        const pump = (): void => {
          while (sent < BIG.length) {
            const chunk = BIG.subarray(sent, sent + 65_536);
            sent += chunk.length;
            if (!res.write(chunk)) {
              state.blocked += 1;
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      } else if (req.url === '/chat/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first,');
        setTimeout(() => res.end('second'), 20);
      } else {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
        res.end('ok');
      }
    });
  });
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as { port: number }).port;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** A raw TCP upstream that answers every request with `head` and a 2-byte body (heads node:http would never write). */
async function startRawUpstream(head: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', () => socket.write(`${head}\r\ncontent-length: 2\r\n\r\nok`));
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('gateway plain-HTTP path', () => {
  let upstream: TinyUpstream;
  let source: StaticAgentSource;
  let gateway: Gateway;
  let host: string;
  let cookie: string;
  let agentId: string;
  const logs: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  async function enter(id: string): Promise<string> {
    const target = pathOf(gateway.agentEnterUrl(id));
    const reply = await send(gateway.port, target);
    expect(reply.status).toBe(302);
    return cookieOf(reply);
  }

  beforeEach(async () => {
    logs.length = 0;
    upstream = await startTinyUpstream();
    source = new StaticAgentSource();
    const agent = source.add({ name: 'tiny', port: upstream.port, token: TOKEN, basePath: '/chat' });
    agentId = agent.record.id;
    gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, log: (line) => logs.push(line) });
    await gateway.listen();
    host = `${agent.record.label}.localhost:${gateway.port}`;
    cookie = await enter(agentId);
  });

  afterEach(async () => {
    await gateway.close();
    await upstream.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('reuses pooled keep-alive upstream sockets across requests and clients', async () => {
    for (let i = 0; i < 30; i += 1) {
      // Each on a fresh client connection: only the gateway's pool can explain a shared upstream socket.
      const reply = await send(gateway.port, { host, path: `/chat/ping?i=${i}`, headers: { cookie } });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('ok');
    }
    expect(upstream.requests).toHaveLength(30);
    expect(upstream.connections).toBe(1);
    for (const seen of upstream.requests) {
      expect(seen.headers.connection).toBe('keep-alive');
      expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    // Bursts of 8 at once: at most 8 sockets, reused by the next burst.
    for (let burst = 0; burst < 3; burst += 1) {
      const replies = await Promise.all(Array.from({ length: 8 }, () => send(gateway.port, { host, path: '/chat/ping', headers: { cookie } })));
      expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    }
    expect(upstream.requests).toHaveLength(54);
    expect(upstream.connections).toBeLessThanOrEqual(8);
  });

  it('keeps a chunked request body the body of its own request upstream, whatever the method', async () => {
    const smuggled = 'GET /chat/smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const chunked = `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const methods = ['GET', 'DELETE', 'OPTIONS', 'POST'];
    for (const method of methods) {
      const reply = await sendRaw(
        gateway.port,
        `${method} /chat/body HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nOrigin: http://${host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked}`,
      );
      expect(reply.split('\r\n')[0], method).toBe('HTTP/1.1 200 OK');
    }
    expect(upstream.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual(methods.map((method) => `${method} /chat/body`));
    for (const seen of upstream.requests) {
      expect(seen.body, seen.method).toBe(smuggled);
      expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('keeps hop-by-hop response headers and Set-Cookie on the agent side; status and reason pass', async () => {
    const reply = await send(gateway.port, { host, path: '/chat/hop', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-end-to-end']).toBe('kept');
    for (const name of ['x-hop', 'keep-alive', 'upgrade', 'proxy-authenticate', 'set-cookie']) {
      expect(reply.headers[name], name).toBeUndefined();
    }
    // The client's connection is the gateway's to keep or close, not the agent's.
    expect(reply.headers.connection).not.toContain('x-hop');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const raw = await sendRaw(gateway.port, `GET /chat/reason HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 Fine By Me');
  });

  it('relays a large download to a client that stops reading, with backpressure to the agent, every byte in order', async () => {
    const req = httpRequest({ hostname: '127.0.0.1', port: gateway.port, path: '/chat/big', agent: false, headers: { host, cookie } });
    req.end();
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    expect(res.statusCode).toBe(200);
    res.pause();
    // The client reads nothing: the gateway must stop taking the body, so the agent's writes block.
    await waitFor(() => upstream.blocked > 0, { timeoutMs: 15_000, message: 'the upstream felt backpressure' });
    const hash = createHash('sha256');
    let bytes = 0;
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      res.on('end', resolve);
      res.on('error', reject);
      res.resume();
    });
    expect(bytes).toBe(BIG.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(BIG).digest('hex'));
  });

  it('gives an HTTP/1.0 client the whole body of a chunked upstream response, close-delimited', async () => {
    const raw = await sendRaw(gateway.port, `GET /chat/chunked HTTP/1.0\r\nHost: ${host}\r\nCookie: ${cookie}\r\n\r\n`);
    const [head, body] = raw.split('\r\n\r\n');
    expect(head!.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(head!.toLowerCase()).not.toContain('transfer-encoding');
    expect(body).toBe('first,second');
  });

  it('sends path and query upstream unchanged and leaves a fragment out', async () => {
    const raw = await sendRaw(gateway.port, `GET /chat/x?q=%2F"{1}"#frag HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(upstream.requests.at(-1)!.url).toBe('/chat/x?q=%2F"{1}"');
  });

  it('answers 502 to an upstream head Node cannot write, and stays up', async () => {
    for (const head of ['HTTP/1.1 099 Low', 'HTTP/1.1 200 Bad\u0001Reason']) {
      const raw = await startRawUpstream(head);
      cleanups.push(() => raw.close());
      const odd = source.add({ name: `odd-${raw.port}`, port: raw.port, token: TOKEN, basePath: '/chat' });
      const oddHost = `${odd.record.label}.localhost:${gateway.port}`;
      const oddCookie = await enter(odd.record.id);
      const reply = await send(gateway.port, { host: oddHost, path: '/chat/x', headers: { cookie: oddCookie } });
      expect(reply.status, JSON.stringify(head)).toBe(502);
      expect(JSON.parse(reply.body).error).toMatchObject({ code: 'agent-unavailable', message: expect.stringContaining('invalid HTTP response') });
      expect(reply.body).not.toContain(TOKEN);
    }
    expect((await send(gateway.port, { host, path: '/chat/ping', headers: { cookie } })).status).toBe(200);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('never sends agent traffic through an environment proxy', async () => {
    const names = ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;
    const saved = names.map((name) => process.env[name]);
    // A closed port: a request sent there would fail.
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    process.env.http_proxy = 'http://127.0.0.1:9';
    process.env.NO_PROXY = '';
    process.env.no_proxy = '';
    try {
      const reply = await send(gateway.port, { host, path: '/chat/ping', headers: { cookie } });
      expect(reply.status).toBe(200);
      expect(upstream.requests.at(-1)!.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    } finally {
      names.forEach((name, i) => {
        if (saved[i] === undefined) delete process.env[name];
        else process.env[name] = saved[i];
      });
    }
  });

  it('sends a changed token from the next request on (the per-endpoint bearer is rebuilt, not cached past it)', async () => {
    source.update(agentId, { token: 'n'.repeat(48) });
    const fresh = await enter(agentId);
    expect((await send(gateway.port, { host, path: '/chat/ping', headers: { cookie: fresh } })).status).toBe(200);
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${'n'.repeat(48)}`);
  });
});
