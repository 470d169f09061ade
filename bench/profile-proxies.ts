/**
 * Profiling aid (not part of `npm run bench`): runs the gateway and the bare
 * undici proxy under `--cpu-prof` in front of the bench upstream, loads each
 * with wrk for a few seconds, alternating, and writes the V8 profiles to
 * PROFILE_DIR. Then `node --import tsx bench/profile-summary.ts <file>`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { compileChildren } from './support/compile.js';
import { startChild, stopAllProcesses, useCompiledChildren } from './support/proc.js';
import { cpuSeconds } from './support/cpu.js';
import { startGateway, startUpstream } from './support/servers.js';
import { pickLoadGenerator } from './load.js';

const dir = process.env.PROFILE_DIR ?? '/tmp/perf/prof';
const seconds = Number(process.env.PROFILE_SECONDS ?? 5);
const rounds = Number(process.env.PROFILE_ROUNDS ?? 2);
mkdirSync(dir, { recursive: true });
const profiling = !process.env.PROFILE_STRACE && process.env.PROFILE_CPU !== '0';
if (profiling) process.env.BENCH_CPU_PROFILE = dir;
const compiled = await compileChildren();
useCompiledChildren(compiled?.dir);
try {
  const upstream = await startUpstream();
  const gateway = await startGateway(upstream);
  const bare = startChild('bare-undici-proxy', {
    nodeFlags: profiling ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
    env: { BENCH_UPSTREAM_PORT: String(upstream.port), BENCH_UPSTREAM_TOKEN: upstream.token },
  });
  const [line] = await bare.waitForOutput(/\{"ready":true,"port":\d+\}/);
  const barePort = (JSON.parse(line) as { port: number }).port;
  const load = pickLoadGenerator();
  const served = new Map<string, number>();
  const targets = [
    { name: 'gateway', pid: gateway.process.pid, target: { port: gateway.port, path: '/chat/ping', headers: gateway.headers } },
    { name: 'undici-bare', pid: bare.pid, target: { port: barePort, path: '/chat/ping', headers: { host: `127.0.0.1:${barePort}` } } },
  ];
  for (const t of targets) served.set(t.name, (await load.run(t.target, 64, 1000)).requests);
  const pairs: Array<{ rps: number[]; cpu: number[] }> = [];
  for (let round = 0; round < rounds; round++) {
    const pair = { rps: [] as number[], cpu: [] as number[] };
    pairs.push(pair);
    for (const t of targets) {
      const strace = process.env.PROFILE_STRACE ? spawn('strace', ['-c', '-f', '-p', String(t.pid), '-o', `${dir}/strace-${t.name}-${round}.txt`]) : undefined;
      if (strace) await new Promise((r) => setTimeout(r, 500));
      const before = cpuSeconds([t.pid]);
      const result = await load.run(t.target, 64, seconds * 1000);
      const cpu = cpuSeconds([t.pid]) - before;
      if (strace) {
        strace.kill('SIGINT');
        await new Promise((r) => strace.once('exit', r));
      }
      served.set(t.name, (served.get(t.name) ?? 0) + result.requests);
      pair.rps.push(result.requestsPerSec);
      pair.cpu.push((cpu * 1e6) / result.requests);
      console.log(`${t.name}: ${Math.round(result.requestsPerSec)} req/s, ${((cpu * 1e6) / result.requests).toFixed(1)} µs CPU/req, ${result.requests} requests, bad ${result.bad}`);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`median per-round ratio gateway/undici-bare: req/s ${median(pairs.map((p) => p.rps[0]! / p.rps[1]!)).toFixed(3)}, CPU/req ${median(pairs.map((p) => p.cpu[0]! / p.cpu[1]!)).toFixed(3)}; median CPU/req gateway ${median(pairs.map((p) => p.cpu[0]!)).toFixed(1)} µs, bare ${median(pairs.map((p) => p.cpu[1]!)).toFixed(1)} µs`);
  console.log(JSON.stringify({ served: Object.fromEntries(served), pids: { gateway: gateway.process.pid, 'undici-bare': bare.pid } }));
  console.log(`pids: gateway ${gateway.process.pid}, undici-bare ${bare.pid}`);
  await bare.stop();
  await gateway.stop();
  await upstream.stop();
} finally {
  await stopAllProcesses();
  await compiled?.remove();
}
