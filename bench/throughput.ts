import type { LoadGenerator, LoadTarget } from './load.js';
import { cpuSeconds } from './support/cpu.js';
import { median } from './support/stats.js';

export interface ThroughputOptions {
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** Each path is measured this many times, round-robin; the median counts. */
  rounds: number;
}

export interface PathResult {
  name: string;
  /** Median requests/s over the rounds; null when the path was not available. */
  requestsPerSec: number | null;
  /** Median CPU time the measured process(es) spent per request, µs (the proxy; the upstream on the direct path). */
  cpuMicrosPerRequest: number | null;
  rounds: Array<{ requestsPerSec: number; cpuMicrosPerRequest: number | null }>;
  note?: string;
}

export interface ThroughputPath {
  name: string;
  target?: LoadTarget;
  /** Processes whose CPU per request is read (their children included): the proxy, or the upstream on the direct path. */
  pids?: number[];
  /** Why there is no target (e.g. "not installed — ratio skipped"). */
  skipped?: string;
}

/**
 * Fixed-duration runs at a fixed number of keep-alive connections, one path
 * after the other so no two share the CPU, repeated round-robin so a busy
 * second on the machine does not land on one path only. Besides requests/s,
 * the proxy's own CPU time per request is read from /proc: it holds steady
 * when other work on the machine takes CPU away.
 */
export async function measureThroughput(
  generator: LoadGenerator,
  paths: ThroughputPath[],
  options: ThroughputOptions,
  progress: (line: string) => void,
): Promise<PathResult[]> {
  const live = paths.filter((path) => path.target !== undefined);
  for (const path of live) await generator.run(path.target!, options.connections, options.warmupMs);
  const rounds = new Map<string, PathResult['rounds']>(live.map((path) => [path.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const path of live) {
      const cpuBefore = path.pids ? cpuSeconds(path.pids) : 0;
      const result = await generator.run(path.target!, options.connections, options.durationMs);
      const cpu = path.pids ? cpuSeconds(path.pids) - cpuBefore : undefined;
      if (result.bad > 0) throw new Error(`throughput via ${path.name}: ${result.bad} failed responses; the run is invalid`);
      const cpuMicrosPerRequest = cpu === undefined || result.requests === 0 ? null : (cpu * 1e6) / result.requests;
      rounds.get(path.name)!.push({ requestsPerSec: result.requestsPerSec, cpuMicrosPerRequest });
      const cpuText = cpuMicrosPerRequest === null ? '' : `, ${Math.round(cpuMicrosPerRequest)} µs CPU/request`;
      progress(`  round ${round + 1}/${options.rounds} ${path.name}: ${Math.round(result.requestsPerSec)} req/s${cpuText}`);
    }
  }
  return paths.map((path) => {
    const values = rounds.get(path.name);
    if (values === undefined) return { name: path.name, requestsPerSec: null, cpuMicrosPerRequest: null, rounds: [], note: path.skipped ?? 'skipped' };
    const cpu = values.map((v) => v.cpuMicrosPerRequest).filter((v): v is number => v !== null);
    return {
      name: path.name,
      requestsPerSec: median(values.map((v) => v.requestsPerSec)),
      cpuMicrosPerRequest: cpu.length === 0 ? null : median(cpu),
      rounds: values,
    };
  });
}
