import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import { freePort, LifecycleHarness } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the container-log follower', () => {
  it('resumes where the last one ended: a view opened again (or a container back up) replays no line', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    desk.lifecycle.run(id, 'start');
    await h.waitFor('alpha', 'online', (r) => r.health.status === 'online');
    const container = () => desk.lifecycle.logs(id).filter((line) => line.source === 'container');

    const release = desk.lifecycle.watchLogs(id);
    await waitFor(() => container().some((line) => line.text.includes('alpha listening on')), { timeoutMs: 20_000, message: 'the first follower’s lines' });
    release();
    const seen = container().length;
    // Health probes keep the agent logging requests while no view watches.
    const again = desk.lifecycle.watchLogs(id);
    await waitFor(() => container().length > seen, { timeoutMs: 20_000, message: 'new container lines after the view reopened' });
    again();

    const texts = container().map((line) => line.text);
    expect(texts.filter((text) => text.includes('alpha listening on'))).toHaveLength(1);
    const follows = (await h.runtime.calls()).filter((call) => call.tool === 'docker' && call.argv.includes('logs'));
    expect(follows[0]!.argv).toContain('--tail');
    const resumed = follows.at(-1)!.argv;
    expect(resumed).toContain('--since');
    // Every line the second follower showed is stamped from where the first ended: nothing was replayed.
    // (Two lines may be alike to the letter: the health probe and the attention poll ask at the same millisecond.)
    const since = resumed[resumed.indexOf('--since') + 1]!;
    const stamps = texts.slice(seen).map((text) => /\| (\S+Z) /.exec(text)?.[1] ?? '');
    expect(stamps.length).toBeGreaterThan(0);
    for (const stamp of stamps) expect(stamp >= since, `${stamp} is before ${since}`).toBe(true);
  }, 60_000);

  it('follows again after a restart whose old follower exits only after Docker says the container runs', async () => {
    h = await LifecycleHarness.create();
    await h.runtime.setBehaviour({ logsLinger: 3_000 });
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    desk.lifecycle.run(id, 'start');
    await h.waitFor('alpha', 'online', (r) => r.health.status === 'online' && r.runtime.operation === undefined);
    const release = desk.lifecycle.watchLogs(id);
    const stamps = () =>
      desk.lifecycle
        .logs(id)
        .filter((line) => line.source === 'container')
        .map((line) => /\| (\S+Z) /.exec(line.text)?.[1] ?? '');
    await waitFor(() => stamps().length > 0, { timeoutMs: 20_000, message: 'the first container lines' });

    desk.lifecycle.run(id, 'restart');
    await h.waitFor('alpha', 'online after the restart', (r) => r.health.status === 'online' && r.runtime.operation === undefined);
    // Docker said "running" while the old follower was still there; it exits 3 s after, by itself.
    const back = new Date().toISOString();
    await waitFor(() => stamps().some((stamp) => stamp > back), {
      timeoutMs: 30_000,
      message: 'container lines logged after the restart (a follower started again)',
    });
    release();
  }, 90_000);
});
