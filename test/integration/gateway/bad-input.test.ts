import { afterEach, describe, expect, it } from 'vitest';
import { enterAgent, send, sendRaw, startHarness, type Harness } from './harness.js';

const CANARY = 'c4n4ry0c4n4ry1c4n4ry2c4n4ry3c4n4ry4c4n4ry5c4n4ry6';
const WS = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

/** Raw requests a browser never sends; each must get a short answer of its own and reach nothing upstream. */
function badRequests(h: Harness, cookie: string): Record<string, string> {
  const host = h.host;
  const withSession = `Host: ${host}\r\nCookie: ${cookie}\r\n`;
  return {
    'CONNECT to the agent host': `CONNECT ${host} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    'CONNECT to the agent port': `CONNECT 127.0.0.1:${h.fake.port} HTTP/1.1\r\nHost: 127.0.0.1:${h.fake.port}\r\n\r\n`,
    'TRACE with a session (an agent implementing it would reflect the bearer)': `TRACE /chat/ HTTP/1.1\r\n${withSession}\r\n`,
    'TRACK with a session': `TRACK /chat/ HTTP/1.1\r\n${withSession}\r\n`,
    'absolute-form URI to another host': `GET http://evil.example/chat/ HTTP/1.1\r\n${withSession}\r\n`,
    'OPTIONS *': `OPTIONS * HTTP/1.1\r\n${withSession}\r\n`,
    'a method with a bad character': `G@T /chat/ HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    'HTTP/0.9': 'GET /chat/\r\n\r\n',
    'HTTP/1.0 without Host': 'GET /chat/ HTTP/1.0\r\n\r\n',
    'Host with userinfo': `GET /chat/ HTTP/1.1\r\nHost: user@${host}\r\n\r\n`,
    'a bad chunk size': `POST /chat/__test/upload HTTP/1.1\r\n${withSession}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    'a transfer coding other than chunked': `POST /chat/__test/upload HTTP/1.1\r\n${withSession}Transfer-Encoding: gzip\r\n\r\n`,
    'two Content-Lengths': `POST /chat/__test/upload HTTP/1.1\r\n${withSession}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
    'a negative Content-Length': `POST /chat/ HTTP/1.1\r\n${withSession}Content-Length: -1\r\n\r\n`,
    'NUL in a header': `GET /chat/ HTTP/1.1\r\n${withSession}X-A: a\u0000b\r\n\r\n`,
    'bare LF line ends': `GET /chat/ HTTP/1.1\nHost: ${host}\nCookie: ${cookie}\n\n`,
    'space before the colon': `GET /chat/ HTTP/1.1\r\nHost : ${host}\r\nCookie: ${cookie}\r\n\r\n`,
    'obsolete line folding': `GET /chat/ HTTP/1.1\r\n${withSession}X-A: a\r\n b\r\n\r\n`,
    'a 100 kB URL': `GET /chat/${'a'.repeat(100_000)} HTTP/1.1\r\n${withSession}\r\n`,
    'the HTTP/2 preface': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'a TLS ClientHello': '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
    'h2c upgrade with a session': `GET /chat/ HTTP/1.1\r\n${withSession}Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`,
    'WebSocket on the desk host': `GET / HTTP/1.1\r\nHost: ${h.deskHost}\r\n${WS}\r\n`,
    'WebSocket without a session': `GET /chat/ HTTP/1.1\r\nHost: ${host}\r\n${WS}\r\n`,
  };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('bad input', () => {
  it('every refusal is a short plain answer without token, upstream address or stack; nothing reaches the agent; the gateway keeps answering', async () => {
    h = await startHarness({ fake: { token: CANARY } });
    const cookie = await enterAgent(h);
    const before = h.fake.counters.requests;
    for (const [name, raw] of Object.entries(badRequests(h, cookie))) {
      const answer = await sendRaw(h.port, raw, 1_000);
      expect(answer, name).toMatch(/^HTTP\/1\.1 (400|401|404|405|421|431|501) [A-Za-z ]+\r\n/);
      expect(answer.length, name).toBeLessThan(1_024);
      expect(answer, name).not.toContain(CANARY);
      expect(answer, name).not.toContain(`:${h.fake.port}`);
      expect(answer, name).not.toMatch(/\bat [\w.<>]+ \(|\.[jt]s:\d+/);
    }
    expect(h.fake.requestsSince(before).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(h.logs.join('\n')).not.toContain(CANARY);
    expect((await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } })).status).toBe(200);
  }, 60_000);
});
