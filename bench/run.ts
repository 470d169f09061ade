/**
 * `npm run bench`: measures the budgets (bench/README.md "Budgets") against a direct
 * connection (and Go / nginx when installed) in the same run, prints a table
 * and writes bench/results/latest.{json,md}. Loopback only; every loop is
 * bounded by count and deadline. How and why: bench/README.md.
 *
 *   npm run bench                  full run, writes bench/results/latest.*
 *   npm run bench -- --quick       small counts, prints only (a smoke run)
 *   npm run bench -- --only sse,discovery,attention   (prints only: latest.* is a whole run)
 *   npm run bench -- --quick --without go,nginx,wrk   (as if those were not installed)
 *   BENCH_CPU_PROFILE=/tmp/prof npm run bench -- --only throughput   (V8 profile of the gateway)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureAttentionPolling } from './attention.js';
import { measureColdScan, measureEdits, DISCOVERY_CANARY } from './discovery.js';
import { measureBundle, measureIdleRss } from './footprint.js';
import { measureLatency } from './latency.js';
import { pickLoadGenerator } from './load.js';
import { startBareNodeProxy, startBareUndiciProxy, startGoProxy, startNginx, type Peer } from './peers.js';
import { assertNoSecrets, failed, figure, machineInfo, markdown, textTable, type BenchReport, type Figure } from './report.js';
import { measureFirstEvent, measureManyStreams } from './sse.js';
import { compileChildren } from './support/compile.js';
import { childRuntime, hideTools, REPO_ROOT, stopAllProcesses, useCompiledChildren } from './support/proc.js';
import { startGateway, startUpstream } from './support/servers.js';
import { round } from './support/stats.js';
import { measureThroughput, type ThroughputPath } from './throughput.js';

const SECTIONS = ['latency', 'throughput', 'sse', 'discovery', 'footprint', 'attention'] as const;
type Section = (typeof SECTIONS)[number];
/** The whole run stops by itself even if something hangs past every inner deadline. */
const WATCHDOG_MS = 20 * 60_000;

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, without: { type: 'string' } }, strict: true });
hideTools(values.without?.split(',').map((s) => s.trim()) ?? []);
const quick = values.quick ?? false;
const only = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
for (const name of only) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`--only: unknown section "${name}" (known: ${SECTIONS.join(', ')})`);
const wants = (section: Section): boolean => only.includes(section);

const scale = quick
  ? { samples: 300, warmup: 100, durationMs: 1_000, rounds: 1, ttfe: 5, streams: 200, cycles: 1, edits: 6, scan: 200, scanRuns: 1, idleMs: 1_000, attentionMs: 6_000 }
  : { samples: 3_000, warmup: 500, durationMs: 5_000, rounds: 3, ttfe: 30, streams: 1_000, cycles: 2, edits: 40, scan: 1_000, scanRuns: 5, idleMs: 5_000, attentionMs: 30_000 };

const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const tools: Record<string, string> = {};
const secrets: string[] = [DISCOVERY_CANARY];
const say = (line: string): void => console.log(line);
let compiledCli: string | undefined;

/** A fresh upstream and a gateway process in front of it; their secrets are registered for the report check. */
async function startUpstreamAndGateway() {
  const upstream = await startUpstream();
  secrets.push(upstream.token);
  const gateway = await startGateway(upstream).catch(async (error: unknown) => {
    await upstream.stop();
    throw error;
  });
  secrets.push(gateway.headers.cookie!.split('=')[1]!);
  return { upstream, gateway };
}

async function gatewaySections(): Promise<void> {
  const { upstream, gateway } = await startUpstreamAndGateway();
  const peers: Peer[] = [await startBareNodeProxy(upstream), await startBareUndiciProxy(upstream)];
  // Every path gets the same request a browser sends, its session cookie included: each proxy
  // pays for reading and dropping it (the gateway also looks the session up), the upstream for reading it.
  const cookie = { cookie: gateway.headers.cookie! };
  const peerHeaders = (port: number): Record<string, string> => ({ host: `127.0.0.1:${port}`, ...cookie });
  const directHeaders = { ...upstream.directHeaders, ...cookie };
  try {
    if (wants('latency')) {
      say(`latency: ${scale.samples} GETs each at concurrency 1…`);
      try {
        const targets = [
          { name: 'direct', port: upstream.port, headers: directHeaders },
          { name: 'gateway', port: gateway.port, headers: gateway.headers },
          ...peers.flatMap((peer) => (peer.available ? [{ name: peer.name, port: peer.port, headers: peerHeaders(peer.port) }] : [])),
        ];
        const result = await measureLatency(targets, { samples: scale.samples, warmup: scale.warmup, block: 500 });
        details.latency = result;
        const of = (name: string) => result.paths.find((p) => p.name === name);
        figures.push(
          figure('latency', 'direct p50', of('direct')!.latency.p50, 'ms'),
          figure('latency', 'gateway p50', of('gateway')!.latency.p50, 'ms'),
          figure('latency', 'direct p99', of('direct')!.latency.p99, 'ms'),
          figure('latency', 'gateway p99', of('gateway')!.latency.p99, 'ms'),
          figure('latency', 'added p50 (gateway − direct)', of('gateway')!.addedP50Ms, 'ms', { op: '<=', limit: 0.2 }),
          figure('latency', 'added p50, bare node:http proxy (reference)', of('node-bare')?.addedP50Ms ?? null, 'ms', undefined, 'what any Node proxy adds on this machine'),
          figure('latency', 'added p50, bare undici proxy (reference)', of('undici-bare')?.addedP50Ms ?? null, 'ms', undefined, 'the floor of a proxy built like the gateway'),
        );
      } catch (error) {
        figures.push(failed('latency', 'added p50', error));
      }
    }
    if (wants('throughput')) {
      const generator = pickLoadGenerator();
      tools['load generator'] = generator.name;
      peers.push(await startGoProxy(upstream), await startNginx(upstream));
      try {
        for (const peer of peers) tools[peer.name] = peer.available ? peer.version : peer.reason;
        const path = '/chat/ping';
        const paths: ThroughputPath[] = [
          { name: 'direct', target: { port: upstream.port, path, headers: directHeaders }, pids: [upstream.process.pid] },
          { name: 'gateway', target: { port: gateway.port, path, headers: gateway.headers }, pids: [gateway.process.pid] },
          ...peers.map((peer) =>
            peer.available
              ? { name: peer.name, target: { port: peer.port, path, headers: peerHeaders(peer.port) }, pids: [peer.pid] }
              : { name: peer.name, skipped: peer.reason },
          ),
        ];
        say(`throughput: 64 connections, ${scale.durationMs / 1000} s × ${scale.rounds} rounds per path with ${generator.name}…`);
        const results = await measureThroughput(generator, paths, { connections: 64, durationMs: scale.durationMs, warmupMs: 1_000, rounds: scale.rounds }, say);
        details.throughput = results;
        const rps = (name: string): number | null => results.find((r) => r.name === name)?.requestsPerSec ?? null;
        const ratioOf = (over: string, under: string): number | null => {
          const a = rps(over);
          const b = rps(under);
          return a === null || b === null ? null : a / b;
        };
        const ratio = (name: string): number | null => ratioOf('gateway', name);
        const skipNote = (name: string): string | undefined => results.find((r) => r.name === name)?.note;
        const cpu = (name: string): number | null => results.find((r) => r.name === name)?.cpuMicrosPerRequest ?? null;
        /** How many times more CPU the other proxy spends per request than the gateway (> 1: the gateway is leaner). */
        const cpuRatio = (name: string): number | null => {
          const own = cpu('gateway');
          const other = cpu(name);
          return own === null || other === null ? null : other / own;
        };
        figures.push(
          figure('throughput', 'direct', rps('direct'), 'req/s'),
          figure('throughput', 'gateway', rps('gateway'), 'req/s'),
          figure('throughput', 'bare node:http proxy (reference)', rps('node-bare'), 'req/s', undefined, skipNote('node-bare')),
          figure('throughput', 'bare undici proxy (reference)', rps('undici-bare'), 'req/s', undefined, skipNote('undici-bare')),
          figure('throughput', 'go httputil.ReverseProxy', rps('go'), 'req/s', undefined, skipNote('go')),
          figure('throughput', 'nginx', rps('nginx'), 'req/s', undefined, skipNote('nginx')),
          figure('throughput', 'gateway / direct', ratio('direct'), '×'),
          figure('throughput', 'gateway / bare node proxy', ratio('node-bare'), '×'),
          figure('throughput', 'bare node proxy / go', ratioOf('node-bare', 'go'), '×'),
          figure('throughput', 'bare undici proxy / go', ratioOf('undici-bare', 'go'), '×'),
          figure('throughput', 'gateway / bare undici proxy', ratio('undici-bare'), '×', undefined, 'aim ≥ 0.9: the gateway’s own cost over its floor'),
          figure('throughput', 'gateway / go', ratio('go'), '×', { op: '>=', limit: 1.0 }, skipNote('go')),
          figure('throughput', 'gateway / nginx', ratio('nginx'), '×', { op: '>=', limit: 0.5 }, skipNote('nginx')),
          figure('cpu/request', 'upstream alone (direct path; the yardstick)', cpu('direct'), 'µs'),
          figure('cpu/request', 'gateway', cpu('gateway'), 'µs'),
          figure('cpu/request', 'bare node:http proxy', cpu('node-bare'), 'µs', undefined, skipNote('node-bare')),
          figure('cpu/request', 'bare undici proxy', cpu('undici-bare'), 'µs', undefined, skipNote('undici-bare')),
          figure('cpu/request', 'go httputil.ReverseProxy', cpu('go'), 'µs', undefined, skipNote('go')),
          figure('cpu/request', 'nginx (master + worker)', cpu('nginx'), 'µs', undefined, skipNote('nginx')),
          figure('cpu/request', 'efficiency vs go (go CPU / gateway CPU)', cpuRatio('go'), '×', undefined, 'same budget applied to CPU cost; information'),
          figure('cpu/request', 'efficiency vs nginx (nginx CPU / gateway CPU)', cpuRatio('nginx'), '×'),
        );
      } catch (error) {
        figures.push(failed('throughput', 'requests/s', error));
      }
    }
  } finally {
    for (const peer of peers) if (peer.available) await peer.stop();
    await gateway.stop();
    await upstream.stop();
  }
}

async function sseSection(): Promise<void> {
  // A fresh gateway process: its baseline is not the throughput run's pool.
  const { upstream, gateway } = await startUpstreamAndGateway();
  const direct = { port: upstream.port, headers: upstream.directHeaders };
  const viaGateway = { port: gateway.port, headers: gateway.headers };
  try {
    say(`sse: time to first event, median of ${scale.ttfe} streams each…`);
    try {
      const warm = await measureFirstEvent(direct, viaGateway, scale.ttfe, true);
      const cold = await measureFirstEvent(direct, viaGateway, scale.ttfe, false);
      details.sseFirstEvent = { warmPool: warm, coldPool: cold };
      figures.push(
        figure('sse', 'first event direct (median)', warm.directMedianMs, 'ms'),
        figure('sse', 'first event gateway (median)', warm.gatewayMedianMs, 'ms'),
        figure('sse', 'first event added (pooled upstream socket)', warm.addedMs, 'ms', { op: '<=', limit: 1 }),
        figure('sse', 'first event added (new upstream connection)', cold.addedMs, 'ms', undefined, 'the gateway connects upstream inside the timed span'),
      );
    } catch (error) {
      figures.push(failed('sse', 'first event added', error));
    }
    say(`sse: ${scale.streams} concurrent streams through the gateway, ${scale.cycles} open/close cycles…`);
    try {
      const many = await measureManyStreams(gateway, upstream, viaGateway, { streams: scale.streams, cycles: scale.cycles, batch: 50 });
      details.sseManyStreams = many;
      const last = many.cycles[many.cycles.length - 1]!;
      const peakRss = Math.max(...many.cycles.map((c) => c.open.rssMb));
      const heapGrowth = last.afterClose.heapMb - many.baseline.heapMb;
      const heapBetweenCycles = many.cycles.length > 1 ? last.afterClose.heapMb - many.cycles[0]!.afterClose.heapMb : null;
      figures.push(
        figure('sse', 'gateway RSS idle (baseline)', many.baseline.rssMb, 'MB'),
        figure('sse', `gateway RSS with ${many.streams} streams open`, peakRss, 'MB', { op: '<', limit: 200 }),
        figure('sse', 'gateway RSS after close', last.afterClose.rssMb, 'MB', undefined, 'allocator keeps some pages; heap and sockets are the leak checks'),
        figure('sse', 'heap after close − baseline (after GC)', round(heapGrowth, 1), 'MB', { op: '<=', limit: 5 }),
        figure('sse', 'heap growth cycle 1 → last (after GC)', heapBetweenCycles === null ? null : round(heapBetweenCycles, 1), 'MB', { op: '<=', limit: 2 }),
        figure('sse', 'sockets after close − baseline', last.afterClose.sockets - many.baseline.sockets, '', { op: '<=', limit: 0 }),
      );
    } catch (error) {
      figures.push(failed('sse', `${scale.streams} streams`, error));
    }
  } finally {
    await gateway.stop();
    await upstream.stop();
  }
}

async function discoverySection(): Promise<void> {
  say(`discovery: ${scale.edits} .env edits, cold scan of ${scale.scan} workspaces…`);
  try {
    const edits = await measureEdits(scale.edits);
    details.discoveryEdits = edits;
    figures.push(
      figure('discovery', '.env edit → directory p50', edits.all.p50, 'ms'),
      figure('discovery', '.env edit → directory p95', edits.all.p95, 'ms', { op: '<=', limit: 250 }),
      figure('discovery', 'edits missed (not seen within 5 s)', edits.missed, '', { op: '==', limit: 0 }),
    );
  } catch (error) {
    figures.push(failed('discovery', '.env edit p95', error));
  }
  try {
    const scan = await measureColdScan(scale.scan, scale.scanRuns);
    details.discoveryScan = scan;
    figures.push(
      figure('discovery', `cold scan of ${scan.workspaces} workspaces (median of ${scan.runsMs.length})`, scan.medianMs, 'ms', { op: '<=', limit: 1000 }),
      figure('discovery', `cold scan of ${scan.workspaces} workspaces (fastest)`, Math.min(...scan.runsMs), 'ms', undefined, 'the least disturbed run: what the code costs on this machine'),
    );
  } catch (error) {
    figures.push(failed('discovery', 'cold scan', error));
  }
}

async function footprintSection(): Promise<void> {
  say('footprint: renderer bundle, headless idle RSS…');
  try {
    const bundle = await measureBundle();
    details.bundle = bundle;
    figures.push(figure('footprint', 'renderer bundle gzipped', bundle.gzipKb, 'KB', { op: '<=', limit: 150 }, bundle.source));
  } catch (error) {
    figures.push(failed('footprint', 'renderer bundle', error));
  }
  try {
    const idle = await measureIdleRss(scale.idleMs, compiledCli);
    details.idleRss = idle;
    for (const run of idle.runs) {
      const primary = run === idle.primary;
      figures.push(figure('footprint', `headless idle RSS, ${run.how}`, run.rssMb, 'MB', primary ? { op: '<=', limit: 60 } : undefined, primary ? undefined : 'tsx loader included; for comparison'));
    }
  } catch (error) {
    figures.push(failed('footprint', 'headless idle RSS', error));
  }
}

/** The desk's attention polling for 20 agents: CPU of its own process, as a share of one core. */
async function attentionSection(): Promise<void> {
  const agents = 20;
  for (const active of [true, false]) {
    const what = active ? `${agents} agents, each with a run active and an approval pending (3 s polls + state)` : `${agents} idle agents (10 s polls)`;
    // An idle agent is polled every 10 s: its window spans at least two polls.
    const windowMs = active ? scale.attentionMs : Math.max(scale.attentionMs, 20_000);
    say(`attention: ${what}, ${windowMs / 1000} s window…`);
    try {
      const run = await measureAttentionPolling({ agents, active, warmupMs: 3_000, windowMs }, secrets);
      details[active ? 'attentionActive' : 'attentionIdle'] = run;
      const note = `${run.agentRequestsPerSec} agent requests/s, ${run.items} items held; the process ${run.processPercentOfCore}%, idle with no agent ${run.baselinePercentOfCore}%`;
      figures.push(figure('attention', `polling ${what}`, run.pollingPercentOfCore, '% of a core', active ? { op: '<', limit: 1 } : undefined, note));
    } catch (error) {
      figures.push(failed('attention', `polling ${what}`, error));
    }
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadBefore = os.loadavg();
  const compiled = wants('discovery') && only.length === 1 ? undefined : await compileChildren();
  compiledCli = compiled?.cli;
  useCompiledChildren(compiled?.dir);
  tools['bench children'] = childRuntime() + (compiled?.warning ? ` — ${compiled.warning}` : '');
  try {
    await runSections();
  } finally {
    await stopAllProcesses();
    await compiled?.remove();
  }
  return finish(started, { before: loadBefore.map((n) => round(n, 2)), after: os.loadavg().map((n) => round(n, 2)) });
}

async function runSections(): Promise<void> {
  if (wants('latency') || wants('throughput')) await gatewaySections().catch((error: unknown) => figures.push(failed('gateway', 'setup', error)));
  if (wants('sse')) await sseSection().catch((error: unknown) => figures.push(failed('sse', 'setup', error)));
  if (wants('discovery')) await discoverySection();
  if (wants('footprint')) await footprintSection();
  if (wants('attention')) await attentionSection();
}

async function finish(started: number, load: BenchReport['load']): Promise<number> {
  const report: BenchReport = { generatedAt: new Date().toISOString(), machine: machineInfo(), load, tools, figures, details };
  details.runSeconds = Math.round((Date.now() - started) / 1000);
  details.scale = quick ? 'quick' : 'full';
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const md = markdown(report);
  assertNoSecrets(json + md, secrets);
  say('');
  say(textTable(figures));
  const misses = figures.filter((f) => f.verdict === 'MISS' || f.verdict === 'error');
  say('');
  const skipped = figures.filter((f) => f.verdict === 'skipped' && f.budget !== undefined).length;
  say(misses.length === 0 ? 'All measured figures are within budget.' : `${misses.length} figure(s) missed their budget or failed: ${misses.map((f) => `${f.section}/${f.label}`).join('; ')}`);
  if (skipped > 0) say(`${skipped} budgeted figure(s) skipped (a tool is not installed); see the notes above.`);
  // latest.* is one whole run: a partial run (--only) would replace every other section's figures.
  if (quick || only.length < SECTIONS.length) say('not written to bench/results (a --quick or --only run)');
  else {
    const dir = path.join(REPO_ROOT, 'bench', 'results');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'latest.json'), json);
    await writeFile(path.join(dir, 'latest.md'), md);
    say(`wrote ${path.relative(process.cwd(), path.join(dir, 'latest.json'))} and latest.md`);
  }
  // A miss is information, not a failure of the bench; only a bench that could not measure fails.
  return figures.some((f) => f.verdict === 'error') ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; stopping`);
  void stopAllProcesses().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAllProcesses().finally(() => process.exit(130));
  });
}

main().then(
  async (code) => {
    await stopAllProcesses();
    process.exitCode = code;
  },
  async (error: unknown) => {
    await stopAllProcesses();
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
