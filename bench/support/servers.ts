import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { SESSION_COOKIE } from '../../main/core/gateway/index.js';
import { ask, startChild, type OwnedProcess } from './proc.js';

/** The bench upstream in its own process. */
export interface Upstream {
  readonly port: number;
  readonly process: OwnedProcess;
  /** Headers a direct client sends (the bearer a proxy would add). */
  readonly directHeaders: Record<string, string>;
  /** Only for proxies under test that inject the bearer (Go, nginx); never printed. */
  readonly token: string;
  stats(): Promise<{ openStreams: number; unauthorized: number; connections: number; sockets: number }>;
  stop(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const token = randomBytes(24).toString('hex');
  const child = startChild('upstream', { env: { BENCH_UPSTREAM_TOKEN: token } });
  try {
    const [line] = await child.waitForOutput(/\{"ready":true,"port":\d+\}/);
    const port = (JSON.parse(line) as { port: number }).port;
    return {
      port,
      process: child,
      token,
      directHeaders: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` },
      stats: () => ask(child.child, { type: 'stats' }),
      stop: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

export interface GatewayStats {
  rss: number;
  heapUsed: number;
  /** Open sockets, idle pooled ones included (bench/children/ipc.ts). */
  sockets: number;
  /** Sockets right after start-up, before any connection: listening and IPC. */
  idleSockets: number;
  resources: number;
}

/** The real gateway in its own process, logged in once like a browser would be. */
export interface GatewayUnderTest {
  readonly port: number;
  readonly process: OwnedProcess;
  /** Host (the agent's label) and session cookie a logged-in client sends. */
  readonly headers: Record<string, string>;
  stats(): Promise<GatewayStats>;
  gc(): Promise<void>;
  stop(): Promise<void>;
}

export async function startGateway(upstream: Upstream): Promise<GatewayUnderTest> {
  const child = startChild('gateway', {
    // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the gateway there (for finding hot spots).
    nodeFlags: ['--expose-gc', ...(process.env.BENCH_HEAP_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${process.env.BENCH_HEAP_DIR}`] : []), ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    env: { BENCH_UPSTREAM_TOKEN: upstream.token, BENCH_UPSTREAM_PORT: String(upstream.port) },
  });
  try {
    const [line] = await child.waitForOutput(/\{"ready":true,"port":\d+\}/);
    const port = (JSON.parse(line) as { port: number }).port;
    const enter = await ask<{ url: string; label: string }>(child.child, { type: 'enter' });
    const host = `${enter.label}.localhost:${port}`;
    const cookie = await logIn(port, host, enter.url);
    return {
      port,
      process: child,
      headers: { host, cookie },
      stats: () => ask<GatewayStats>(child.child, { type: 'stats' }),
      gc: async () => {
        await ask(child.child, { type: 'gc' });
      },
      stop: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** GETs the enter URL with the agent's Host header (Node does not resolve *.localhost) and keeps the session cookie. */
function logIn(port: number, host: string, enterUrl: string): Promise<string> {
  const { pathname, search } = new URL(enterUrl);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `${pathname}${search}`, headers: { host }, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      const cookie = (res.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
      if (res.statusCode !== 302 || cookie === undefined) reject(new Error(`gateway login failed: status ${res.statusCode}, no session cookie`));
      else resolve(cookie);
    });
    req.on('timeout', () => req.destroy(new Error('gateway login timed out')));
    req.on('error', reject);
  });
}
