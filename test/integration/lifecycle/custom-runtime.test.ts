import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { freePort, LifecycleHarness, TOKEN } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;
let agent: FakeAgent | undefined;

afterEach(async () => {
  await agent?.close();
  await h?.close();
  h = agent = undefined;
});

/** A command that succeeds and does nothing (the test decides when the agent goes). */
const NOTHING = [process.execPath, '-e', ''];

describe('a custom runtime Docker does not describe', () => {
  it('stays "stopping" after its stop command until health says the agent is gone', async () => {
    h = await LifecycleHarness.create();
    const port = await freePort();
    await h.addWorkspace('alpha', port);
    // Not a container: an agent the custom commands look after, which Docker has never heard of.
    agent = await startFakeAgent({ port, token: TOKEN, name: 'alpha' });
    const desk = await h.start();
    await desk.settings.update({ runtimes: { [h.root]: { kind: 'custom', custom: { start: NOTHING, stop: NOTHING, restart: NOTHING } } } });
    await h.waitFor('alpha', 'online, custom, no container', (r) => r.health.status === 'online' && r.runtime.kind === 'custom' && r.runtime.container === 'missing');
    const id = h.id('alpha');

    desk.lifecycle.run(id, 'stop');
    expect((await desk.lifecycle.whenIdle(id))?.kind).toBe('ok');
    // The command is done but the agent still answers: Docker having no container of it proves nothing.
    await h.waitFor('alpha', 'no command running', (r) => r.runtime.operation === undefined);
    expect(h.record('alpha')!.health.status).toBe('stopping');

    await agent.close();
    agent = undefined;
    await h.waitFor('alpha', 'offline once health says so', (r) => r.health.status === 'offline');
  }, 60_000);
});
