import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRecord, DeskEvent } from '../../../preload/contract.js';
import type { Desk } from '../../../main/core/desk.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { startTestDesk, writeTestWorkspace } from '../../helpers/test-desk.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const TOKEN = 'desk0fresh0canary0token000000000000000000000000a';

let tmp: TempDir;
let fake: FakeAgent;
let desk: Desk | undefined;

beforeEach(async () => {
  tmp = await tempDir('agent-desk-freshness-');
  fake = await startFakeAgent({ token: TOKEN, name: 'fresh' });
  await writeTestWorkspace(tmp, 'fresh', fake.port, TOKEN);
});

afterEach(async () => {
  await desk?.close();
  desk = undefined;
  await fake.close();
  await tmp.remove();
});

describe('freshness of "checked" and latency', () => {
  it('pages hear new probe times while nothing else changes, gathered into one event per window', async () => {
    desk = await startTestDesk(tmp, { healthIntervalMs: 100, freshnessMs: 600 });
    const lists: Array<{ at: number; agents: AgentRecord[] }> = [];
    desk.service.subscribe((event: DeskEvent) => {
      if (event.channel === 'agents:changed') lists.push({ at: performance.now(), agents: event.payload.agents });
    });
    await waitFor(() => lists.at(-1)?.agents[0]?.health.status === 'online', { message: 'the agent online' });
    const online = lists.length;
    const firstChecked = lists.at(-1)!.agents[0]!.health.checkedAt!;

    // Probes go on every 100 ms and change nothing but time and latency; the pages hear of them.
    await waitFor(() => lists.length >= online + 3, { timeoutMs: 15_000, message: 'three more agents:changed' });
    const fresh = lists.slice(online);
    expect(fresh[0]!.agents[0]!.health.checkedAt!).toBeGreaterThan(firstChecked);
    for (const { agents } of fresh) {
      expect(agents[0]!.health.status).toBe('online');
      expect(agents[0]!.health.latencyMs).toEqual(expect.any(Number));
    }
    // Gathered: never more than one event per 600 ms window, though a probe lands every 100 ms
    // (a busy machine only spreads them further).
    for (let i = 1; i < fresh.length; i++) expect(fresh[i]!.at - fresh[i - 1]!.at).toBeGreaterThan(550);
    expect(JSON.stringify(lists)).not.toContain(TOKEN);
  });
});
