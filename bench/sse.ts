import type net from 'node:net';
import { waitFor } from '../test/helpers/wait-for.js';
import { connect, RawConnection, rawRequest } from './support/raw-http.js';
import { MB, rssBytes } from './support/proc.js';
import type { GatewayStats, GatewayUnderTest, Upstream } from './support/servers.js';
import { median, round } from './support/stats.js';

const SSE_PATH = '/chat/v1/responses';
const SSE_BODY = '{"model":"bench","input":"hi","stream":true}';
const HEAD_END = '\r\n\r\n';

export interface SseTarget {
  port: number;
  headers: Record<string, string>;
}

/** Opens one SSE stream on a fresh connection; resolves with the socket and the time from request to first event. */
export async function openStream(target: SseTarget, timeoutMs = 10_000): Promise<{ socket: net.Socket; firstEventMs: number }> {
  const socket = await connect(target.port);
  const request = rawRequest('POST', SSE_PATH, { ...target.headers, 'content-type': 'application/json', accept: 'text/event-stream' }, SSE_BODY);
  try {
    const firstEventMs = await new Promise<number>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no SSE event within ${timeoutMs} ms`)), timeoutMs);
      const done = (outcome: () => void): void => {
        clearTimeout(timer);
        socket.removeAllListeners('data');
        outcome();
      };
      socket.on('error', (error) => done(() => reject(error)));
      socket.on('close', () => done(() => reject(new Error('the stream closed before its first event'))));
      const start = process.hrtime.bigint();
      socket.on('data', (chunk: Buffer) => {
        const now = process.hrtime.bigint();
        seen += chunk.toString('latin1');
        if (!seen.startsWith('HTTP/1.1 200') && seen.length >= 12) return done(() => reject(new Error(`SSE: expected 200, got "${seen.slice(0, 12)}"`)));
        const body = seen.indexOf(HEAD_END);
        if (body >= 0 && seen.includes('data:', body)) done(() => resolve(Number(now - start) / 1e6));
      });
      socket.write(request);
    });
    socket.removeAllListeners('error');
    socket.removeAllListeners('close');
    socket.on('error', () => socket.destroy());
    return { socket, firstEventMs };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

export interface FirstEventResult {
  directMedianMs: number;
  gatewayMedianMs: number;
  addedMs: number;
  samples: number;
}

/**
 * Median time to first event, direct and through the gateway, alternating
 * stream by stream. With `warmPool`, one small GET on another connection
 * goes first (untimed), as a chat UI's own requests would, so the gateway
 * has an idle upstream socket to reuse; without it the gateway's upstream
 * connect is inside the measured time.
 */
export async function measureFirstEvent(direct: SseTarget, gateway: SseTarget, samples: number, warmPool: boolean): Promise<FirstEventResult> {
  const times = { direct: [] as number[], gateway: [] as number[] };
  for (let i = 0; i < samples; i++) {
    for (const [name, target] of [['direct', direct], ['gateway', gateway]] as const) {
      // The priming connection stays open until the stream has its first event, as a page's
      // connections do: closing it just before would time the proxy's teardown of it too.
      const primed = warmPool ? await primePool(target) : undefined;
      const { socket, firstEventMs } = await openStream(target);
      socket.destroy();
      primed?.close();
      times[name].push(firstEventMs);
    }
  }
  const directMedianMs = median(times.direct);
  const gatewayMedianMs = median(times.gateway);
  return { directMedianMs, gatewayMedianMs, addedMs: gatewayMedianMs - directMedianMs, samples };
}

/** One small GET on a connection of its own; returns the connection, still open. */
async function primePool(target: SseTarget): Promise<RawConnection> {
  const conn = await RawConnection.open(target.port);
  try {
    const status = await conn.send(rawRequest('GET', '/chat/ping', target.headers));
    if (status !== 200) throw new Error(`SSE: priming GET answered ${status}`);
    return conn;
  } catch (error) {
    conn.close();
    throw error;
  }
}

export interface MemorySnapshot {
  rssMb: number;
  heapMb: number;
  sockets: number;
}

export interface ManyStreamsResult {
  streams: number;
  baseline: MemorySnapshot;
  /** One entry per open/close cycle. */
  cycles: Array<{ open: MemorySnapshot; afterClose: MemorySnapshot }>;
}

/**
 * Holds `streams` SSE streams open through the gateway (in its own process),
 * reads its RSS, closes them all and reads again, `cycles` times. GC runs
 * before each reading so heap figures compare live objects, not garbage.
 */
export async function measureManyStreams(
  gateway: GatewayUnderTest,
  upstream: Upstream,
  target: SseTarget,
  options: { streams: number; cycles: number; batch: number },
): Promise<ManyStreamsResult> {
  const snapshot = async (): Promise<MemorySnapshot> => {
    await gateway.gc();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stats: GatewayStats = await gateway.stats();
    const rss = rssBytes(gateway.process.pid) ?? stats.rss;
    return { rssMb: round(rss / MB, 1), heapMb: round(stats.heapUsed / MB, 1), sockets: stats.sockets };
  };
  const settle = async (sockets: number): Promise<void> => {
    await waitFor(async () => (await upstream.stats()).openStreams === 0 && (await gateway.stats()).sockets <= sockets, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: `the gateway to close its streams and sockets (back to ${sockets} sockets)`,
    });
  };
  // Idle pooled upstream sockets count (ipc.ts): "closed" means back to what the gateway held
  // before any connection, once the pool's keep-alive (≤ 4 s, upstream-client.ts) let them go.
  await settle((await gateway.stats()).idleSockets);
  const baseline = await snapshot();
  const cycles: ManyStreamsResult['cycles'] = [];
  for (let cycle = 0; cycle < options.cycles; cycle++) {
    const sockets: net.Socket[] = [];
    try {
      while (sockets.length < options.streams) {
        const count = Math.min(options.batch, options.streams - sockets.length);
        const opened = await Promise.all(Array.from({ length: count }, () => openStream(target)));
        sockets.push(...opened.map((stream) => stream.socket));
      }
      await waitFor(async () => (await upstream.stats()).openStreams === options.streams, {
        timeoutMs: 10_000,
        message: `${options.streams} streams open at the upstream`,
      });
      const open = await snapshot();
      for (const socket of sockets.splice(0)) socket.destroy();
      await settle(baseline.sockets);
      cycles.push({ open, afterClose: await snapshot() });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }
  return { streams: options.streams, baseline, cycles };
}
