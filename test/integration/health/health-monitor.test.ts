import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthMonitor } from '../../../main/core/health/index.js';
import type { HealthMonitorOptions, HealthSnapshot } from '../../../main/core/health/index.js';
import { Secret } from '../../../main/core/secret.js';
import type { AgentEndpoint } from '../../../main/core/workspace/workspace-types.js';
import { startFakeAgent } from '../../fixtures/fake-agent.js';
import type { FakeAgent, FakeAgentOptions } from '../../fixtures/fake-agent.js';
import { waitFor } from '../../helpers/wait-for.js';

const CANARY = 'CANARYmon-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
const agents: FakeAgent[] = [];
const monitors: HealthMonitor[] = [];

async function start(opts: FakeAgentOptions = {}): Promise<FakeAgent> {
  const agent = await startFakeAgent({ token: CANARY, ...opts });
  agents.push(agent);
  return agent;
}

function monitor(opts: HealthMonitorOptions = {}): HealthMonitor {
  const m = new HealthMonitor({ intervalMs: 50, maxBackoffMs: 200, timeoutMs: 1000, minProbeGapMs: 0, ...opts });
  monitors.push(m);
  return m;
}

function endpointOf(agent: FakeAgent, token = CANARY): AgentEndpoint {
  return { port: agent.port, basePath: agent.basePath, token: new Secret(token) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.close()));
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('HealthMonitor', () => {
  it('tracks an agent: online snapshot with identity, widgets and sessions; one event per real change', async () => {
    const agent = await start({
      version: '3.0.0',
      widgets: [{ id: 'w1', mount: 'notes', title: 'Notes', state: 'running' }],
      sessions: [{ id: 's', short_title: 's', long_title: 's', active_run: true, message_count: 2, last_message_at: 1, transcript_rev: 1 }],
    });
    const m = monitor({ intervalMs: 60_000 });
    const events: HealthSnapshot[] = [];
    m.onUpdate((id, snapshot) => id === 'a' && events.push(snapshot));
    m.track('a', endpointOf(agent));
    const snapshot = await waitFor(() => (m.get('a')?.health.status === 'online' ? m.get('a') : undefined), { message: 'online' });
    expect(snapshot.health).toMatchObject({ status: 'online', version: '3.0.0', capabilities: ['web', 'api', 'jobs', 'widgets'] });
    expect(snapshot.health.error).toBeUndefined();
    expect(snapshot.widgets).toEqual([{ id: 'w1', mount: 'notes', title: 'Notes', state: 'running' }]);
    expect(snapshot.sessions).toEqual({ count: 1, activeRuns: 1 });
    expect(events).toHaveLength(1);

    // Nothing changed: checkedAt moves, no event; the sessions ETag is sent back.
    const again = await m.probeNow('a');
    expect(again?.health.checkedAt).toBeGreaterThanOrEqual(snapshot.health.checkedAt ?? 0);
    expect(events).toHaveLength(1);
    const sessionRequests = agent.requests.filter((r) => r.url === '/chat/v1/sessions/status');
    expect(sessionRequests.at(-1)?.headers['if-none-match']).toMatch(/^"/);
    expect(m.get('a')?.sessions).toEqual({ count: 1, activeRuns: 1 });

    agent.setWidgets([]);
    await m.probeNow('a');
    expect(events).toHaveLength(2);
    expect(events[1]?.widgets).toEqual([]);
  });

  it('goes offline when the agent stops and back online after it restarts', async () => {
    const agent = await start();
    const m = monitor();
    const statuses: string[] = [];
    m.onUpdate((_id, s) => statuses.push(s.health.status));
    m.track('a', endpointOf(agent));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
    await agent.stop();
    // A probe cut by stop() may first report a reset; refused follows once the port is closed.
    await waitFor(() => m.get('a')?.health.error === `connection refused on 127.0.0.1:${agent.port}`, { message: 'refused' });
    expect(m.get('a')?.health.status).toBe('offline');
    expect(m.get('a')?.sessions).toEqual({ count: 0, activeRuns: 0 });
    await agent.restart();
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online again' });
    expect(statuses.filter((status, i) => status !== statuses[i - 1])).toEqual(['online', 'offline', 'online']);
  });

  it('online with a broken widgets or sessions answer: error named, last known lists kept', async () => {
    const agent = await start({ widgets: [{ id: 'w1', mount: 'notes', title: 'Notes', state: 'running' }] });
    const m = monitor({ intervalMs: 60_000 });
    m.track('a', endpointOf(agent));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
    agent.setMode('garbage', { only: '/admin/widgets/status' });
    const broken = await m.probeNow('a');
    expect(broken?.health).toMatchObject({ status: 'online', error: 'widgets status answered invalid JSON' });
    expect(broken?.widgets.map((w) => w.mount)).toEqual(['notes']);
    agent.setMode('status500', { only: '/v1/sessions/status' });
    expect((await m.probeNow('a'))?.health.error).toBe('sessions status answered HTTP 500');
    agent.setMode('ok');
    expect((await m.probeNow('a'))?.health.error).toBeUndefined();
  });

  it('a token change: unauthorized until re-tracked with the new token, which re-probes at once', async () => {
    const agent = await start();
    const m = monitor({ intervalMs: 60_000 });
    m.track('a', endpointOf(agent));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
    agent.setToken('rotated-token-value');
    expect((await m.probeNow('a'))?.health.status).toBe('unauthorized');
    m.track('a', endpointOf(agent, 'rotated-token-value'));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online with the new token' });
  });

  it('a burst of probeNow calls (proxied 401s) makes one probe after the minimum gap', async () => {
    const agent = await start();
    const m = monitor({ intervalMs: 60_000, minProbeGapMs: 300 });
    m.track('a', endpointOf(agent));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
    const healthzBefore = agent.requests.filter((r) => r.url === '/chat/healthz').length;
    agent.setToken('rotated');
    const results = await Promise.all(Array.from({ length: 20 }, () => m.probeNow('a')));
    expect(new Set(results.map((r) => r?.health.status))).toEqual(new Set(['unauthorized']));
    expect(agent.requests.filter((r) => r.url === '/chat/healthz').length).toBe(healthzBefore + 1);
  });

  it('a burst of probeSoon calls (the gateway asks on every proxied 401) makes one probe after the minimum gap', async () => {
    const agent = await start();
    const m = monitor({ intervalMs: 60_000, minProbeGapMs: 300 });
    m.track('a', endpointOf(agent));
    await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
    const healthzBefore = agent.requests.filter((r) => r.url === '/chat/healthz').length;
    agent.setToken('rotated');
    for (let i = 0; i < 50; i += 1) m.probeSoon('a');
    await waitFor(() => m.get('a')?.health.status === 'unauthorized', { message: 'unauthorized after the coalesced probe' });
    // Another burst right after: still within the gap of the probe that just ended, so one more at most.
    for (let i = 0; i < 50; i += 1) m.probeSoon('a');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(agent.requests.filter((r) => r.url === '/chat/healthz').length).toBeLessThanOrEqual(healthzBefore + 2);
    expect(agent.requests.filter((r) => r.url === '/chat/healthz').length).toBeGreaterThanOrEqual(healthzBefore + 1);
  });

  it('one hung agent does not delay another', async () => {
    const hung = await start();
    hung.setMode('hang');
    const healthy = await start();
    const m = monitor({ timeoutMs: 15_000 });
    m.track('hung', endpointOf(hung));
    await waitFor(() => hung.counters.open === 1, { message: 'hung probe in flight' });
    m.track('healthy', endpointOf(healthy));
    await waitFor(() => m.get('healthy')?.health.status === 'online', { message: 'healthy online' });
    expect(m.get('hung')?.health.status).toBe('unknown');
  });

  it('untrack stops probing that agent', async () => {
    const agent = await start();
    const m = monitor({ intervalMs: 20 });
    m.track('a', endpointOf(agent));
    await waitFor(() => agent.counters.requests >= 6, { message: 'a few probe rounds' });
    m.untrack('a');
    expect(m.get('a')).toBeUndefined();
    await waitFor(() => agent.counters.open === 0, { message: 'in-flight probe to end' });
    const after = agent.counters.requests;
    await sleep(200);
    expect(agent.counters.requests).toBe(after);
    expect(await m.probeNow('a')).toBeUndefined();
  });

  it('close aborts in-flight probes and leaves no timers behind', async () => {
    const busy = await start();
    const hung = await start();
    hung.setMode('hang');
    const m = monitor({ intervalMs: 20, timeoutMs: 15_000 });
    m.track('busy', endpointOf(busy));
    m.track('hung', endpointOf(hung));
    await waitFor(() => busy.counters.requests >= 6 && hung.counters.open === 1, { message: 'probes running' });
    await m.close();
    await waitFor(() => hung.counters.open === 0 && busy.counters.open === 0, { message: 'sockets closed by close()' });
    const counts = [busy.counters.requests, hung.counters.requests];
    await sleep(200);
    expect([busy.counters.requests, hung.counters.requests]).toEqual(counts);
    m.track('late', endpointOf(busy));
    expect(m.get('late')).toBeUndefined();
  });

  it('never puts the token in a snapshot, an event, an error or console output', async () => {
    const writes: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)),
    ];
    try {
      const agent = await start();
      const m = monitor({ timeoutMs: 300 });
      const seen: unknown[] = [];
      m.onUpdate((_id, s) => seen.push(s));
      m.track('a', endpointOf(agent));
      await waitFor(() => m.get('a')?.health.status === 'online', { message: 'online' });
      m.track('a', endpointOf(agent, `${CANARY}-wrong`));
      await waitFor(() => m.get('a')?.health.status === 'unauthorized', { message: 'unauthorized' });
      for (const mode of ['html', 'garbage', 'status500', 'reset', 'hang'] as const) {
        agent.setMode(mode);
        seen.push(await m.probeNow('a'));
      }
      await agent.stop();
      seen.push(await m.probeNow('a'));
      expect(seen.length).toBeGreaterThan(6);
      const text = JSON.stringify(seen) + writes.join('');
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY.slice(6, 30));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('rejects nonsense options with a clear error', () => {
    expect(() => new HealthMonitor({ intervalMs: 0 })).toThrow(/intervalMs must be a positive integer/);
    expect(() => new HealthMonitor({ timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
    expect(() => new HealthMonitor({ minProbeGapMs: -1 })).toThrow(/minProbeGapMs must be a non-negative integer/);
  });
});
