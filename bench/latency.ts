import { RawConnection, rawRequest } from './support/raw-http.js';
import { distribution, type Distribution } from './support/stats.js';

export interface LatencyOptions {
  /** Measured requests per path (after warm-up). */
  samples: number;
  warmup: number;
  /** Requests per block; paths alternate block by block so drift hits both alike. */
  block: number;
}

export interface LatencyResult {
  direct: Distribution;
  gateway: Distribution;
  /** Gateway p50 minus direct p50, ms. */
  addedP50Ms: number;
  addedP99Ms: number;
}

export interface LatencyTarget {
  port: number;
  headers: Record<string, string>;
}

const PATH = '/chat/ping';

/**
 * Concurrency 1: one keep-alive connection per path, one small GET at a time,
 * each timed from write to the last byte with hrtime. Direct and gateway run
 * in alternating blocks in the same process and the same second.
 */
export async function measureLatency(direct: LatencyTarget, gateway: LatencyTarget, options: LatencyOptions): Promise<LatencyResult> {
  const paths = [
    { conn: await RawConnection.open(direct.port), request: rawRequest('GET', PATH, direct.headers), samples: [] as number[] },
    { conn: await RawConnection.open(gateway.port), request: rawRequest('GET', PATH, gateway.headers), samples: [] as number[] },
  ];
  try {
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
  const d = distribution(paths[0]!.samples);
  const g = distribution(paths[1]!.samples);
  return { direct: d, gateway: g, addedP50Ms: g.p50 - d.p50, addedP99Ms: g.p99 - d.p99 };
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
