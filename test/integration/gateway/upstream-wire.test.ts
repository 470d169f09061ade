/**
 * The undici upstream seam as the agent sees it: every assertion is about
 * bytes that arrived at a raw TCP agent stand-in (test/fixtures/raw-upstream.ts)
 * or at a raw client, never about a header list the gateway built. Covers the
 * traps undici brings (headers it refuses, Expect, informational heads,
 * client aborts, deaths mid-body, pooled sockets reset between requests).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../main/core/gateway/gateway.js';
import type { UpstreamClient } from '../../../main/core/upstream/index.js';
import { answer, header, type RawUpstream } from '../../fixtures/raw-upstream.js';
import { waitFor } from '../../helpers/wait-for.js';
import { send, sendRaw, startRawGateway } from './harness.js';

const TOKEN = 'wire-canary-token-'.padEnd(48, 'w');

describe('upstream seam on the wire', () => {
  let upstream: RawUpstream;
  let client: UpstreamClient;
  let gateway: Gateway;
  let host: string;
  let cookie: string;

  beforeEach(async () => {
    ({ upstream, client, gateway, host, cookie } = await startRawGateway('wire', TOKEN));
  });

  afterEach(async () => {
    await gateway.close();
    await client.close();
    await upstream.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => send(gateway.port, { host, path, headers: { cookie, ...headers } });

  it('sends one bearer and its own Host, none of the headers undici refuses, and keeps a chunked body framed', async () => {
    const raw = await sendRaw(
      gateway.port,
      [
        'POST /chat/x HTTP/1.1',
        `Host: ${host}`,
        `Cookie: ${cookie}`,
        `Origin: http://${host}`,
        'Authorization: Basic eA==',
        'Connection: close, X-Hop',
        'Keep-Alive: timeout=5',
        'X-Hop: hop secret',
        'Upgrade: h2c',
        'TE: trailers',
        'Transfer-Encoding: chunked',
        'X-Kept: yes',
        '',
        '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      ].join('\r\n'),
    );
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const seen = upstream.requests.at(-1)!;
    expect(seen.method).toBe('POST');
    expect(header(seen, 'authorization')).toEqual([`Bearer ${TOKEN}`]);
    expect(header(seen, 'host')).toEqual([`127.0.0.1:${upstream.port}`]);
    // undici's own (it keeps the pooled socket); the client's `close` was for its own connection.
    expect(header(seen, 'connection')).toEqual(['keep-alive']);
    expect(header(seen, 'x-kept')).toEqual(['yes']);
    for (const name of ['keep-alive', 'upgrade', 'x-hop', 'te', 'cookie', 'expect']) expect(header(seen, name), name).toEqual([]);
    // Framed exactly one way: chunked, or a Content-Length when the whole body had already arrived.
    const framing = [...header(seen, 'transfer-encoding').map((v) => `te ${v}`), ...header(seen, 'content-length').map((v) => `cl ${v}`)];
    expect(framing).toHaveLength(1);
    expect(['te chunked', 'cl 11']).toContain(framing[0]);
    expect(seen.body.toString()).toBe('hello world');
    expect(seen.head).not.toContain('hop secret');
  });

  // A Connection naming Transfer-Encoding or Content-Length is refused before this step (connection-framing.test.ts).
  it('drops only the headers Connection names (any case and spacing), never the body framing', async () => {
    const raw = await sendRaw(
      gateway.port,
      `DELETE /chat/x HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nOrigin: http://${host}\r\nConnection:  Close ,X-A,,x-b\r\nX-A: 1\r\nX-B: 2\r\nX-C: 3\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n`,
    );
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const seen = upstream.requests.at(-1)!;
    expect(seen.method).toBe('DELETE');
    expect(header(seen, 'x-a')).toEqual([]);
    expect(header(seen, 'x-b')).toEqual([]);
    expect(header(seen, 'x-c')).toEqual(['3']);
    // The body of a DELETE stays its body: a second request cannot hide in it.
    expect(seen.body.toString()).toBe('body');
    expect(upstream.requests).toHaveLength(1);
  });

  it('answers Expect: 100-continue itself and sends the agent the body without Expect', async () => {
    const socket = connect(gateway.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`PUT /chat/upload HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nOrigin: http://${host}\r\nExpect: 100-continue\r\nContent-Length: 7\r\nConnection: close\r\n\r\n`);
    await waitFor(() => Buffer.concat(received).toString().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), { message: '100 Continue from the gateway' });
    // Nothing went upstream before the body: the agent never had to answer Expect.
    expect(upstream.requests).toHaveLength(0);
    socket.write('payload');
    await new Promise((resolve) => socket.once('close', resolve));
    const reply = Buffer.concat(received).toString();
    expect(reply).toContain('HTTP/1.1 200 OK');
    const seen = upstream.requests.at(-1)!;
    expect(header(seen, 'expect')).toEqual([]);
    expect(header(seen, 'content-length')).toEqual(['7']);
    expect(seen.body.toString()).toBe('payload');
  });

  it('refuses a body with a transfer coding other than chunked (undici would drop the coding), sending nothing upstream', async () => {
    const raw = await sendRaw(
      gateway.port,
      `POST /chat/x HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nOrigin: http://${host}\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n`,
    );
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 501 Not Implemented');
    expect(upstream.requests).toHaveLength(0);
  });

  it('does not relay an informational head; the final answer follows', async () => {
    upstream.handle = (socket) => {
      socket.write('HTTP/1.1 103 Early Hints\r\nlink: </chat/app.js>; rel=preload\r\n\r\n');
      answer(socket, 200, 'final');
    };
    const raw = await sendRaw(gateway.port, `GET /chat/x HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(raw).not.toContain('103');
    expect(raw.endsWith('final')).toBe(true);
  });

  it('a client that leaves, before the head or mid-body, ends the upstream request: no socket or pool slot stays busy', async () => {
    upstream.handle = (socket, request) => {
      // /chat/hang never answers; /chat/stream sends a head and one chunk, then nothing.
      if (request.target === '/chat/stream') socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n6\r\ndata:1\r\n');
    };
    for (const path of ['/chat/hang', '/chat/stream']) {
      const req = httpRequest({ hostname: '127.0.0.1', port: gateway.port, path, agent: false, headers: { host, cookie } });
      req.on('error', () => {});
      req.end();
      if (path === '/chat/stream') {
        const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve));
        res.on('error', () => {});
        await new Promise((resolve) => res.once('data', resolve));
      } else {
        await waitFor(() => upstream.requests.some((r) => r.target === path), { message: 'the request reached the agent' });
      }
      const { connection } = upstream.requests.find((r) => r.target === path)!;
      expect(upstream.closed.has(connection)).toBe(false);
      req.destroy();
      await waitFor(() => upstream.closed.has(connection), { message: `upstream socket of ${path} closed after the client left` });
      await waitFor(() => client.stats().running === 0 && client.stats().pending === 0, { message: 'no request left running in the pool' });
    }
    upstream.handle = (socket) => answer(socket);
    expect((await get('/chat/after')).status).toBe(200);
  });

  it('an upstream that dies mid-body ends the client response with an error, and the next request is served', async () => {
    upstream.handle = (socket, request) => {
      if (request.target === '/chat/half') {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten..');
        socket.destroy();
      } else if (request.target === '/chat/sse') {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n6\r\ndata:1\r\n');
        setTimeout(() => socket.resetAndDestroy(), 50);
      } else {
        answer(socket);
      }
    };
    for (const path of ['/chat/half', '/chat/sse']) {
      const outcome = await get(path).then(
        (reply) => reply,
        (error: Error) => error,
      );
      expect(outcome, path).toBeInstanceOf(Error);
    }
    expect((await get('/chat/ok')).status).toBe(200);
  });
});

describe('a pooled socket reset by the agent between requests', () => {
  let upstream: RawUpstream;
  let client: UpstreamClient;
  let gateway: Gateway;
  let host: string;
  let cookie: string;

  beforeEach(async () => {
    ({ upstream, client, gateway, host, cookie } = await startRawGateway('resets', TOKEN));
    // The first request on a connection is answered (keep-alive); any later one on it is reset on arrival.
    upstream.handle = (socket, request) => (request.indexOnConnection === 0 ? answer(socket) : socket.resetAndDestroy());
    // A first request leaves one keep-alive socket in the pool.
    expect((await send(gateway.port, { host, path: '/chat/warm', headers: { cookie } })).status).toBe(200);
  });

  afterEach(async () => {
    await gateway.close();
    await client.close();
    await upstream.close();
  });

  const seen = () => upstream.requests.map((r) => `${r.method} ${r.target} @${r.connection}`);

  it('is retried once, on a new connection, for a GET without a body', async () => {
    const reply = await send(gateway.port, { host, path: '/chat/again', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(seen()).toEqual(['GET /chat/warm @0', 'GET /chat/again @0', 'GET /chat/again @1']);
  });

  it('is not retried for a POST without a body, nor for a GET with one: 502', async () => {
    const post = await send(gateway.port, { host, path: '/chat/post', method: 'POST', headers: { cookie, origin: `http://${host}`, 'content-length': '0' } });
    expect(post.status).toBe(502);
    expect(JSON.parse(post.body).error.message).toContain('connection reset');
    // The reset socket is gone; warm a new one (connection 1) and reset a GET with a body on it.
    expect((await send(gateway.port, { host, path: '/chat/warm', headers: { cookie } })).status).toBe(200);
    const withBody = await send(gateway.port, { host, path: '/chat/get-body', headers: { cookie, 'content-length': '4' }, body: 'data' });
    expect(withBody.status).toBe(502);
    expect(seen()).toEqual(['GET /chat/warm @0', 'POST /chat/post @0', 'GET /chat/warm @1', 'GET /chat/get-body @1']);
  });

  it('is retried only once: an agent that resets every request gets two attempts, then 502', async () => {
    upstream.handle = (socket) => socket.resetAndDestroy();
    const reply = await send(gateway.port, { host, path: '/chat/flaky', headers: { cookie } });
    expect(reply.status).toBe(502);
    expect(seen().filter((line) => line.startsWith('GET /chat/flaky'))).toHaveLength(2);
  });
});
