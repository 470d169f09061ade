import { promises as fs } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentRegistry, type AgentSourceChange } from '../../../main/core/agents/index.js';
import { HealthMonitor } from '../../../main/core/health/index.js';
import { WorkspaceDirectory } from '../../../main/core/workspace/index.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const KEY_CANARY = 'sk-registry-canary-91c2';

let dir: TempDir;
let workspaces: WorkspaceDirectory;
let health: HealthMonitor;
let registry: AgentRegistry;
let fake: FakeAgent;
const changes: AgentSourceChange[] = [];

async function writeEnv(name: string, token: string, port = fake.port): Promise<void> {
  await fs.mkdir(path.join(dir.path, name), { recursive: true });
  await fs.writeFile(path.join(dir.path, name, '.env'), `WEB_PORT=${port}\nWEB_TOKEN=${token}\nANTHROPIC_API_KEY=${KEY_CANARY}\n`);
}

const record = (name: string) => registry.list().find((agent) => agent.name === name);

beforeEach(async () => {
  dir = await tempDir('agent-desk-registry-');
  fake = await startFakeAgent({
    token: 'registry-token-one-canary',
    widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running' }],
    sessions: [{ id: 's1', short_title: 'a', long_title: 'a', message_count: 1, last_message_at: 1, transcript_rev: 1, active_run: true }],
  });
  workspaces = new WorkspaceDirectory({ roots: [{ path: dir.path, source: 'flag' }], installKey: TEST_INSTALL_KEY });
  await workspaces.start();
  health = new HealthMonitor({ intervalMs: 200, maxBackoffMs: 400 });
  registry = new AgentRegistry({ workspaces, health });
  changes.length = 0;
  registry.onChange((change) => changes.push(change));
});

afterEach(async () => {
  registry.close();
  await health.close();
  await workspaces.close();
  await fake.close();
  await dir.remove();
});

describe('registry over real discovery, health and a fake agent', () => {
  it('shows a new workspace online with identity, widgets and sessions, and never its secrets', async () => {
    await writeEnv('alpha', fake.token);
    await waitFor(() => record('alpha')?.health.status === 'online', { message: 'alpha online' });
    expect(record('alpha')).toMatchObject({
      state: 'ready',
      health: { version: '0.9.0-fake', capabilities: expect.arrayContaining(['web', 'widgets']) },
      widgets: [{ mount: 'clock', title: 'Clock', state: 'running' }],
      sessions: { count: 1, activeRuns: 1 },
    });
    for (const text of [JSON.stringify(registry.list()), inspect(registry.byId(record('alpha')!.id), { depth: 8 })]) {
      expect(text).not.toContain(fake.token);
      expect(text).not.toContain(KEY_CANARY);
    }
  });

  it('re-probes at once when the token changes, reports unauthorized, then recovers', async () => {
    await writeEnv('beta', fake.token);
    await waitFor(() => record('beta')?.health.status === 'online', { message: 'beta online' });
    await writeEnv('beta', 'registry-token-two-canary');
    await waitFor(() => changes.some((c) => c.kind === 'updated' && c.tokenChanged), { message: 'a tokenChanged event' });
    await waitFor(() => record('beta')?.health.status === 'unauthorized', { message: 'beta unauthorized' });
    fake.setToken('registry-token-two-canary');
    await waitFor(() => record('beta')?.health.status === 'online', { message: 'beta online again' });
  });

  it('goes offline when the agent stops and online when it returns; removal drops the record', async () => {
    await writeEnv('gamma', fake.token);
    await waitFor(() => record('gamma')?.health.status === 'online', { message: 'gamma online' });
    await fake.stop();
    await waitFor(() => record('gamma')?.health.status === 'offline', { message: 'gamma offline' });
    expect(record('gamma')?.health.error).toMatch(/refused/);
    await fake.restart();
    await waitFor(() => record('gamma')?.health.status === 'online', { message: 'gamma back online' });
    const id = record('gamma')!.id;
    await fs.rm(path.join(dir.path, 'gamma'), { recursive: true });
    await waitFor(() => changes.some((c) => c.kind === 'removed' && c.id === id), { message: 'gamma removed' });
    expect(registry.byId(id)).toBeUndefined();
  });
});
