import { RawConnection, rawRequest } from './support/raw-http.js';
import { distribution, type Distribution } from './support/stats.js';

export interface LatencyOptions {
  /** Measured requests per path (after warm-up). */
  samples: number;
  warmup: number;
  /** Requests per block; paths alternate block by block so drift hits all alike. */
  block: number;
}

export interface LatencyTarget {
  name: string;
  port: number;
  headers: Record<string, string>;
}

export interface LatencyResult {
  /** Per path, in the order given; the first is the direct path. */
  paths: Array<{ name: string; latency: Distribution; addedP50Ms: number; addedP99Ms: number }>;
}

const PATH = '/chat/ping';

/**
 * Concurrency 1: one keep-alive connection per path, one small GET at a time,
 * each timed from write to the last byte with hrtime. All paths run in
 * alternating blocks in the same process and the same seconds; each is
 * reported against the first (direct) path.
 */
export async function measureLatency(targets: LatencyTarget[], options: LatencyOptions): Promise<LatencyResult> {
  const paths: Array<{ target: LatencyTarget; conn: RawConnection; request: Buffer; samples: number[] }> = [];
  try {
    for (const target of targets) {
      paths.push({ target, conn: await RawConnection.open(target.port), request: rawRequest('GET', PATH, target.headers), samples: [] });
    }
    for (const path of paths) await timeRequests(path.conn, path.request, options.warmup);
    let measured = 0;
    while (measured < options.samples) {
      const count = Math.min(options.block, options.samples - measured);
      for (const path of paths) path.samples.push(...(await timeRequests(path.conn, path.request, count)));
      measured += count;
    }
  } finally {
    for (const path of paths) path.conn.close();
  }
  const direct = distribution(paths[0]!.samples);
  return {
    paths: paths.map((path) => {
      const latency = distribution(path.samples);
      return { name: path.target.name, latency, addedP50Ms: latency.p50 - direct.p50, addedP99Ms: latency.p99 - direct.p99 };
    }),
  };
}

async function timeRequests(conn: RawConnection, request: Buffer, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const status = await conn.send(request);
    const end = process.hrtime.bigint();
    if (status !== 200) throw new Error(`latency: expected 200, got ${status}`);
    samples.push(Number(end - start) / 1e6);
  }
  return samples;
}
