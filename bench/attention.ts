/**
 * Attention polling cost: a real AttentionCenter polling 20 fake agents with
 * the desk's own intervals, each side in its own process. The attention
 * process's user+system CPU over a window, as a share of one core, minus the
 * same process with no agent (Node's own timers and GC, same code loaded):
 * what polling adds to the desk.
 */
import { randomBytes } from 'node:crypto';
import { cpuSeconds } from './support/cpu.js';
import { ask, startChild, type OwnedProcess } from './support/proc.js';
import { round } from './support/stats.js';

export interface AttentionRun {
  agents: number;
  /** Every agent has a run going and an approval pending (3 s polls plus state fetches), else all idle (10 s). */
  active: boolean;
  windowMs: number;
  /** CPU of the attention process over the window, in % of one core. */
  processPercentOfCore: number;
  /** The same process with no agent, over the same length of window. */
  baselinePercentOfCore: number;
  /** What polling adds: process − baseline. */
  pollingPercentOfCore: number;
  /** Requests the agents answered per second over the window (status polls and state fetches). */
  agentRequestsPerSec: number;
  /** Items the center held at the end (active: one approval per agent). */
  items: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU of one process over a window after a warm-up, in % of one core. */
async function cpuPercent(proc: OwnedProcess, warmupMs: number, windowMs: number, during?: { before(): Promise<void>; after(elapsedS: number): Promise<void> }): Promise<number> {
  await sleep(warmupMs);
  await during?.before();
  const cpuBefore = cpuSeconds([proc.pid]);
  const started = process.hrtime.bigint();
  await sleep(windowMs);
  const cpuAfter = cpuSeconds([proc.pid]);
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  await during?.after(elapsedS);
  return ((cpuAfter - cpuBefore) / elapsedS) * 100;
}

async function withAttentionChild<T>(env: Record<string, string>, use: (child: OwnedProcess) => Promise<T>): Promise<T> {
  const child = startChild('attention', { env, nodeFlags: process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [] });
  try {
    await child.waitForOutput(/\{"ready":true\}/);
    return await use(child);
  } finally {
    await child.stop();
  }
}

export async function measureAttentionPolling(options: { agents: number; active: boolean; warmupMs: number; windowMs: number }, secrets: string[]): Promise<AttentionRun> {
  const baseline = await withAttentionChild({ BENCH_ATTENTION_TOKENS: '', BENCH_ATTENTION_PORTS: '' }, (child) => cpuPercent(child, options.warmupMs, options.windowMs));
  const tokens = Array.from({ length: options.agents }, () => randomBytes(24).toString('hex'));
  secrets.push(...tokens);
  const env = { BENCH_ATTENTION_TOKENS: tokens.join(','), BENCH_ATTENTION_ACTIVE: options.active ? '1' : '0' };
  const fakes = startChild('attention-agents', { env });
  try {
    const [line] = await fakes.waitForOutput(/\{"ready":true,"ports":\[[\d,]+\]\}/);
    const { ports } = JSON.parse(line) as { ports: number[] };
    return await withAttentionChild({ ...env, BENCH_ATTENTION_PORTS: ports.join(',') }, async (desk) => {
      let requestsBefore = 0;
      let requestsPerSec = 0;
      const percent = await cpuPercent(desk, options.warmupMs, options.windowMs, {
        before: async () => {
          requestsBefore = await ask<number>(fakes.child, { type: 'requests' });
        },
        after: async (elapsedS) => {
          requestsPerSec = ((await ask<number>(fakes.child, { type: 'requests' })) - requestsBefore) / elapsedS;
        },
      });
      return {
        agents: options.agents,
        active: options.active,
        windowMs: options.windowMs,
        processPercentOfCore: round(percent, 2),
        baselinePercentOfCore: round(baseline, 2),
        pollingPercentOfCore: round(Math.max(0, percent - baseline), 2),
        agentRequestsPerSec: round(requestsPerSec, 1),
        items: await ask<number>(desk.child, { type: 'items' }),
      };
    });
  } finally {
    await fakes.stop();
  }
}
