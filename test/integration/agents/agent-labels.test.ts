import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../../main/core/desk.js';
import { base32 } from '../../../main/core/hosts/index.js';
import { legacyAgentLabel } from '../../../main/core/hosts/legacy-labels.js';
import { SettingsFile } from '../../../main/core/settings/index.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { startTestDesk, writeTestWorkspace } from '../../helpers/test-desk.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { pathOf, send } from '../gateway/harness.js';

const TOKEN = 'labels0canary0token0000000000000000000000000000a';

let tmp: TempDir;
let fake: FakeAgent;
let desk: Desk | undefined;

/** A desk over the one workspace `roots/alpha`, with its settings (and install key) in `config-<install>`. */
function start(install: string): Promise<Desk> {
  return startTestDesk(tmp, { configDir: path.join(tmp.path, `config-${install}`) });
}

async function labelOf(d: Desk): Promise<string> {
  return waitFor(() => d.registry.list().find((record) => record.name === 'alpha')?.label, { timeoutMs: 10_000, message: 'the alpha record' });
}

beforeEach(async () => {
  tmp = await tempDir('agent-desk-labels-');
  fake = await startFakeAgent({ token: TOKEN, name: 'alpha' });
  await writeTestWorkspace(tmp, 'alpha', fake.port, TOKEN);
});

afterEach(async () => {
  await desk?.close();
  desk = undefined;
  await fake.close();
  await tmp.remove();
});

describe('agent hosts nobody else can name (issue 9)', () => {
  it('one install keeps an agent its host across restarts; another install gives the same workspace another host', async () => {
    desk = await start('one');
    const first = await labelOf(desk);
    expect(first).toMatch(/^a-alpha-[a-z2-7]{16}$/);
    const record = desk.registry.list()[0]!;
    expect(record.id).toBe(first);
    // The enter URL the desk hands out is on that host, and it opens the agent.
    const enter = pathOf(desk.gateway.agentEnterUrl(record.id));
    expect(enter.host).toBe(`${first}.localhost:${desk.gateway.port}`);
    expect((await send(desk.gateway.port, enter)).status).toBe(302);
    await desk.close();

    desk = await start('one');
    expect(await labelOf(desk)).toBe(first);
    await desk.close();

    desk = await start('two');
    const other = await labelOf(desk);
    expect(other).toMatch(/^a-alpha-[a-z2-7]{16}$/);
    expect(other).not.toBe(first);
  });

  it('the host anyone could compute from the path before (sha256, 6 base32) is no host of the desk: 421', async () => {
    desk = await start('one');
    const label = await labelOf(desk);
    const workspace = desk.workspaces.list().find((w) => w.name === 'alpha')!.path;
    const guessable = legacyAgentLabel('alpha', workspace);
    expect(guessable).toBe(`a-alpha-${base32(createHash('sha256').update(workspace).digest(), 6)}`);
    expect(guessable).not.toBe(label);
    const port = desk.gateway.port;
    expect((await send(port, { host: `${guessable}.localhost:${port}`, path: '/chat/' })).status).toBe(421);
    // Only the desk's own probes reached the agent, never the guessed host's request.
    expect(fake.requests.some((r) => r.url === '/chat/')).toBe(false);
  });

  it('an agent muted under its old id stays muted under its new one (carried over once, other ids kept)', async () => {
    const workspace = path.join(tmp.path, 'roots', 'alpha');
    const store = new SettingsFile(path.join(tmp.path, 'config-one'));
    await store.load();
    const notifications = store.current.notifications;
    await store.update({ notifications: { ...notifications, mutedAgents: ['a-gone-abcdef', legacyAgentLabel('alpha', workspace)] } });

    desk = await start('one');
    const label = await labelOf(desk);
    expect(desk.settings.current.notifications.mutedAgents).toEqual(['a-gone-abcdef', label]);
    // Saved: the next start reads the new id from the file and has nothing left to carry over.
    await desk.close();
    desk = undefined;
    const reread = new SettingsFile(path.join(tmp.path, 'config-one'));
    expect((await reread.load()).settings.notifications.mutedAgents).toEqual(['a-gone-abcdef', label]);
  });
});
