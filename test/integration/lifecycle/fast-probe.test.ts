import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import { freePort, LifecycleHarness } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** How many health probes an agent's container has logged (the fake agent logs every request it gets). */
async function healthzCount(harness: LifecycleHarness, name: string): Promise<number> {
  const file = path.join(harness.runtime.env.FAKE_LIFECYCLE_STATE!, `container-term-llm-contain-${name}.log`);
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.includes('/healthz ')).length;
}

describe('fast health probing during a transition', () => {
  it('ends when the transition settles: an agent already online goes back to the usual pace', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    await h.addWorkspace('beta', await freePort());
    // beta runs before the desk starts and is never started through it: its probes are the clock at the usual pace.
    await promisify(execFile)(path.join(h.runtime.path, 'term-llm'), ['contain', 'start', 'beta'], {
      env: { ...h.runtime.env, XDG_CONFIG_HOME: h.configHome },
    });
    const intervalMs = 1_500;
    const desk = await h.start({ healthIntervalMs: intervalMs });
    await h.waitFor('beta', 'online', (r) => r.health.status === 'online');
    const id = h.id('alpha');
    desk.lifecycle.run(id, 'start');
    await h.waitFor('alpha', 'online, the start settled', (r) => r.health.status === 'online' && r.runtime.operation === undefined);
    await desk.lifecycle.whenIdle(id);

    const alpha0 = await healthzCount(h, 'alpha');
    const beta0 = await healthzCount(h, 'beta');
    const rounds = 4;
    await waitFor(async () => (await healthzCount(h!, 'beta')) >= beta0 + rounds, {
      timeoutMs: 60_000,
      intervalMs: 50,
      message: `beta probed ${rounds} more times`,
    });
    // While beta was probed `rounds` times at the usual pace, alpha was too — give or take the probe
    // already due when the transition ended and one in the log's 100 ms write lag. Still probing
    // every 500 ms, alpha would have been probed about three times as often.
    const alphaProbes = (await healthzCount(h, 'alpha')) - alpha0;
    expect(alphaProbes, `alpha was probed ${alphaProbes} times while beta was probed ${rounds} times`).toBeLessThanOrEqual(rounds + 3);
  }, 90_000);
});
