import { DisposableStore } from '../../../common/disposable-store.js';
import { Emitter } from '../../../common/emitter.js';
import type { AgentRecord, AttentionCounts } from '../../../preload/contract.js';
import type { HealthSnapshot } from '../health/health-types.js';
import type { AgentEndpoint, Workspace, WorkspaceChange } from '../workspace/workspace-types.js';
import { buildAgentRecord, compareRecords } from './agent-record.js';
import type { RuntimeFeed } from './agent-runtime.js';
import type { AgentSource, AgentSourceChange, RoutableAgent } from './agent-source.js';
import { PortIndex, withPortConflict } from './port-conflicts.js';

/** What the registry needs of workspace discovery (WorkspaceDirectory fits). */
export interface WorkspaceFeed {
  list(): Workspace[];
  onChange(listener: (change: WorkspaceChange) => void): () => void;
}

/** What the registry needs of health probing (HealthMonitor fits). */
export interface HealthFeed {
  track(id: string, endpoint: AgentEndpoint): void;
  untrack(id: string): void;
  /** A probe soon, coalesced by health (HealthMonitor.probeSoon). */
  probeSoon(id: string): void;
  get(id: string): HealthSnapshot | undefined;
  onUpdate(listener: (id: string, snapshot: HealthSnapshot) => void): () => void;
  /** A probe that changed only latency and checkedAt. */
  onProbed(listener: (id: string) => void): () => void;
}

export interface AgentRegistryOptions {
  workspaces: WorkspaceFeed;
  health: HealthFeed;
  /** The widget host for (agent id, mount), when widget origins are enabled. */
  widgetHost?: (agentId: string, mount: string) => string | undefined;
  /** Attention counts for the record (the attention center, once it runs). */
  attention?: (agentId: string) => AttentionCounts;
  /** Lifecycle: runtime state, and agents whose token must be held back. */
  runtime?: RuntimeFeed;
}

function endpointChanged(a: AgentEndpoint | undefined, b: AgentEndpoint | undefined): boolean {
  if (!a || !b) return a !== b;
  return a.port !== b.port || a.basePath !== b.basePath || !a.token.equals(b.token);
}

/**
 * One record per agent, merged from workspace discovery and health, with
 * change events. Owns the subscriptions it makes; `close()` drops them.
 */
export class AgentRegistry implements AgentSource {
  readonly #byId = new Map<string, RoutableAgent>();
  /** Workspaces as the desk uses them (after the shared-port rule: the first to claim a port keeps it). */
  readonly #workspaces = new Map<string, Workspace>();
  /** Workspaces as discovered. */
  readonly #discovered = new Map<string, Workspace>();
  readonly #ports = new PortIndex();
  readonly #changes = new Emitter<AgentSourceChange>('agent registry');
  readonly #freshness = new Emitter<string>('agent freshness');
  readonly #options: AgentRegistryOptions;
  readonly #subscriptions = new DisposableStore('agent registry');
  /** Agents health is probing: ready, and not held back by lifecycle. */
  readonly #tracked = new Set<string>();
  #sorted: AgentRecord[] | undefined;

  constructor(options: AgentRegistryOptions) {
    this.#options = options;
    const ids = new Set<string>();
    for (const workspace of options.workspaces.list()) {
      this.#discovered.set(workspace.id, workspace);
      for (const id of this.#ports.set(workspace.id, workspace.endpoint?.port)) ids.add(id);
    }
    for (const id of ids) this.#apply(id);
    this.#subscriptions.add(
      options.workspaces.onChange((change) => this.#onWorkspaceChange(change)),
      options.health.onUpdate((id) => this.#onHealth(id)),
      options.health.onProbed((id) => this.#onProbed(id)),
    );
    if (options.runtime) this.#subscriptions.add(options.runtime.onChange((id) => this.#onRuntime(id)));
  }

  byLabel(label: string): RoutableAgent | undefined {
    // Agent ids are their labels, so one map serves both lookups.
    return this.#byId.get(label);
  }

  byId(id: string): RoutableAgent | undefined {
    return this.#byId.get(id);
  }

  list(): AgentRecord[] {
    this.#sorted ??= [...this.#byId.values()].map((agent) => agent.record).sort(compareRecords);
    return this.#sorted;
  }

  onChange(listener: (change: AgentSourceChange) => void): () => void {
    return this.#changes.event(listener);
  }

  onFreshness(listener: (id: string) => void): () => void {
    return this.#freshness.event(listener);
  }

  requestProbe(id: string): void {
    if (this.#tracked.has(id)) this.#options.health.probeSoon(id);
  }

  /** Rebuilds one record (its attention counts changed). */
  refresh(id: string): void {
    this.#onHealth(id);
  }

  /** Rebuilds every record (e.g. once widget hosts become known). */
  refreshAll(): void {
    for (const id of this.#byId.keys()) this.#onHealth(id);
  }

  close(): void {
    void this.#subscriptions.dispose();
    for (const id of this.#tracked) this.#options.health.untrack(id);
    this.#tracked.clear();
    this.#changes.dispose();
    this.#freshness.dispose();
  }

  #onWorkspaceChange(change: WorkspaceChange): void {
    const { workspace } = change;
    if (change.kind === 'removed') this.#discovered.delete(workspace.id);
    else this.#discovered.set(workspace.id, workspace);
    const port = change.kind === 'removed' ? undefined : workspace.endpoint?.port;
    for (const id of this.#ports.set(workspace.id, port)) this.#apply(id);
  }

  /** Brings one agent's record in line with its discovered workspace and the shared-port rule. */
  #apply(id: string): void {
    const discovered = this.#discovered.get(id);
    const previous = this.#workspaces.get(id);
    if (!discovered) {
      if (!previous) return;
      this.#byId.delete(id);
      this.#workspaces.delete(id);
      this.#sorted = undefined;
      this.#tracked.delete(id);
      this.#options.health.untrack(id);
      this.#changes.fire({ kind: 'removed', id });
      return;
    }
    const port = discovered.endpoint?.port;
    const runtime = this.#options.runtime;
    // The owner of the container that publishes the port wins over claim order.
    const owns = (candidate: string): boolean => {
      const workspace = this.#discovered.get(candidate);
      return port !== undefined && workspace !== undefined && runtime?.publishes?.(workspace, port) === true;
    };
    const holder = this.#ports.holder(id, owns);
    const holderName = holder === undefined ? undefined : (this.#discovered.get(holder)?.name ?? holder);
    const effective = withPortConflict(discovered, holderName, holder === id, holder !== undefined && owns(holder) ? 'container' : 'first');
    if (effective === previous) return; // a neighbour changed, this one did not
    this.#upsert(effective, previous);
  }

  #upsert(workspace: Workspace, previous: Workspace | undefined): void {
    const id = workspace.id;
    this.#workspaces.set(id, workspace);
    const changedEndpoint = endpointChanged(previous?.endpoint, workspace.endpoint);
    this.#syncHealth(workspace, changedEndpoint);
    this.#store(workspace);
    if (!previous) {
      this.#changes.fire({ kind: 'added', id });
      return;
    }
    const tokenChanged = Boolean(previous.endpoint && !previous.endpoint.token.equals(workspace.endpoint?.token));
    this.#changes.fire({ kind: 'updated', id, tokenChanged, endpointChanged: changedEndpoint });
  }

  /**
   * Health probes an agent only while its token may be sent: a probe carries
   * the bearer, so a held agent (container not running) is not probed at all.
   */
  #syncHealth(workspace: Workspace, endpointChanged: boolean): void {
    const id = workspace.id;
    const wanted = workspace.endpoint !== undefined && this.#options.runtime?.runtimeOf(workspace).hold === undefined;
    if (wanted && (endpointChanged || !this.#tracked.has(id))) {
      this.#tracked.add(id);
      this.#options.health.track(id, workspace.endpoint!);
    } else if (!wanted && this.#tracked.delete(id)) {
      this.#options.health.untrack(id);
    }
  }

  #onRuntime(id: string): void {
    // Which container publishes a shared port may have changed, and with it who keeps the port.
    for (const other of this.#ports.sharers(id)) this.#apply(other);
    if (this.#ports.sharers(id).length > 0) this.#apply(id);
    const workspace = this.#workspaces.get(id);
    if (!workspace) return;
    this.#syncHealth(workspace, false);
    this.#store(workspace);
    this.#changes.fire({ kind: 'updated', id, tokenChanged: false, endpointChanged: false });
  }

  #onHealth(id: string): void {
    const workspace = this.#workspaces.get(id);
    if (!workspace) return;
    this.#store(workspace);
    this.#changes.fire({ kind: 'updated', id, tokenChanged: false, endpointChanged: false });
  }

  /** Only latency and checkedAt moved: the record takes them, without a change event. */
  #onProbed(id: string): void {
    const workspace = this.#workspaces.get(id);
    if (!workspace || !this.#tracked.has(id)) return;
    this.#store(workspace);
    this.#freshness.fire(id);
  }

  #store(workspace: Workspace): void {
    const snapshot = this.#tracked.has(workspace.id) ? this.#options.health.get(workspace.id) : undefined;
    const widgetHost = this.#options.widgetHost;
    const runtime = this.#options.runtime?.runtimeOf(workspace);
    const record = buildAgentRecord(workspace, snapshot, (mount) => widgetHost?.(workspace.id, mount), this.#options.attention?.(workspace.id), runtime);
    const agent: RoutableAgent = { record, widgets: snapshot?.widgets ?? [] };
    if (workspace.endpoint) agent.endpoint = workspace.endpoint;
    if (runtime?.hold !== undefined) agent.hold = runtime.hold;
    this.#byId.set(workspace.id, agent);
    this.#sorted = undefined;
  }
}
