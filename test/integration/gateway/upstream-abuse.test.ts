/**
 * Reliability under abuse (bounded, loopback only): 2,000 proxied requests
 * with clients that leave at random moments and an agent that resets its
 * sockets mid-head and mid-body; afterwards no socket and no pool slot is
 * left behind, and the next 100 requests all succeed. The random choices
 * come from a seeded generator, so a failure replays.
 */
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../main/core/gateway/gateway.js';
import type { UpstreamClient } from '../../../main/core/upstream/index.js';
import { answer, type RawUpstream } from '../../fixtures/raw-upstream.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startRawGateway } from './harness.js';

const TOKEN = 'abuse-canary-token-'.padEnd(48, 'a');
const REQUESTS = 2_000;
const CONCURRENCY = 32;
const SEED = 0x5eed_2026;

const STREAM_BODY = Array.from({ length: 8 }, (_, i) => `data: ${i}\n\n`).join('');

/** What the agent does per path: answer, stall, stream, or reset mid-head / mid-body. */
function agentBehaviour(upstream: RawUpstream): void {
  upstream.handle = (socket, request) => {
    switch (request.target.split('?')[0]) {
      case '/chat/reset-head':
        socket.write('HTTP/1.1 200 OK\r\ncontent-le');
        setImmediate(() => socket.resetAndDestroy());
        return;
      case '/chat/reset-body':
        socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n${'x'.repeat(100)}`);
        setImmediate(() => socket.resetAndDestroy());
        return;
      case '/chat/forever':
        // A first event, then silence until the client leaves: only the client's abort ends it.
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n9\r\ndata: 0\n\n\r\n');
        return;
      case '/chat/slow':
        setTimeout(() => {
          if (!socket.destroyed) answer(socket, 200, 'slow');
        }, 20);
        return;
      case '/chat/stream': {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n');
        let sent = 0;
        const tick = setInterval(() => {
          if (socket.destroyed) return clearInterval(tick);
          if (sent === 8) {
            clearInterval(tick);
            socket.write('0\r\n\r\n');
            return;
          }
          const event = `data: ${sent++}\n\n`;
          socket.write(`${Buffer.byteLength(event).toString(16)}\r\n${event}\r\n`);
        }, 3);
        return;
      }
      default:
        answer(socket, 200, 'ok');
    }
  };
}

type Leave = 'stays' | 'after-send' | 'after-first-byte';
interface Outcome {
  status: number | 'error' | 'left';
  body: string;
}

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

describe('gateway upstream under abuse', () => {
  let upstream: RawUpstream;
  let client: UpstreamClient;
  let gateway: Gateway;
  let host: string;
  let cookie: string;

  beforeEach(async () => {
    ({ upstream, client, gateway, host, cookie } = await startRawGateway('abused', TOKEN));
    agentBehaviour(upstream);
  });

  afterEach(async () => {
    await gateway.close();
    await client.close();
    await upstream.close();
  });

  /** One request that never rejects and never hangs (a 20 s guard turns a hang into a failed expectation). */
  function run(path: string, method: string, leave: Leave, leaveDelayMs: number): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const chunks: Buffer[] = [];
      const done = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        resolve(outcome);
      };
      const guard = setTimeout(() => done({ status: 'error', body: `hung: ${method} ${path}` }), 20_000);
      const body = method === 'POST' ? 'p'.repeat(64) : undefined;
      const req = httpRequest({
        hostname: '127.0.0.1',
        port: gateway.port,
        path,
        method,
        agent: false,
        headers: { host, cookie, ...(body ? { origin: `http://${host}`, 'content-length': String(body.length) } : {}) },
      });
      req.on('error', () => done({ status: 'error', body: '' }));
      req.on('response', (res) => {
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (leave === 'after-first-byte') {
            req.destroy();
            done({ status: 'left', body: '' });
          }
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', () => done({ status: 'error', body: '' }));
      });
      req.end(body);
      if (leave === 'after-send') {
        setTimeout(() => {
          req.destroy();
          done({ status: 'left', body: '' });
        }, leaveDelayMs);
      }
    });
  }

  it('2,000 requests with random client aborts and agent resets leave no socket or pool slot behind; the next 100 succeed', { timeout: 180_000 }, async () => {
    const baseline = tcpSockets();
    const next = seededRandom(SEED);
    const paths = ['/chat/ok', '/chat/ok', '/chat/slow', '/chat/stream', '/chat/forever', '/chat/reset-head', '/chat/reset-body'];
    const plan = Array.from({ length: REQUESTS }, (_, i) => {
      const path = `${paths[Math.floor(next() * paths.length)]!}?i=${i}`;
      const method = next() < 0.2 ? 'POST' : 'GET';
      const roll = next();
      const leave: Leave = roll < 0.6 ? 'stays' : roll < 0.8 ? 'after-send' : 'after-first-byte';
      // A client of the endless stream always leaves (one that stays would wait forever, as a browser tab does).
      return { path, method, leave: path.startsWith('/chat/forever') && leave === 'stays' ? 'after-first-byte' : leave, leaveDelayMs: Math.floor(next() * 15) };
    });
    const outcomes: Outcome[] = new Array(REQUESTS);
    let cursor = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (cursor < REQUESTS) {
          const index = cursor++;
          const step = plan[index]!;
          outcomes[index] = await run(step.path, step.method, step.leave, step.leaveDelayMs);
        }
      }),
    );

    // Every request that stayed got the answer its path calls for.
    const wrong: string[] = [];
    plan.forEach((step, i) => {
      const outcome = outcomes[i]!;
      expect(outcome.body.startsWith('hung'), outcome.body).toBe(false);
      if (step.leave !== 'stays' || outcome.status === 'left') return;
      const path = step.path.split('?')[0];
      const expected: Outcome =
        path === '/chat/ok'
          ? { status: 200, body: 'ok' }
          : path === '/chat/slow'
            ? { status: 200, body: 'slow' }
            : path === '/chat/stream'
              ? { status: 200, body: STREAM_BODY }
              : path === '/chat/reset-head'
                ? { status: 502, body: outcome.body }
                : { status: 'error', body: '' };
      if (outcome.status !== expected.status || outcome.body !== expected.body) wrong.push(`${step.method} ${step.path}: ${outcome.status}`);
    });
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'left').length).toBeGreaterThan(REQUESTS / 5);

    // Nothing left running or queued in the pool; every upstream socket closes (idle pooled ones
    // after the keep-alive timeout); no other TCP socket outlives its request (the gateway's
    // client-facing ones included). Idle pooled sockets are unref'd, so only the upstream's
    // side of them shows in the process's active handles.
    await waitFor(() => client.stats().running === 0 && client.stats().pending === 0, { timeoutMs: 20_000, message: 'pool idle' });
    await waitFor(() => upstream.open === 0 && client.stats().connected === 0, { timeoutMs: 30_000, message: 'every upstream socket closed' });
    await waitFor(() => tcpSockets() <= baseline, { timeoutMs: 10_000, message: `TCP sockets back to the ${baseline} open before` });

    upstream.handle = (socket) => answer(socket, 200, 'fine');
    const after = await Promise.all(Array.from({ length: 100 }, (_, i) => run(`/chat/after?i=${i}`, i % 5 === 0 ? 'POST' : 'GET', 'stays', 0)));
    expect(after.map((o) => `${o.status} ${o.body}`)).toEqual(Array(100).fill('200 fine'));
  });
});
