import { afterEach, describe, expect, it } from 'vitest';
import type { LifecycleProgress } from '../../../main/core/lifecycle/index.js';
import { API_KEY, freePort, LifecycleHarness, TOKEN } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('start / stop / restart through term-llm (fake executables on PATH)', () => {
  it('start → online, stop → offline, restart → online; term-llm sees XDG_CONFIG_HOME pointing at its root', async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    await h.addWorkspace('alpha', port);
    const desk = await h.start();
    const progress: LifecycleProgress[] = [];
    desk.lifecycle.onProgress((p) => progress.push(p));
    await h.waitFor('alpha', 'container missing, held offline', (r) => r.runtime.container === 'missing' && r.health.status === 'offline');
    expect(h.record('alpha')!.runtime.kind).toBe('term-llm');
    const id = h.id('alpha');

    expect(desk.lifecycle.run(id, 'start')).toEqual({ joined: false });
    expect(h.record('alpha')!.health.status).toBe('starting');
    // The record says what runs (a UI that missed the progress events learns it there) until the command ends.
    expect(h.record('alpha')!.runtime.operation).toBe('start');
    await h.waitFor('alpha', 'online after start', (r) => r.health.status === 'online' && r.runtime.container === 'running');
    await h.waitFor('alpha', 'no command running after start', (r) => r.runtime.operation === undefined);
    expect(progress.map((p) => [p.verb, p.phase])).toEqual([['start', 'running'], ['start', 'done']]);
    const calls = await h.runtime.calls();
    const start = calls.find((call) => call.tool === 'term-llm');
    expect(start).toEqual({ tool: 'term-llm', argv: ['contain', 'start', 'alpha'], xdg: h.configHome });

    desk.lifecycle.run(id, 'stop');
    await h.waitFor('alpha', 'offline after stop', (r) => r.health.status === 'offline' && r.runtime.container === 'stopped');

    desk.lifecycle.run(id, 'restart');
    await h.waitFor('alpha', 'online after restart', (r) => r.health.status === 'online' && r.runtime.container === 'running');
    expect((await h.runtime.calls()).filter((call) => call.tool === 'term-llm').map((call) => call.argv[1])).toEqual(['start', 'stop', 'restart']);

    // Command output was stored scrubbed: the fake printed the token and an API key.
    const text = desk.lifecycle.logs(id).map((line) => line.text).join('\n');
    expect(text).toContain('$ XDG_CONFIG_HOME=');
    expect(text).toContain('term-llm-contain-alpha WEB_TOKEN=[redacted] ANTHROPIC_API_KEY=[redacted]');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('sk-ant-');
    expect(JSON.stringify(desk.registry.list())).not.toContain(TOKEN);
    expect(JSON.stringify(desk.registry.list())).not.toContain(API_KEY);
  });

  it('a second click joins the running command (one term-llm run); another verb meanwhile is refused as busy', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    expect(desk.lifecycle.run(id, 'start').joined).toBe(false);
    expect(desk.lifecycle.run(id, 'start').joined).toBe(true);
    expect(() => desk.lifecycle.run(id, 'stop')).toThrow(/busy: "start" is still running/);
    await desk.lifecycle.whenIdle(id);
    await h.waitFor('alpha', 'online', (r) => r.health.status === 'online');
    expect((await h.runtime.calls()).filter((call) => call.tool === 'term-llm')).toHaveLength(1);
  });
});

describe('failures in plain words', () => {
  it('a missing executable is named, with what to do', async () => {
    h = await LifecycleHarness.create(['docker']);
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    const failed = new Promise<LifecycleProgress>((resolve) => desk.lifecycle.onProgress((p) => p.phase === 'failed' && resolve(p)));
    desk.lifecycle.run(id, 'start');
    expect((await failed).message).toBe('term-llm was not found on PATH — install it or choose "compose" for this root in Settings');
    await h.waitFor('alpha', 'back to offline with the failure in detail', (r) => r.health.status === 'offline' && /start failed: term-llm was not found/.test(r.runtime.detail ?? ''));
  });

  it('a non-zero exit gives the command, the exit code and the last lines (scrubbed)', async () => {
    h = await LifecycleHarness.create();
    await h.runtime.setBehaviour({ fail: { start: 3 }, token: TOKEN });
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const failed = new Promise<LifecycleProgress>((resolve) => desk.lifecycle.onProgress((p) => p.phase === 'failed' && resolve(p)));
    desk.lifecycle.run(h.id('alpha'), 'start');
    const { message } = await failed;
    expect(message).toMatch(/^XDG_CONFIG_HOME=\S+ term-llm contain start alpha exited with code 3\n/);
    expect(message).toContain('driver failed programming external connectivity (start)');
    expect(message).toContain('WEB_TOKEN in the failing output: [redacted]');
    expect(message).not.toContain(TOKEN);
  });

  it('a timeout says so and kills the whole process group (a grandchild included)', async () => {
    h = await LifecycleHarness.create();
    await h.runtime.setBehaviour({ hang: ['start'] });
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start({ lifecycleTimeouts: { startMs: 2_500 } });
    const id = h.id('alpha');
    const failed = new Promise<LifecycleProgress>((resolve) => desk.lifecycle.onProgress((p) => p.phase === 'failed' && resolve(p)));
    desk.lifecycle.run(id, 'start');
    expect((await failed).message).toMatch(/term-llm contain start alpha did not finish within 3 s and was stopped/);
    const { readFile } = await import('node:fs/promises');
    const pid = Number(await readFile(`${h.runtime.env.FAKE_LIFECYCLE_STATE}/hang-child.pid`, 'utf8'));
    const { waitFor } = await import('../../helpers/wait-for.js');
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, { timeoutMs: 10_000, message: 'the hung grandchild to be killed' });
    await h.waitFor('alpha', 'not starting any more', (r) => r.health.status !== 'starting');
  });

  it('cancel stops the running command', async () => {
    h = await LifecycleHarness.create();
    await h.runtime.setBehaviour({ hang: ['start'] });
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    desk.lifecycle.run(id, 'start');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.lifecycle.cancel(id)).toBe(true);
    expect((await desk.lifecycle.whenIdle(id))?.kind).toBe('cancelled');
  });
});
