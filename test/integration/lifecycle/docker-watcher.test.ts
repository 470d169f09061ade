import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerWatcher } from '../../../main/core/lifecycle/index.js';
import { waitFor } from '../../helpers/wait-for.js';
import { freePort, LifecycleHarness } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;
let watcher: DockerWatcher | undefined;

afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await h?.close();
  h = undefined;
});

function containerState(w: DockerWatcher): string | undefined {
  const view = w.view;
  return view.known ? view.containers[0]?.state : undefined;
}

describe('DockerWatcher against a fake docker', () => {
  it('hears of a change made just after its first listing (the follower starts first and asks from just before)', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    await promisify(execFile)(path.join(h.runtime.path, 'term-llm'), ['contain', 'start', 'alpha'], {
      env: { ...h.runtime.env, XDG_CONFIG_HOME: h.configHome },
    });
    await h.runtime.setBehaviour({ stopAfterPs: 'term-llm-contain-alpha' });
    watcher = new DockerWatcher({ env: h.runtime.env, coalesceMs: 20 });
    await watcher.start();
    const w = watcher;
    await waitFor(() => containerState(w) === 'exited', {
      timeoutMs: 20_000,
      message: `the container stopped just after the first listing (view now ${JSON.stringify(w.view)})`,
    });
  }, 30_000);

  it('a follower that keeps exiting is restarted ever later, and the view says what it last said', async () => {
    h = await LifecycleHarness.create();
    const said = 'Error response from daemon: the events stream broke';
    await h.runtime.setBehaviour({ eventsExit: said });
    const backoffMs = 50;
    watcher = new DockerWatcher({ env: h.runtime.env, backoffMs, maxBackoffMs: 4_000, stableMs: 4_000 });
    const startedAt = Date.now();
    await watcher.start();
    const w = watcher;
    await waitFor(() => !w.view.known && w.view.reason === `docker events keeps stopping: ${said}`, {
      timeoutMs: 20_000,
      message: `the view unknown with the follower's last words (now ${JSON.stringify(w.view)})`,
    });
    // Restarts come 50, 100, 200, 400, 800, 1600, 3200… ms after each exit, so within 4.5 s of the
    // start at most the first follower and six restarts can have run (a slow machine runs fewer).
    // With a backoff that never grows: one every ~50 ms plus the process's own start-up.
    const windowMs = 4_500;
    await new Promise((resolve) => setTimeout(resolve, startedAt + windowMs - Date.now()));
    const followers = (await h.runtime.calls()).filter((call) => call.tool === 'docker' && call.argv[0] === 'events');
    expect(followers.length, `${followers.length} docker events within ${windowMs} ms`).toBeLessThanOrEqual(7);

    // Docker's events work again: once a follower stays up, the view is Docker's list again.
    await h.runtime.setBehaviour({});
    await waitFor(() => w.view.known, { timeoutMs: 30_000, message: `the view known again (now ${JSON.stringify(w.view)})` });
  }, 60_000);
});
