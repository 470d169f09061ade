import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { freePort, LifecycleHarness } from './lifecycle-harness.js';

const ALPHA_TOKEN = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const BETA_TOKEN = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';

let h: LifecycleHarness | undefined;
let agent: FakeAgent | undefined;
const sleepers: number[] = [];

afterEach(async () => {
  await h?.close();
  await agent?.close();
  for (const pid of sleepers.splice(0)) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
  h = undefined;
  agent = undefined;
});

describe('a port two workspaces claim goes to the one whose container publishes it (Docker knows)', () => {
  it('the first claimant is held back naming the owner; its token never reaches the owner’s agent', { timeout: 60_000 }, async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    // alpha is found first (claim order), beta's container is the one running on the port.
    await h.addWorkspace('alpha', port, ALPHA_TOKEN);
    const betaDir = await h.addWorkspace('beta', port, BETA_TOKEN);
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
    sleeper.unref();
    sleepers.push(sleeper.pid!);
    const containers = {
      'term-llm-contain-beta': { id: 'beef01', name: 'beta', configDir: betaDir, state: 'running', port, publish: port, pid: sleeper.pid },
    };
    await fs.writeFile(path.join(h.runtime.env.FAKE_LIFECYCLE_STATE!, 'containers.json'), JSON.stringify(containers));
    agent = await startFakeAgent({ port, token: BETA_TOKEN, name: 'beta' });
    await h.start();

    await h.waitFor('beta', 'online, holding the port', (record) => record.state === 'ready' && record.health.status === 'online');
    await h.waitFor('alpha', 'held back', (record) => record.state === 'invalid');
    expect(h.record('alpha')!.reason).toBe(
      `WEB_PORT ${port} is already used by beta, whose running container publishes it; give this agent its own port in its .env (until then Agent Desk sends this agent's token nowhere)`,
    );
    expect(h.desk.registry.byId(h.id('alpha'))?.endpoint).toBeUndefined();
    const bearers = agent.requests.map((request) => String(request.headers.authorization ?? ''));
    expect(bearers.some((bearer) => bearer === `Bearer ${BETA_TOKEN}`)).toBe(true);
    expect(bearers.join('\n')).not.toContain(ALPHA_TOKEN);
  });
});
