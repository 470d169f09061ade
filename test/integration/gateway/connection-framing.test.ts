import { afterEach, describe, expect, it } from 'vitest';
import { enterAgent, send, sendRaw, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const METHODS = ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'POST', 'PUT', 'PATCH'];

/** A second request hidden in a body: if it ever reaches the agent, the agent counts it (and its bearer). */
const SMUGGLED = 'GET /chat/__test/echo?smuggled=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

/**
 * Issue 9, finding 2: `Connection: content-length` made the gateway drop the
 * header but still forward the body, unframed for GET/HEAD/DELETE/OPTIONS;
 * the agent read it as a second request on the pooled socket, answered with
 * the bearer, and the next client got that answer. Any Connection header
 * naming a header the gateway frames or checks requests by is refused.
 */
describe('gateway: no body without its framing', () => {
  it('refuses Connection naming Content-Length, Transfer-Encoding, Host and the like, for every method; only real requests reach the agent', async () => {
    h = await startHarness();
    const cookie = await enterAgent(h);
    const variants = [
      { connection: 'content-length', framing: `Content-Length: ${SMUGGLED.length}\r\n`, body: SMUGGLED },
      { connection: 'Content-Length, keep-alive', framing: `Content-Length: ${SMUGGLED.length}\r\n`, body: SMUGGLED },
      { connection: 'transfer-encoding', framing: 'Transfer-Encoding: chunked\r\n', body: `${SMUGGLED.length.toString(16)}\r\n${SMUGGLED}\r\n0\r\n\r\n` },
      { connection: 'host', framing: `Content-Length: ${SMUGGLED.length}\r\n`, body: SMUGGLED },
      { connection: 'sec-fetch-site', framing: 'Content-Length: 0\r\n', body: '' },
      { connection: 'origin', framing: 'Content-Length: 0\r\n', body: '' },
      { connection: 'expect', framing: 'Content-Length: 0\r\n', body: '' },
    ];
    for (const method of METHODS) {
      for (const variant of variants) {
        const head = `${method} /chat/__test/echo HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\nConnection: ${variant.connection}\r\n${variant.framing}\r\n`;
        // Then a plain request on the same connection: if the gateway read on, the answers would shift.
        const follow = `GET /chat/__test/echo?follow=1 HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\n\r\n`;
        const answer = await sendRaw(h.port, head + variant.body + follow, 500);
        expect(answer.startsWith('HTTP/1.1 400 '), `${method} Connection: ${variant.connection}`).toBe(true);
        // A HEAD answer has no body to say why.
        if (method !== 'HEAD') expect(answer, `${method} Connection: ${variant.connection}`).toMatch(/Connection header may not name/);
        expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
      }
    }
    expect(h.fake.counters.requests).toBe(0);

    // Control: the same requests without the Connection trick are served, one request each, each with the bearer.
    for (const method of METHODS) {
      const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
      const headers = { cookie, connection: 'keep-alive', ...(body ? { 'content-length': String(body.length) } : {}) };
      const reply = await send(h.port, { host: h.host, path: '/chat/__test/echo', method, headers, body });
      expect(reply.status, method).toBe(200);
    }
    expect(h.fake.counters.requests).toBe(METHODS.length);
    expect(h.fake.requests.every((r) => r.headers.authorization === `Bearer ${h!.fake.token}`)).toBe(true);
    expect(h.fake.requests.some((r) => r.url.includes('smuggled'))).toBe(false);
  });

  it('refuses a WebSocket handshake that declares a body, at once (no 504 wait)', async () => {
    h = await startHarness();
    const cookie = await enterAgent(h);
    const handshake = (extra: string) =>
      `GET /chat/__test/ws HTTP/1.1\r\nHost: ${h!.host}\r\nCookie: ${cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;
    for (const extra of [`Content-Length: ${SMUGGLED.length}\r\n`, 'Content-Length: 0\r\n', 'Transfer-Encoding: chunked\r\n', 'Connection: Upgrade, content-length\r\n']) {
      const answer = await sendRaw(h.port, handshake(extra) + SMUGGLED, 500);
      expect(answer.startsWith('HTTP/1.1 400 '), extra).toBe(true);
    }
    expect(h.fake.counters.wsConnections).toBe(0);
    expect(h.fake.counters.requests).toBe(0);
    // Control: a plain handshake goes through.
    const ok = await sendRaw(h.port, handshake(''), 500);
    expect(ok.startsWith('HTTP/1.1 101 ')).toBe(true);
  });
});
