import { widgetLabel } from '../../hosts/index.js';
import { mountProblem } from './widget-policy.js';

/** One routable widget host: `<label>.localhost:PORT` serves this (agent, mount). */
export interface WidgetHostEntry {
  readonly label: string;
  readonly agentId: string;
  readonly mount: string;
}

interface StoredEntry extends WidgetHostEntry {
  /** In the agent's last reported widget list. */
  listed: boolean;
  /** Opened explicitly (UI, agent page) during this run. */
  opened: boolean;
}

/** Bad (agent, mount) input: a clear reason, never a crash deeper in. */
export class WidgetMountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WidgetMountError';
  }
}

/** Explicitly opened widgets kept per agent beyond its list; the oldest go first. */
const DEFAULT_MAX_OPENED_PER_AGENT = 256;

/**
 * The widget hosts the gateway routes. A widget label is an HMAC of (agent
 * id, mount) under the per-install key, so it cannot be turned back into the
 * pair: the table routes only labels it computed itself, from an agent's
 * reported widget list (`syncAgent`) or an explicit open (`open`). Lookup by
 * label is one Map get.
 *
 * Lifetime: a listed entry goes when the widget leaves its agent's list; an
 * opened entry stays until its agent is removed or the gateway closes (the
 * health list lags behind a widget that was just built, and a window the
 * user opened should not break between two probes). Either way the agent
 * itself still decides whether the widget exists (404 otherwise).
 */
export class WidgetHostTable {
  readonly #key: Uint8Array;
  readonly #maxOpened: number;
  readonly #byLabel = new Map<string, StoredEntry>();
  /** agent id → mount → entry. */
  readonly #byAgent = new Map<string, Map<string, StoredEntry>>();

  constructor(installKey: Uint8Array, options: { maxOpenedPerAgent?: number } = {}) {
    if (installKey.length < 16) throw new Error('the widget install key must be at least 16 bytes');
    this.#key = installKey;
    this.#maxOpened = options.maxOpenedPerAgent ?? DEFAULT_MAX_OPENED_PER_AGENT;
  }

  /** The stable label of (agent, mount); pure, adds nothing to the table. Throws WidgetMountError on a bad mount. */
  labelFor(agentId: string, mount: string): string {
    const problem = mountProblem(mount);
    if (problem !== undefined) throw new WidgetMountError(problem);
    if (agentId.length === 0) throw new WidgetMountError('an agent id is required');
    return widgetLabel(this.#key, agentId, mount);
  }

  byLabel(label: string): WidgetHostEntry | undefined {
    return this.#byLabel.get(label);
  }

  /** The routed entry of (agent, mount), if any. */
  get(agentId: string, mount: string): WidgetHostEntry | undefined {
    return this.#byAgent.get(agentId)?.get(mount);
  }

  /**
   * Makes the agent's listed widgets exactly `mounts` (invalid names are
   * skipped: they never get a host). Returns the labels that stopped being
   * routed, so their sessions can be revoked.
   */
  syncAgent(agentId: string, mounts: Iterable<string>): string[] {
    const wanted = new Set<string>();
    for (const mount of mounts) if (mountProblem(mount) === undefined) wanted.add(mount);
    const entries = this.#byAgent.get(agentId);
    const dropped: string[] = [];
    if (entries !== undefined) {
      for (const [mount, entry] of entries) {
        if (wanted.has(mount)) continue;
        entry.listed = false;
        if (!entry.opened) {
          this.#delete(entry);
          dropped.push(entry.label);
        }
      }
    }
    for (const mount of wanted) this.#ensure(agentId, mount).listed = true;
    return dropped;
  }

  /** Routes (agent, mount) for the rest of this run; throws WidgetMountError on a bad mount. */
  open(agentId: string, mount: string): WidgetHostEntry {
    const entry = this.#ensure(agentId, mount);
    if (!entry.opened) {
      entry.opened = true;
      this.#evictOpened(agentId);
    }
    return entry;
  }

  /** Forgets every host of an agent (removed); returns their labels. */
  forgetAgent(agentId: string): string[] {
    const entries = this.#byAgent.get(agentId);
    if (entries === undefined) return [];
    this.#byAgent.delete(agentId);
    const labels: string[] = [];
    for (const entry of entries.values()) {
      this.#byLabel.delete(entry.label);
      labels.push(entry.label);
    }
    return labels;
  }

  entriesOf(agentId: string): WidgetHostEntry[] {
    return [...(this.#byAgent.get(agentId)?.values() ?? [])];
  }

  clear(): void {
    this.#byLabel.clear();
    this.#byAgent.clear();
  }

  get size(): number {
    return this.#byLabel.size;
  }

  #ensure(agentId: string, mount: string): StoredEntry {
    let entries = this.#byAgent.get(agentId);
    const existing = entries?.get(mount);
    if (existing !== undefined) return existing;
    const entry: StoredEntry = { label: this.labelFor(agentId, mount), agentId, mount, listed: false, opened: false };
    if (entries === undefined) this.#byAgent.set(agentId, (entries = new Map()));
    entries.set(mount, entry);
    this.#byLabel.set(entry.label, entry);
    return entry;
  }

  /** Bounds what explicit opens can add: unlisted opened entries beyond the cap go, oldest first. */
  #evictOpened(agentId: string): void {
    const entries = this.#byAgent.get(agentId);
    if (entries === undefined) return;
    let unlisted = 0;
    for (const entry of entries.values()) if (entry.opened && !entry.listed) unlisted++;
    for (const entry of entries.values()) {
      if (unlisted <= this.#maxOpened) break;
      if (entry.opened && !entry.listed) {
        this.#delete(entry);
        unlisted--;
      }
    }
  }

  #delete(entry: StoredEntry): void {
    this.#byLabel.delete(entry.label);
    const entries = this.#byAgent.get(entry.agentId);
    entries?.delete(entry.mount);
    if (entries?.size === 0) this.#byAgent.delete(entry.agentId);
  }
}
