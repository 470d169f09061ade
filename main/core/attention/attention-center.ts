import { Emitter } from '../../../common/emitter.js';
import { attentionCounts } from '../../../preload/contract/attention.js';
import type { AgentRecord } from '../../../preload/contract.js';
import { sendableEndpoint } from '../agents/agent-source.js';
import { DeskError } from '../api/desk-errors.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import type { AgentHttp } from './agent-http.js';
import { AgentPoller } from './agent-poller.js';
import type { PollTiming } from './agent-poller.js';
import { PollClock } from './poll-clock.js';
import { applyDown, applyState, applyStatus, dropPending, EMPTY_MODEL, itemsOf, markSeen, newItems } from './attention-model.js';
import type { AgentModel, DerivedItem } from './attention-model.js';
import type { AttentionCounts, AttentionItem } from './attention-types.js';
import { FocusTracker } from './focus-tracker.js';
import type { FocusReport } from './focus-tracker.js';
import { validateAnswer } from './answer.js';
import type { AnswerRequest } from './answer.js';

/** What the center needs of the registry (AgentRegistry fits). */
export interface AttentionAgents {
  list(): AgentRecord[];
  byId(id: string): { record: AgentRecord; endpoint?: AgentEndpoint; hold?: string } | undefined;
  onChange(listener: () => void): () => void;
  requestProbe?(id: string): void;
}

export interface AttentionChange {
  items: AttentionItem[];
  /** Items that appeared with this change, minus those of the agent the user is looking at. */
  fresh: AttentionItem[];
  /** Agents whose counts changed. */
  agents: string[];
}

/**
 * Polls of an agent with a run active: status, then the state of its active
 * sessions. 3 s, the slow end of what term-llm's status is made for (2–3 s):
 * 20 busy agents cost 1.0% of a core at 2 s and ~0.7% at 3 s (ADR 0029).
 */
export const ACTIVE_POLL_MS = 3_000;
/** Polls of an agent with no run active; on the active grid this is every 9 s. */
export const IDLE_POLL_MS = 10_000;

export interface AttentionCenterOptions extends Partial<PollTiming> {
  agents: AttentionAgents;
  http: AgentHttp;
  now?: () => number;
}

interface Tracked {
  model: AgentModel;
  poller?: AgentPoller;
  counts: AttentionCounts;
  /** Items last derived from `model` under `name`: only an agent whose model changed is derived again. */
  derived?: { model: AgentModel; name: string; items: DerivedItem[] };
}

const ZERO: AttentionCounts = Object.freeze({ needsYou: 0, finished: 0 }) as AttentionCounts;

function sameEndpoint(a: AgentEndpoint, b: AgentEndpoint): boolean {
  return a.port === b.port && a.basePath === b.basePath && a.token.equals(b.token);
}

/**
 * Attention across agents: one poller per online agent, one model per
 * agent, the items derived from them, and answers posted back with the
 * agent's bearer. Owns its pollers; `close()` stops them all.
 */
export class AttentionCenter {
  readonly #agents: AttentionAgents;
  readonly #http: AgentHttp;
  readonly #now: () => number;
  readonly #timing: PollTiming;
  readonly #tracked = new Map<string, Tracked>();
  readonly #changes = new Emitter<AttentionChange>('attention change');
  readonly #focus: FocusTracker;
  /** Every poller's next poll, on one grid of the active interval (ADR 0029). */
  readonly #clock: PollClock;
  #derived: DerivedItem[] = [];
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(options: AttentionCenterOptions) {
    this.#agents = options.agents;
    this.#http = options.http;
    this.#now = options.now ?? Date.now;
    this.#timing = { activeIntervalMs: options.activeIntervalMs ?? ACTIVE_POLL_MS, idleIntervalMs: options.idleIntervalMs ?? IDLE_POLL_MS };
    this.#focus = new FocusTracker(this.#now);
    this.#clock = new PollClock(this.#timing.activeIntervalMs);
  }

  start(): void {
    this.#unsubscribe = this.#agents.onChange(() => this.#sync());
    this.#sync();
  }

  list(): AttentionItem[] {
    return this.#derived.map((d) => d.item);
  }

  counts(agentId: string): AttentionCounts {
    return this.#tracked.get(agentId)?.counts ?? ZERO;
  }

  onChange(listener: (change: AttentionChange) => void): () => void {
    return this.#changes.event(listener);
  }

  /** The UI says which agent is on screen and whether its window has focus. */
  reportFocus(report: FocusReport): void {
    this.#focus.report(report);
    if (report.agentId && report.focused) this.seen(report.agentId);
  }

  /** The agent (or one of its sessions) was seen: its finished and failed items go. */
  seen(agentId: string, sessionId?: string): void {
    const tracked = this.#tracked.get(agentId);
    if (!tracked) return;
    this.#update(agentId, markSeen(tracked.model, sessionId));
  }

  /** Posts an answer to the agent. 409 when the item is gone (answered elsewhere, run over). */
  async answer(request: AnswerRequest): Promise<{ ok: true }> {
    const found = this.#derived.find((d) => d.item.id === request.itemId);
    if (!found) throw new DeskError('conflict', 'that item no longer exists: it was answered elsewhere or its run ended');
    const { ref } = found;
    const upstream = validateAnswer(ref, request);
    const agent = this.#agents.byId(ref.agentId);
    const endpoint = agent && sendableEndpoint(agent);
    if (!endpoint) throw new DeskError('conflict', `${found.item.agentName} is no longer reachable from the desk`);
    const answer = await this.#http.post(endpoint, `/v1/sessions/${encodeURIComponent(ref.sessionId)}/${upstream.verb}`, upstream.body);
    const tracked = this.#tracked.get(ref.agentId);
    if (!answer.ok) throw new DeskError('upstream', `${found.item.agentName} did not take the answer: ${answer.error}`);
    const gone = answer.status === 404 || answer.status === 409 || answer.status === 410;
    if ((answer.status >= 200 && answer.status < 300) || gone) {
      if (tracked) this.#update(ref.agentId, dropPending(tracked.model, ref.sessionId, ref));
      tracked?.poller?.pollNow();
    }
    if (gone) throw new DeskError('conflict', `${found.item.agentName} no longer waits for that answer`);
    if (answer.status === 401) {
      this.#agents.requestProbe?.(ref.agentId);
      throw new DeskError('upstream', `${found.item.agentName} refused the desk's token (401)`);
    }
    if (answer.status < 200 || answer.status >= 300) throw new DeskError('upstream', `${found.item.agentName} refused the answer (HTTP ${answer.status})`);
    return { ok: true };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    this.#changes.dispose();
    await Promise.all([...this.#tracked.values()].map((t) => t.poller?.close()));
    this.#clock.dispose();
    this.#tracked.clear();
  }

  /** Brings pollers in line with the registry: one per online agent, none otherwise. */
  #sync(): void {
    if (this.#closed) return;
    const seen = new Set<string>();
    for (const record of this.#agents.list()) {
      seen.add(record.id);
      const tracked = this.#tracked.get(record.id) ?? { model: EMPTY_MODEL, counts: ZERO };
      this.#tracked.set(record.id, tracked);
      const agent = this.#agents.byId(record.id);
      const endpoint = agent && sendableEndpoint(agent);
      const online = record.health.status === 'online' && endpoint !== undefined;
      if (online) {
        if (tracked.poller && sameEndpoint(tracked.poller.endpoint, endpoint)) continue;
        void tracked.poller?.close();
        tracked.poller = new AgentPoller(endpoint, this.#http, this.#sinkFor(record.id), this.#timing, this.#clock.after);
        tracked.poller.start();
        continue;
      }
      if (tracked.poller) {
        void tracked.poller.close();
        tracked.poller = undefined;
      }
      const status = record.health.status;
      if (status === 'offline' || status === 'unauthorized') this.#update(record.id, applyDown(tracked.model, status, this.#now()));
    }
    for (const [id, tracked] of this.#tracked) {
      if (seen.has(id)) continue;
      void tracked.poller?.close();
      this.#tracked.delete(id);
      this.#update(id, undefined);
    }
  }

  #sinkFor(agentId: string) {
    const modelOf = (): AgentModel => this.#tracked.get(agentId)?.model ?? EMPTY_MODEL;
    return {
      status: (sessions: Parameters<typeof applyStatus>[1]) => {
        const outcome = applyStatus(modelOf(), sessions, this.#now(), this.#focus.looking(agentId));
        this.#update(agentId, outcome.model);
        return outcome.fetchState;
      },
      unchanged: () => {
        const model = modelOf();
        return [...model.sessions.values()].filter((s) => s.active || model.pending.has(s.id)).map((s) => s.id);
      },
      state: (sessionId: string, state: Parameters<typeof applyState>[2]) => this.#update(agentId, applyState(modelOf(), sessionId, state, this.#now())),
      unauthorized: () => {
        this.#update(agentId, applyDown(modelOf(), 'unauthorized', this.#now()));
        this.#agents.requestProbe?.(agentId);
      },
      busy: () => [...modelOf().sessions.values()].some((s) => s.active),
    };
  }

  /** Stores a model (undefined: the agent is gone) and tells listeners what changed. */
  #update(agentId: string, model: AgentModel | undefined): void {
    const tracked = this.#tracked.get(agentId);
    if (tracked && model) {
      if (tracked.model === model) return;
      tracked.model = model;
    }
    const previous = this.#derived.map((d) => d.item);
    const derived: DerivedItem[] = [];
    for (const [id, entry] of this.#tracked) {
      const name = this.#agents.byId(id)?.record.name ?? id;
      if (entry.derived?.model !== entry.model || entry.derived.name !== name) entry.derived = { model: entry.model, name, items: itemsOf({ id, name }, entry.model) };
      derived.push(...entry.derived.items);
    }
    derived.sort((a, b) => b.item.since - a.item.since);
    this.#derived = derived;
    const items = derived.map((d) => d.item);
    const changedAgents: string[] = [];
    for (const [id, entry] of this.#tracked) {
      const counts = attentionCounts((entry.derived?.items ?? []).map((d) => d.item));
      if (counts.needsYou !== entry.counts.needsYou || counts.finished !== entry.counts.finished) {
        entry.counts = counts;
        changedAgents.push(id);
      }
    }
    if (!tracked) changedAgents.push(agentId);
    const fresh = newItems(previous, items).filter((item) => !this.#focus.looking(item.agentId));
    const same = previous.length === items.length && fresh.length === 0 && previous.every((item, i) => item.id === items[i]!.id);
    if (same && changedAgents.length === 0) return;
    const change: AttentionChange = { items, fresh, agents: changedAgents };
    this.#changes.fire(change);
  }
}
