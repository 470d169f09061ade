import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import { collect, echoed, enterAgent, send, startHarness, type Harness } from './harness.js';

describe('gateway proxying', () => {
  let h: Harness;
  let cookie: string;
  beforeEach(async () => {
    h = await startHarness();
    cookie = await enterAgent(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const bearer = () => `Bearer ${h.fake.token}`;

  it('injects the bearer, strips client credentials, forwarding and hop-by-hop headers', async () => {
    const reply = await send(h.port, {
      host: h.host,
      path: '/chat/__test/echo?b=2&a=%2F&a=1',
      headers: {
        cookie: `${cookie}; term_llm_token=client`,
        authorization: 'Bearer client-supplied',
        'x-api-key': 'client-key',
        'proxy-authorization': 'Basic eA==',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=6.6.6.6',
        connection: 'keep-alive, x-hop-secret',
        'x-hop-secret': 'must not pass',
        te: 'trailers',
        'x-kept': 'yes',
      },
    });
    const echo = echoed(reply);
    expect(echo.url).toBe('/chat/__test/echo?b=2&a=%2F&a=1');
    expect(echo.headers.authorization).toBe(bearer());
    expect(echo.headers['x-kept']).toBe('yes');
    for (const name of ['cookie', 'x-api-key', 'proxy-authorization', 'x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-hop-secret', 'te']) {
      expect(echo.headers[name], name).toBeUndefined();
    }
    expect(echo.headers.host).toBe(`127.0.0.1:${h.fake.port}`);
    expect(echo.rawHeaders.filter((v, i) => i % 2 === 0 && v.toLowerCase() === 'authorization')).toHaveLength(1);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    // Framed only by the desk; frames and embeds only of its own origin or of no gateway host (issue 9 finding 3).
    expect(reply.headers['content-security-policy']).toBe(
      `frame-ancestors http://${h.deskHost}; frame-src 'self' https: blob: data:; object-src 'self' https: blob: data:`,
    );
  });

  it('still carries the token on a request with Expect: 100-continue', async () => {
    const body = Buffer.from(JSON.stringify({ hello: 'world' }));
    const reply = await new Promise<Awaited<ReturnType<typeof collect>>>((resolve, reject) => {
      const req = httpRequest({
        hostname: '127.0.0.1',
        port: h.port,
        method: 'POST',
        path: '/chat/__test/echo',
        agent: false,
        headers: { host: h.host, cookie, expect: '100-continue', 'content-length': body.length, origin: `http://${h.host}` },
      });
      req.on('continue', () => req.end(body));
      req.on('response', (res) => collect(res).then(resolve, reject));
      req.on('error', reject);
    });
    const echo = echoed(reply);
    expect(echo.method).toBe('POST');
    expect(echo.headers.authorization).toBe(bearer());
  });

  it('refuses an Expect: 100-continue request without a session before the body is sent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/__test/upload', agent: false, headers: { host: h.host, expect: '100-continue', 'content-length': 10 } });
      req.on('continue', () => reject(new Error('got 100 Continue without a session')));
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(401);
    expect(h.fake.counters.requests).toBe(0);
  });

  it('answers HEAD and empty bodies correctly', async () => {
    const head = await send(h.port, { host: h.host, path: '/chat/healthz', method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const empty = await send(h.port, { host: h.host, path: '/chat/__test/upload', method: 'POST', body: '', headers: { cookie, 'content-length': '0' } });
    expect(JSON.parse(empty.body)).toMatchObject({ bytes: 0 });
    const del = echoed(await send(h.port, { host: h.host, path: '/chat/__test/echo', method: 'DELETE', headers: { cookie } }));
    expect(del.method).toBe('DELETE');
  });

  it('drops upstream Set-Cookie and rewrites upstream-absolute redirects, 303 included', async () => {
    const cookieReply = await send(h.port, { host: h.host, path: '/chat/__test/set-cookie', headers: { cookie } });
    expect(cookieReply.status).toBe(200);
    expect(cookieReply.headers['set-cookie']).toBeUndefined();
    for (const status of [301, 302, 303, 307, 308]) {
      const to = encodeURIComponent(`${h.fake.url}/chat/next?x=1`);
      const reply = await send(h.port, { host: h.host, path: `/chat/__test/redirect?to=${to}&status=${status}`, headers: { cookie } });
      expect(reply.status).toBe(status);
      expect(reply.headers.location).toBe(`http://${h.host}/chat/next?x=1`);
    }
    const external = await send(h.port, { host: h.host, path: `/chat/__test/redirect?to=${encodeURIComponent('https://example.com/x')}`, headers: { cookie } });
    expect(external.headers.location).toBe('https://example.com/x');
    const relative = await send(h.port, { host: h.host, path: '/chat', headers: { cookie } });
    expect(relative.headers.location).toBe('/chat/');
  });

  it('streams a large upload through intact', async () => {
    const payload = randomBytes(24 * 1024 * 1024);
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/upload', method: 'POST', body: payload, headers: { cookie, 'content-type': 'application/octet-stream' } });
    expect(JSON.parse(reply.body)).toEqual({ bytes: payload.length, sha256: createHash('sha256').update(payload).digest('hex') });
  });

  it('passes chunked bodies through', async () => {
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/chunked', headers: { cookie } });
    expect(reply.body).toBe('chunk-1\nchunk-2\nchunk-3\nchunk-4\n');
  });

  it('delivers the first SSE event before the upstream ends; client abort closes the upstream stream', async () => {
    const req = httpRequest({
      hostname: '127.0.0.1',
      port: h.port,
      method: 'POST',
      path: '/chat/v1/responses',
      agent: false,
      headers: { host: h.host, cookie, 'content-type': 'application/json', origin: `http://${h.host}` },
    });
    req.end(JSON.stringify({ stream: true, forever: true }));
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const first = await new Promise<string>((resolve) => res.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(first).toContain('event: response.output_text.delta');
    expect(h.fake.counters.streamsStarted).toBe(1);
    expect(h.fake.counters.streamsAborted).toBe(0); // forever: the upstream has not ended
    req.destroy();
    await waitFor(() => h.fake.counters.streamsAborted === 1, { message: 'upstream stream aborted after client left' });
    // The gateway survives the vanished client.
    expect((await send(h.port, { host: h.host, path: '/chat/healthz', headers: { cookie } })).status).toBe(200);
  });

  it('200 concurrent SSE streams all reach the agent and all close upstream when their clients leave', async () => {
    const requests = Array.from({ length: 200 }, () => {
      const req = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/v1/responses', agent: false, headers: { host: h.host, cookie } });
      req.on('error', () => {});
      req.end(JSON.stringify({ stream: true, forever: true, intervalMs: 200 }));
      return req;
    });
    const responses = await Promise.all(requests.map((req) => new Promise<IncomingMessage>((resolve) => req.on('response', resolve))));
    for (const res of responses) res.on('error', () => {}).resume();
    await waitFor(() => h.fake.counters.streamsStarted === 200, { timeoutMs: 15_000, message: '200 streams started' });
    for (const req of requests) req.destroy();
    await waitFor(() => h.fake.counters.streamsAborted === 200 && h.fake.counters.open === 0, { timeoutMs: 15_000, message: 'every upstream stream closed' });
  });

  it('ends in-flight streams when the agent token changes (sessions revoked), then uses the new token', async () => {
    const req = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/v1/responses', agent: false, headers: { host: h.host, cookie, origin: `http://${h.host}` } });
    req.on('error', () => {});
    req.end(JSON.stringify({ stream: true, forever: true }));
    const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve));
    res.on('error', () => {});
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    res.resume();
    await waitFor(() => h.fake.counters.streamsStarted === 1);
    h.source.update(h.agent.record.id, { token: 'c'.repeat(48) });
    h.fake.setToken('c'.repeat(48));
    await closed;
    await waitFor(() => h.fake.counters.streamsAborted === 1, { message: 'old stream closed upstream' });
    expect((await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } })).status).toBe(401);
    const fresh = await enterAgent(h);
    const echo = echoed(await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: fresh } }));
    expect(echo.headers.authorization).toBe(`Bearer ${'c'.repeat(48)}`);
  });

  it('upstream down: friendly page for navigations, JSON 502 for API calls', async () => {
    await h.fake.stop();
    const page = await send(h.port, { host: h.host, path: '/chat/', headers: { cookie, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' } });
    expect(page.status).toBe(502);
    expect(page.body).toContain('bob');
    expect(page.body).toContain('connection refused');
    // No timed refresh (an accessibility failure); the desk reloads the frame itself when the agent is back.
    expect(page.body).not.toContain('http-equiv="refresh"');
    expect(page.body).toContain('<a href="">try again</a>');
    // Says what to do, never a health status that may lag (it read "State: ready, online" on a dead agent).
    expect(page.body).toContain('bob is offline');
    expect(page.body).toContain('term-llm contain start bob');
    expect(page.body).not.toMatch(/State:|online/);
    expect(page.body).toMatch(/<main>.*<h1>/s);
    const api = await send(h.port, { host: h.host, path: '/chat/v1/sessions/status', headers: { cookie } });
    expect(api.status).toBe(502);
    expect(JSON.parse(api.body).error.code).toBe('agent-unavailable');
    expect(page.body + api.body).not.toContain(String(h.fake.port));
    await h.fake.restart();
    expect((await send(h.port, { host: h.host, path: '/chat/healthz', headers: { cookie } })).status).toBe(200);
  });

  it('survives upstream resets and half-written responses', async () => {
    const half = await send(h.port, { host: h.host, path: '/chat/__test/half', headers: { cookie } }).then(
      (reply) => reply,
      (error: Error) => error,
    );
    // The client must learn the body is incomplete: an error, not a clean end.
    expect(half).toBeInstanceOf(Error);
    h.fake.setMode('reset');
    const reset = await send(h.port, { host: h.host, path: '/chat/healthz', headers: { cookie } });
    expect(reset.status).toBe(502);
    h.fake.setMode('ok');
    expect((await send(h.port, { host: h.host, path: '/chat/healthz', headers: { cookie } })).status).toBe(200);
  });

  it('an agent without an endpoint gets a 503 offline answer', async () => {
    const lonely = h.source.add({ name: 'lonely' });
    const lonelyHost = `${lonely.record.label}.localhost:${h.port}`;
    const enter = new URL(h.gateway.agentEnterUrl(lonely.record.id));
    const entered = await send(h.port, { host: lonelyHost, path: enter.pathname + enter.search });
    const c = entered.headers['set-cookie']![0]!.split(';')[0]!;
    const reply = await send(h.port, { host: lonelyHost, path: '/chat/', headers: { cookie: c } });
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body).error.message).toContain('lonely');
  });
});

describe('gateway timeouts', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('answers 504 when response headers do not come in time, and ends the upstream request', async () => {
    h = await startHarness({ gateway: { responseHeaderTimeoutMs: 300 } });
    const cookie = await enterAgent(h);
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/slow-headers?ms=5000', headers: { cookie } });
    expect(reply.status).toBe(504);
    expect(reply.body).toContain('no response within');
    await waitFor(() => h.fake.counters.aborted === 1, { message: 'upstream request aborted' });
  });

  it('a 504 page says the agent did not answer in time and offers waiting and a restart, not Start (it took the connection)', async () => {
    const canRestart = { canStart: () => true, canRestart: () => true, start: () => 'not in this test' };
    for (const lifecycle of [undefined, canRestart]) {
      if (lifecycle) await h.close(); // the first harness; afterEach closes the last
      h = await startHarness({ gateway: { responseHeaderTimeoutMs: 300, lifecycle } });
      const cookie = await enterAgent(h);
      const nav = { cookie, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' };
      const page = await send(h.port, { host: h.host, path: '/chat/__test/slow-headers?ms=5000', headers: nav });
      expect(page.status).toBe(504);
      expect(page.body).toContain('<h1>bob is not answering</h1>');
      expect(page.body).toContain('did not answer in time (no response within 0.3 s)');
      expect(page.body).toContain('<a href="">Try again</a> in a moment');
      expect(page.body).not.toMatch(/Nothing answers|contain start|<form/);
      expect(page.body).toContain(lifecycle ? 'has Logs and Restart' : 'term-llm contain restart bob');
      const api = await send(h.port, { host: h.host, path: '/chat/__test/slow-headers?ms=5000', headers: { cookie } });
      expect(JSON.parse(api.body).error).toEqual({ code: 'agent-unavailable', message: 'bob is not answering (no response within 0.3 s).' });
    }
  });

  it('does not time out a quiet stream that already sent its headers', async () => {
    h = await startHarness({ gateway: { responseHeaderTimeoutMs: 200 } });
    const cookie = await enterAgent(h);
    const reply = await send(h.port, {
      host: h.host,
      path: '/chat/v1/responses',
      method: 'POST',
      body: JSON.stringify({ stream: true, events: 2, intervalMs: 1000 }), // gaps of 500 ms > the 200 ms header timer
      headers: { cookie },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('data: [DONE]');
  });
});
