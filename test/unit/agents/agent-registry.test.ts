import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AgentRegistry, type AgentSourceChange, type HealthFeed, type WorkspaceFeed } from '../../../main/core/agents/index.js';
import type { AgentRuntimeView, RuntimeFeed } from '../../../main/core/agents/agent-runtime.js';
import type { HealthSnapshot } from '../../../main/core/health/health-types.js';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { Secret } from '../../../main/core/secret.js';
import type { AgentEndpoint, Workspace, WorkspaceChange } from '../../../main/core/workspace/workspace-types.js';

const CANARY = 'canary-token-3f9a1c';

/** In-memory workspace feed: the other side of the registry's input. */
class MemoryWorkspaces implements WorkspaceFeed {
  items = new Map<string, Workspace>();
  listeners = new Set<(change: WorkspaceChange) => void>();
  list(): Workspace[] { return [...this.items.values()]; }
  onChange(listener: (change: WorkspaceChange) => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  put(workspace: Workspace): void {
    const previous = this.items.get(workspace.id);
    this.items.set(workspace.id, workspace);
    const change: WorkspaceChange = previous ? { kind: 'updated', workspace, previous } : { kind: 'added', workspace };
    for (const listener of this.listeners) listener(change);
  }
  remove(id: string): void {
    const workspace = this.items.get(id)!;
    this.items.delete(id);
    for (const listener of this.listeners) listener({ kind: 'removed', workspace });
  }
}

class MemoryHealth implements HealthFeed {
  tracked = new Map<string, AgentEndpoint>();
  probes: string[] = [];
  snapshots = new Map<string, HealthSnapshot>();
  listeners = new Set<(id: string, snapshot: HealthSnapshot) => void>();
  track(id: string, endpoint: AgentEndpoint): void { this.tracked.set(id, endpoint); this.probes.push(id); }
  untrack(id: string): void { this.tracked.delete(id); this.snapshots.delete(id); }
  probeSoon(id: string): void { this.probes.push(id); }
  get(id: string): HealthSnapshot | undefined { return this.snapshots.get(id); }
  onUpdate(listener: (id: string, snapshot: HealthSnapshot) => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  report(id: string, snapshot: HealthSnapshot): void { this.snapshots.set(id, snapshot); for (const listener of this.listeners) listener(id, snapshot); }
  probedListeners = new Set<(id: string) => void>();
  onProbed(listener: (id: string) => void): () => void { this.probedListeners.add(listener); return () => this.probedListeners.delete(listener); }
  /** A probe that moved only latency and checkedAt. */
  probed(id: string, snapshot: HealthSnapshot): void { this.snapshots.set(id, snapshot); for (const listener of this.probedListeners) listener(id); }
}

/** Docker as the registry sees it through lifecycle: which workspaces' containers publish which ports. */
class MemoryRuntime implements RuntimeFeed {
  published = new Map<string, number>();
  listeners = new Set<(id: string) => void>();
  runtimeOf(): AgentRuntimeView { return { runtime: { kind: 'none', container: 'unknown' } }; }
  publishes(ws: Workspace, port: number): boolean { return this.published.get(ws.id) === port; }
  onChange(listener: (id: string) => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  publish(id: string, port: number | undefined): void {
    if (port === undefined) this.published.delete(id);
    else this.published.set(id, port);
    for (const listener of this.listeners) listener(id);
  }
}

function workspace(name: string, token: string | undefined, port = 8081): Workspace {
  const path = `/roots/main/${name}`;
  const label = agentLabel(TEST_INSTALL_KEY, name, path);
  const base: Workspace = { id: label, label, name, root: '/roots/main', path, state: token ? 'ready' : 'not-provisioned' };
  if (!token) return { ...base, reason: 'WEB_TOKEN is not set' };
  return { ...base, endpoint: { port, basePath: '/chat', token: new Secret(token) } };
}

const online: HealthSnapshot = {
  health: { status: 'online', latencyMs: 2, version: '1.2.3', capabilities: ['web', 'widgets'], checkedAt: 1 },
  widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running' }],
  sessions: { count: 3, activeRuns: 1 },
};

function setup() {
  const workspaces = new MemoryWorkspaces();
  const health = new MemoryHealth();
  const registry = new AgentRegistry({ workspaces, health, widgetHost: (id, mount) => `w-${id}-${mount}.localhost:1` });
  const changes: AgentSourceChange[] = [];
  registry.onChange((change) => changes.push(change));
  return { workspaces, health, registry, changes };
}

describe('AgentRegistry', () => {
  it('adds a ready workspace, tracks its health and merges the snapshot', () => {
    const { workspaces, health, registry, changes } = setup();
    const ws = workspace('alpha', CANARY);
    workspaces.put(ws);
    expect(health.tracked.has(ws.id)).toBe(true);
    expect(registry.byId(ws.id)?.record.health.status).toBe('unknown');
    health.report(ws.id, online);
    const record = registry.byLabel(ws.label)!.record;
    expect(record.health.version).toBe('1.2.3');
    expect(record.sessions).toEqual({ count: 3, activeRuns: 1 });
    expect(record.widgets).toEqual([{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running', host: `w-${ws.id}-clock.localhost:1` }]);
    expect(changes.map((c) => c.kind)).toEqual(['added', 'updated']);
  });

  it('a probe that moved only latency and time updates the record quietly: a freshness event, no change event', () => {
    const { workspaces, health, registry, changes } = setup();
    const ws = workspace('alpha', CANARY);
    workspaces.put(ws);
    health.report(ws.id, online);
    const fresh: string[] = [];
    registry.onFreshness((id) => fresh.push(id));
    const before = changes.length;
    health.probed(ws.id, { ...online, health: { ...online.health, latencyMs: 7, checkedAt: 2 } });
    expect(registry.byId(ws.id)!.record.health).toMatchObject({ latencyMs: 7, checkedAt: 2 });
    expect(registry.list()[0]!.health.checkedAt).toBe(2);
    expect(fresh).toEqual([ws.id]);
    expect(changes).toHaveLength(before);
    // An agent no longer probed (its workspace lost its token) takes no late probe.
    workspaces.put(workspace('alpha', undefined));
    health.probed(ws.id, { ...online, health: { ...online.health, checkedAt: 3 } });
    expect(fresh).toEqual([ws.id]);
  });

  it('does not probe a workspace without a token and keeps its reason', () => {
    const { workspaces, health, registry } = setup();
    const ws = workspace('beta', undefined);
    workspaces.put(ws);
    expect(health.tracked.size).toBe(0);
    expect(registry.byId(ws.id)?.record).toMatchObject({ state: 'not-provisioned', reason: 'WEB_TOKEN is not set' });
    expect(registry.byId(ws.id)?.endpoint).toBeUndefined();
  });

  it('reports a token change, re-tracks the agent and forgets removed agents', () => {
    const { workspaces, health, registry, changes } = setup();
    workspaces.put(workspace('gamma', 'token-one'));
    const id = workspace('gamma', 'x').id;
    health.probes.length = 0;
    workspaces.put(workspace('gamma', 'token-two'));
    expect(changes.at(-1)).toEqual({ kind: 'updated', id, tokenChanged: true, endpointChanged: true });
    expect(health.probes).toEqual([id]);
    workspaces.put(workspace('gamma', undefined));
    expect(health.tracked.has(id)).toBe(false);
    expect(changes.at(-1)).toMatchObject({ tokenChanged: true });
    workspaces.remove(id);
    expect(changes.at(-1)).toEqual({ kind: 'removed', id });
    expect(registry.byId(id)).toBeUndefined();
    expect(registry.list()).toEqual([]);
  });

  it('lists records sorted by name and keeps agents of the same name in two roots apart', () => {
    const { workspaces, registry } = setup();
    workspaces.put(workspace('zeta', 't', 9001));
    workspaces.put(workspace('alpha', 't', 9002));
    const other: Workspace = { ...workspace('alpha', 't', 9003), root: '/roots/other', path: '/roots/other/alpha' };
    other.id = other.label = agentLabel(TEST_INSTALL_KEY, 'alpha', other.path);
    workspaces.put(other);
    expect(registry.list().map((r) => r.name)).toEqual(['alpha', 'alpha', 'zeta']);
    expect(registry.list().map((r) => r.state)).toEqual(['ready', 'ready', 'ready']);
    expect(new Set(registry.list().map((r) => r.id)).size).toBe(3);
  });

  it('never lets the token into a record, however it is printed', () => {
    const { workspaces, health, registry } = setup();
    const ws = workspace('delta', CANARY);
    workspaces.put(ws);
    health.report(ws.id, online);
    const agent = registry.byId(ws.id)!;
    expect(JSON.stringify(registry.list())).not.toContain(CANARY);
    expect(JSON.stringify(agent)).not.toContain(CANARY);
    expect(inspect(agent, { depth: 10 })).not.toContain(CANARY);
    expect(`${agent.endpoint?.token}`).not.toContain(CANARY);
  });

  it('stops listening on close', () => {
    const { workspaces, health, registry, changes } = setup();
    workspaces.put(workspace('eps', 't'));
    registry.close();
    workspaces.put(workspace('phi', 't'));
    expect(changes).toHaveLength(1);
    expect(health.tracked.size).toBe(0);
  });

  it('a newcomer on a running agent\'s WEB_PORT is held back naming it; the holder keeps working; both free when fixed', () => {
    const { workspaces, health, registry, changes } = setup();
    const alpha = workspace('alpha', 'token-a', 8081);
    workspaces.put(alpha);
    expect(health.tracked.has(alpha.id)).toBe(true);
    const beta = workspace('beta', 'token-b', 8081);
    workspaces.put(beta);
    // alpha had the port first: untouched (no event that would revoke its sessions).
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(alpha.id)?.endpoint?.port).toBe(8081);
    expect(changes.filter((change) => change.id === alpha.id && change.kind === 'updated')).toEqual([]);
    const held = registry.byId(beta.id)!;
    expect(held.record.state).toBe('invalid');
    expect(held.record.reason).toBe(
      "WEB_PORT 8081 is already used by alpha, which had it first; give this agent its own port in its .env (until then Agent Desk sends this agent's token nowhere)",
    );
    expect(held.endpoint).toBeUndefined();
    expect(health.tracked.has(beta.id)).toBe(false);
    // An edit of the holder's .env that keeps the port keeps its claim.
    workspaces.put(workspace('alpha', 'token-a2', 8081));
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(beta.id)?.record.state).toBe('invalid');

    workspaces.put(workspace('beta', 'token-b', 8082));
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(beta.id)?.record.state).toBe('ready');
    expect(health.tracked.get(alpha.id)?.port).toBe(8081);
    expect(health.tracked.get(beta.id)?.port).toBe(8082);
    // beta moving onto alpha's port again is the newcomer again.
    workspaces.put(workspace('beta', 'token-b', 8081));
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(beta.id)?.record.state).toBe('invalid');
    // The holder leaves: the next claimant gets the port.
    workspaces.remove(alpha.id);
    expect(registry.byId(beta.id)?.record.state).toBe('ready');
    expect(health.tracked.get(beta.id)?.port).toBe(8081);
  });

  it('a shared port goes to the workspace whose running container publishes it, whatever the claim order; back to the first claimant when it stops', () => {
    const workspaces = new MemoryWorkspaces();
    const health = new MemoryHealth();
    const runtime = new MemoryRuntime();
    const alpha = workspace('alpha', 'token-a', 8081);
    const beta = workspace('beta', 'token-b', 8081);
    runtime.published.set(beta.id, 8081);
    workspaces.put(alpha);
    workspaces.put(beta);
    const registry = new AgentRegistry({ workspaces, health, runtime });
    // beta claimed second, but Docker says its container publishes 8081: alpha's token would reach beta.
    expect(registry.byId(beta.id)?.record.state).toBe('ready');
    expect(health.tracked.get(beta.id)?.port).toBe(8081);
    expect(registry.byId(alpha.id)?.record.state).toBe('invalid');
    expect(registry.byId(alpha.id)?.endpoint).toBeUndefined();
    expect(health.tracked.has(alpha.id)).toBe(false);
    expect(registry.byId(alpha.id)?.record.reason).toBe(
      "WEB_PORT 8081 is already used by beta, whose running container publishes it; give this agent its own port in its .env (until then Agent Desk sends this agent's token nowhere)",
    );
    // beta's container stops: nobody's container publishes the port, the first claimant keeps it.
    runtime.publish(beta.id, undefined);
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(beta.id)?.record.state).toBe('invalid');
    expect(registry.byId(beta.id)?.record.reason).toContain('used by alpha, which had it first');
    // alpha's container comes up on it: alpha stays; then beta's too (both publish: claim order decides).
    runtime.publish(alpha.id, 8081);
    expect(registry.byId(alpha.id)?.record.reason).toBeUndefined();
    runtime.publish(beta.id, 8081);
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
    expect(registry.byId(beta.id)?.record.state).toBe('invalid');
    // Only alpha's container goes away: beta's publishes the port and takes it.
    runtime.publish(alpha.id, undefined);
    expect(registry.byId(beta.id)?.record.state).toBe('ready');
    expect(registry.byId(alpha.id)?.record.state).toBe('invalid');
    registry.close();
  });

  it('does not count a workspace without a token as using its port', () => {
    const { workspaces, registry } = setup();
    const alpha = workspace('alpha', 'token-a', 8081);
    workspaces.put(alpha);
    workspaces.put(workspace('beta', undefined));
    expect(registry.byId(alpha.id)?.record.state).toBe('ready');
  });
});
