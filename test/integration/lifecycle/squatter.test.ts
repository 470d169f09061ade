import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { cookieOf, pathOf, send } from '../gateway/harness.js';
import { freePort, LifecycleHarness, TOKEN } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;
let squatter: FakeAgent | undefined;

afterEach(async () => {
  await h?.close();
  await squatter?.close();
  h = undefined;
  squatter = undefined;
});

/** Requests that reached the squatter carrying any bearer. */
const bearersAt = (fake: FakeAgent): number => fake.requests.filter((request) => request.headers.authorization !== undefined).length;

/**
 * Docker's state as the fake reports it: the agent's container, stopped or
 * running on `publish` (a sleeping process stands for the container; the
 * harness kills it at the end).
 */
async function dockerKnows(harness: LifecycleHarness, dir: string, container: { state: 'exited' | 'running'; publish: number }): Promise<void> {
  const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
  sleeper.unref();
  const containers = {
    'term-llm-contain-alpha': { id: 'c0ffee', name: 'alpha', configDir: dir, state: container.state, port: container.publish, publish: container.publish, pid: sleeper.pid },
  };
  await fs.writeFile(path.join(harness.runtime.env.FAKE_LIFECYCLE_STATE!, 'containers.json'), JSON.stringify(containers));
}

/** Several health intervals, a proxied navigation and a proxied API call through a real session. */
async function exercise(harness: LifecycleHarness): Promise<{ page: number; api: number }> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const port = harness.desk.gateway.port;
  const enter = pathOf(harness.desk.gateway.agentEnterUrl(harness.id('alpha')));
  const entered = await send(port, { host: enter.host, path: enter.path });
  expect(entered.status).toBe(302);
  const cookie = cookieOf(entered);
  const page = await send(port, { host: enter.host, path: '/chat/', headers: { cookie, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' } });
  const api = await send(port, { host: enter.host, path: '/chat/v1/sessions/status', headers: { cookie } });
  return { page: page.status, api: api.status };
}

describe('no token to a squatter (Docker knows the container)', () => {
  it('container stopped: a process on WEB_PORT gets no bearer from probes or proxied requests', async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    const dir = await h.addWorkspace('alpha', port);
    await dockerKnows(h, dir, { state: 'exited', publish: port });
    squatter = await startFakeAgent({ port, token: 'not-the-agent-token-000000000000000000000000000', name: 'squatter' });
    await h.start();
    await h.waitFor('alpha', 'Docker says stopped', (r) => r.runtime.container === 'stopped');
    const { page, api } = await exercise(h);
    expect(bearersAt(squatter)).toBe(0);
    expect([page, api]).toEqual([503, 503]);
    expect(h.record('alpha')!.health).toMatchObject({ status: 'offline', error: 'its container is exited (Docker)' });
    expect(squatter.requests.map((request) => request.headers.authorization ?? '').join('')).not.toContain(TOKEN);
  });

  it('container running on another port: WEB_PORT is not the port it publishes, so no bearer goes there', async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    const dir = await h.addWorkspace('alpha', port);
    await dockerKnows(h, dir, { state: 'running', publish: port + 1 });
    squatter = await startFakeAgent({ port, token: 'not-the-agent-token-000000000000000000000000000', name: 'squatter' });
    await h.start();
    await h.waitFor('alpha', 'Docker says running', (r) => r.runtime.container === 'running');
    await exercise(h);
    expect(bearersAt(squatter)).toBe(0);
    expect(h.record('alpha')!.health.error).toMatch(new RegExp(`publishes ${port + 1}, not WEB_PORT ${port}`));
  });

  it('Docker unknown (not permitted): behaviour as before — the process on WEB_PORT is probed with the token', async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    const dir = await h.addWorkspace('alpha', port);
    await dockerKnows(h, dir, { state: 'exited', publish: port });
    await h.runtime.setBehaviour({ psFail: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock' });
    squatter = await startFakeAgent({ port, token: TOKEN, name: 'alpha' });
    await h.start();
    await h.waitFor('alpha', 'online, docker unknown', (r) => r.health.status === 'online' && r.runtime.container === 'unknown');
    expect(h.record('alpha')!.runtime.detail).toBe('not permitted to use Docker (permission denied on the Docker socket)');
    expect(bearersAt(squatter)).toBeGreaterThan(0);
  });

  it('Docker missing from PATH: container unknown with the reason, not an error; the agent is probed as before', async () => {
    h = await LifecycleHarness.create(['term-llm']);
    const port = await freePort();
    await h.addWorkspace('alpha', port);
    squatter = await startFakeAgent({ port, token: TOKEN, name: 'alpha' });
    await h.start();
    await h.waitFor('alpha', 'online, docker unknown', (r) => r.health.status === 'online' && r.runtime.container === 'unknown');
    expect(h.record('alpha')!.runtime).toEqual({ kind: 'term-llm', container: 'unknown', detail: 'docker was not found on PATH' });
  });
});
