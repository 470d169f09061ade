/**
 * `requestAgent`: our own requests to an agent (health probes, answers the
 * inbox posts), checked on the wire of a raw TCP agent stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../main/core/secret.js';
import { requestAgent, UpstreamClient } from '../../../main/core/upstream/index.js';
import type { AgentEndpoint } from '../../../main/core/workspace/workspace-types.js';
import { answer, header, startRawUpstream, type RawUpstream } from '../../fixtures/raw-upstream.js';

const TOKEN = 'request-canary-token-'.padEnd(48, 'r');

describe('requestAgent', () => {
  let upstream: RawUpstream;
  let client: UpstreamClient;
  let endpoint: AgentEndpoint;

  beforeEach(async () => {
    upstream = await startRawUpstream();
    client = new UpstreamClient();
    endpoint = { port: upstream.port, basePath: '/chat', token: new Secret(TOKEN) };
  });
  afterEach(async () => {
    await client.close();
    await upstream.close();
  });

  it('posts a body below the base path with the bearer, whatever Authorization the caller passed', async () => {
    upstream.handle = (socket) => answer(socket, 200, '{"ok":true}', 'content-type: application/json\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n');
    const reply = await requestAgent(endpoint, {
      client,
      method: 'POST',
      route: '/v1/answer',
      body: '{"text":"yes"}',
      headers: { 'content-type': 'application/json', Authorization: 'Bearer caller' },
    });
    expect(reply).toMatchObject({ ok: true, status: 200, headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] } });
    expect(reply.ok && reply.body.toString()).toBe('{"ok":true}');
    const seen = upstream.requests[0]!;
    expect(`${seen.method} ${seen.target}`).toBe('POST /chat/v1/answer');
    expect(header(seen, 'authorization')).toEqual([`Bearer ${TOKEN}`]);
    expect(header(seen, 'host')).toEqual([`127.0.0.1:${upstream.port}`]);
    expect(header(seen, 'content-length')).toEqual(['14']);
    expect(seen.body.toString()).toBe('{"text":"yes"}');
  });

  it('bounds the body and the time, and can be cancelled; failures never carry the token', async () => {
    upstream.handle = (socket, request) => {
      if (request.target === '/chat/big') answer(socket, 200, 'x'.repeat(5000));
      // /chat/hang: never answers.
    };
    const big = await requestAgent(endpoint, { client, route: '/big', maxBytes: 1024 });
    expect(big).toEqual({ ok: false, kind: 'too-large', error: `answer from 127.0.0.1:${upstream.port} larger than 1024 bytes` });
    const slow = await requestAgent(endpoint, { client, route: '/hang', timeoutMs: 200 });
    expect(slow).toEqual({ ok: false, kind: 'timeout', error: 'no answer within 200 ms' });
    const controller = new AbortController();
    const pending = requestAgent(endpoint, { client, route: '/hang', signal: controller.signal, timeoutMs: 30_000 });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, kind: 'aborted' });
    const bad = await requestAgent({ ...endpoint, token: new Secret(`${TOKEN}\r\nX-Evil: 1`) }, { client, route: '/x' });
    expect(bad).toMatchObject({ ok: false, kind: 'bad-request' });
    expect(JSON.stringify([big, slow, bad])).not.toContain(TOKEN);
    // The abandoned requests do not hold sockets: each was ended.
    await expect.poll(() => upstream.open, { timeout: 10_000 }).toBe(0);
  });

  it('retries a GET once when a pooled socket was reset, never a POST', async () => {
    upstream.handle = (socket, request) => (request.indexOnConnection === 0 ? answer(socket) : socket.resetAndDestroy());
    // undici hands a socket back to the pool one event-loop turn after its answer (pipelining 1).
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    expect(await requestAgent(endpoint, { client, route: '/one' })).toMatchObject({ ok: true, status: 200 });
    await turn();
    expect(await requestAgent(endpoint, { client, route: '/two' })).toMatchObject({ ok: true, status: 200 });
    await turn();
    expect(await requestAgent(endpoint, { client, route: '/three', method: 'POST', body: 'x' })).toEqual({
      ok: false,
      kind: 'reset',
      error: `connection reset by 127.0.0.1:${upstream.port}`,
    });
    expect(upstream.requests.map((r) => `${r.method} ${r.target} @${r.connection}`)).toEqual([
      'GET /chat/one @0',
      'GET /chat/two @0',
      'GET /chat/two @1',
      'POST /chat/three @1',
    ]);
  });
});
