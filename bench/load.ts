import { findTool, runCommand, startChild } from './support/proc.js';

export interface LoadTarget {
  port: number;
  path: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  requestsPerSec: number;
  /** Requests completed in the run. */
  requests: number;
  /** Responses outside 2xx and socket errors: a non-zero count means the run is invalid. */
  bad: number;
}

export interface LoadGenerator {
  readonly name: string;
  run(target: LoadTarget, connections: number, durationMs: number): Promise<LoadResult>;
}

/** wrk when installed (C, one thread, not the bottleneck), else a Node child with raw keep-alive sockets. */
export function pickLoadGenerator(): LoadGenerator {
  const wrk = findTool('wrk');
  return wrk !== undefined ? wrkGenerator(wrk) : nodeGenerator();
}

function wrkGenerator(wrk: string): LoadGenerator {
  return {
    name: 'wrk (1 thread)',
    async run(target, connections, durationMs) {
      const seconds = Math.max(1, Math.round(durationMs / 1000));
      const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s'];
      // wrk adds its own `Host` unless one is given under exactly that spelling (a second Host gets a 400).
      for (const [name, value] of Object.entries(target.headers)) args.push('-H', `${titleCase(name)}: ${value}`);
      args.push(`http://127.0.0.1:${target.port}${target.path}`);
      const result = await runCommand(wrk, args, { timeoutMs: durationMs + 30_000 });
      if (result.code !== 0) throw new Error(`wrk failed (${result.timedOut ? 'timed out' : `exit ${result.code}`}): ${result.stderr.slice(0, 300)}`);
      return parseWrk(result.stdout);
    },
  };
}

function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

/** Parses wrk's summary; exported for the bench's own sanity check. */
export function parseWrk(output: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps) throw new Error('wrk printed no Requests/sec line');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const total = /(\d+) requests in/.exec(output);
  if (!total) throw new Error('wrk printed no request count');
  return { requestsPerSec: Number(rps[1]), requests: Number(total[1]), bad: non2xx + socketErrors };
}

function nodeGenerator(): LoadGenerator {
  return {
    name: 'node raw-socket child (wrk not installed)',
    async run(target, connections, durationMs) {
      const spec = JSON.stringify({ ...target, connections, durationMs });
      const child = startChild('load', { env: { BENCH_LOAD: spec } });
      let line: string;
      try {
        [line] = await child.waitForOutput(/\{"done":true.*\}/, durationMs + 30_000);
      } finally {
        await child.stop();
      }
      const out = JSON.parse(line) as { completed: number; non2xx: number; errors: number; seconds: number };
      return { requestsPerSec: out.completed / out.seconds, requests: out.completed, bad: out.non2xx + out.errors };
    },
  };
}
