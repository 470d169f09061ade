import { Emitter } from '../../../common/emitter.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import type { HealthSnapshot } from './health-types.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from '../upstream/index.js';
import { fetchSessions, fetchWidgets, probeHealthz, UNAUTHORIZED_ERROR } from './probe.js';
import type { HealthzResult, ProbeOptions, SessionsCache } from './probe.js';
import { nextDelayMs, snapshotChanged, unknownSnapshot } from './snapshot.js';

export interface HealthMonitorOptions {
  /** Pause between probes of a reachable agent. Default 10 s. */
  intervalMs?: number;
  /** Longest pause between probes of an offline agent. Default 60 s. */
  maxBackoffMs?: number;
  /** Deadline of each request. Default 3 s. */
  timeoutMs?: number;
  /** Largest answer accepted. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Shortest pause between the end of one probe and a `probeNow` probe of
   * the same agent, so a burst of proxied 401s makes one probe. Default 1 s.
   */
  minProbeGapMs?: number;
}

/** Probe pace while an agent is starting or stopping. */
export const FAST_PROBE_MS = 500;

type UpdateListener = (id: string, snapshot: HealthSnapshot) => void;

interface Entry {
  endpoint: AgentEndpoint;
  snapshot: HealthSnapshot;
  sessionsCache?: SessionsCache;
  /** Consecutive offline probes, for the backoff. */
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The probe in flight; aborting it makes its result be discarded. */
  controller?: AbortController;
  running?: Promise<HealthSnapshot | undefined>;
  /** Epoch ms the last probe ended (0 before the first). */
  lastFinishedAt: number;
  /** Epoch ms the next probe is due, while its timer is set. */
  dueAt?: number;
  /** `probeNow` callers waiting for the next probe to end. */
  waiters: Array<(snapshot: HealthSnapshot | undefined) => void>;
}

function checkedInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    const what = min > 0 ? 'a positive integer' : 'a non-negative integer';
    throw new RangeError(`HealthMonitor: ${name} must be ${what} of milliseconds, got ${String(value)}`);
  }
  return value;
}

const positiveInteger = (name: string, value: number): number => checkedInteger(name, value, 1);

function sameEndpoint(a: AgentEndpoint, b: AgentEndpoint): boolean {
  return a.port === b.port && a.basePath === b.basePath && a.token.equals(b.token);
}

/**
 * Probes every tracked agent on its own schedule: healthz, then widgets and
 * sessions when online. Offline agents back off (doubling up to
 * `maxBackoffMs`); each agent has its own timer and in-flight request, so a
 * hung agent delays no other. `onUpdate` listeners hear of changes of status,
 * version, capabilities, error, widgets or sessions; a probe that changed
 * only latency and checkedAt (which jitter every time) goes to `onProbed`
 * listeners, so "checked 4 s ago" can stay true without waking everyone.
 * Snapshots hold no token.
 */
export class HealthMonitor {
  readonly #intervalMs: number;
  readonly #maxBackoffMs: number;
  readonly #minProbeGapMs: number;
  readonly #probeOptions: Omit<ProbeOptions, 'signal'>;
  readonly #entries = new Map<string, Entry>();
  readonly #updates = new Emitter<{ id: string; snapshot: HealthSnapshot }>('health update');
  readonly #probed = new Emitter<string>('health probe');
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Agents to probe every `FAST_PROBE_MS` until the epoch ms given (a start or stop is in progress). */
  readonly #fastUntil = new Map<string, { until: number }>();
  #closed = false;

  constructor(options: HealthMonitorOptions = {}) {
    this.#intervalMs = positiveInteger('intervalMs', options.intervalMs ?? 10_000);
    this.#maxBackoffMs = Math.max(this.#intervalMs, positiveInteger('maxBackoffMs', options.maxBackoffMs ?? 60_000));
    this.#minProbeGapMs = checkedInteger('minProbeGapMs', options.minProbeGapMs ?? 1_000, 0);
    this.#probeOptions = {
      timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      maxBytes: positiveInteger('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES),
    };
  }

  /** Starts probing `id` now; a changed endpoint (port, base path, token) is re-probed at once. */
  track(id: string, endpoint: AgentEndpoint): void {
    if (this.#closed) return;
    const existing = this.#entries.get(id);
    if (existing && sameEndpoint(existing.endpoint, endpoint)) return;
    if (existing) {
      this.#cancel(existing);
      existing.endpoint = endpoint;
      existing.sessionsCache = undefined;
      existing.failures = 0;
      void this.#probe(id, existing);
      return;
    }
    const entry: Entry = { endpoint, snapshot: unknownSnapshot(), failures: 0, lastFinishedAt: 0, waiters: [] };
    this.#entries.set(id, entry);
    void this.#probe(id, entry);
  }

  untrack(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#cancel(entry);
    this.#entries.delete(id);
    for (const resolve of entry.waiters.splice(0)) resolve(undefined);
  }

  /**
   * Probes now, or joins the probe in flight, or — within `minProbeGapMs` of
   * the last one — brings the next probe forward to the end of that gap.
   * Resolves to the snapshot that probe produced; never rejects.
   */
  probeNow(id: string): Promise<HealthSnapshot | undefined> {
    const entry = this.#entries.get(id);
    if (!entry || this.#closed) return Promise.resolve(undefined);
    if (entry.running) return entry.running;
    const now = Date.now();
    const wait = entry.lastFinishedAt + this.#minProbeGapMs - now;
    if (wait <= 0) return this.#probe(id, entry);
    if (entry.dueAt === undefined || entry.dueAt > now + wait) this.#setTimer(id, entry, wait);
    return new Promise((resolve) => entry.waiters.push(resolve));
  }

  /**
   * Probe `id` every ~500 ms for `durationMs` (an agent is starting or
   * stopping): now, and after each probe instead of the usual interval or
   * backoff. Applies from the moment it is tracked if it is not yet.
   * Returns its end: the caller calls it once the transition is over, so an
   * agent already online goes back to the usual pace (a later call's fast
   * probing is left alone).
   */
  probeFastFor(id: string, durationMs: number): () => void {
    if (this.#closed) return () => undefined;
    const fast = { until: Date.now() + Math.max(0, durationMs) };
    this.#fastUntil.set(id, fast);
    if (this.#entries.has(id)) void this.probeNow(id);
    return () => {
      if (this.#fastUntil.get(id) === fast) this.#fastUntil.delete(id);
    };
  }

  /**
   * Asks for a probe without waiting for its result — the gateway calls this
   * on every upstream 401 to our token, however many a page fires. Coalesced
   * like `probeNow` (one probe in flight, at most one per `minProbeGapMs`),
   * and nothing is allocated per call, so a flood of 401s costs a Map lookup each.
   */
  probeSoon(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry || this.#closed || entry.running) return;
    const now = Date.now();
    const wait = entry.lastFinishedAt + this.#minProbeGapMs - now;
    if (wait <= 0) {
      void this.#probe(id, entry);
      return;
    }
    if (entry.dueAt === undefined || entry.dueAt > now + wait) this.#setTimer(id, entry, wait);
  }

  get(id: string): HealthSnapshot | undefined {
    return this.#entries.get(id)?.snapshot;
  }

  onUpdate(listener: UpdateListener): () => void {
    return this.#updates.event(({ id, snapshot }) => listener(id, snapshot));
  }

  /** A probe answered with nothing new but its latency and time (the stored snapshot has them). */
  onProbed(listener: (id: string) => void): () => void {
    return this.#probed.event(listener);
  }

  /** Clears every timer, aborts every probe in flight and waits for them to settle. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const entry of this.#entries.values()) {
      this.#cancel(entry);
      for (const resolve of entry.waiters.splice(0)) resolve(undefined);
    }
    this.#entries.clear();
    this.#fastUntil.clear();
    this.#updates.dispose();
    this.#probed.dispose();
    await Promise.allSettled([...this.#inFlight]);
  }

  #cancel(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.dueAt = undefined;
    entry.controller?.abort();
    entry.controller = undefined;
    entry.running = undefined;
  }

  #probe(id: string, entry: Entry): Promise<HealthSnapshot | undefined> {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.dueAt = undefined;
    const controller = new AbortController();
    entry.controller = controller;
    const run: Promise<HealthSnapshot | undefined> = this.#cycle(id, entry, controller.signal)
      .catch(() => undefined)
      .then((snapshot) => {
        this.#inFlight.delete(run);
        // A cancelled probe was superseded (re-track, untrack, close): leave the entry alone.
        if (entry.controller !== controller) return snapshot;
        entry.controller = undefined;
        entry.running = undefined;
        entry.lastFinishedAt = Date.now();
        for (const resolve of entry.waiters.splice(0)) resolve(snapshot);
        if (!this.#closed && this.#entries.get(id) === entry) this.#schedule(id, entry);
        return snapshot;
      });
    entry.running = run;
    this.#inFlight.add(run);
    return run;
  }

  #schedule(id: string, entry: Entry): void {
    const usual = nextDelayMs(entry.snapshot.health.status, entry.failures, this.#intervalMs, this.#maxBackoffMs);
    const fastUntil = this.#fastUntil.get(id)?.until;
    if (fastUntil !== undefined && fastUntil <= Date.now()) this.#fastUntil.delete(id);
    const fast = fastUntil !== undefined && fastUntil > Date.now();
    this.#setTimer(id, entry, fast ? Math.min(usual, FAST_PROBE_MS) : usual);
  }

  #setTimer(id: string, entry: Entry, delay: number): void {
    clearTimeout(entry.timer);
    entry.dueAt = Date.now() + delay;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.dueAt = undefined;
      void this.#probe(id, entry);
    }, delay);
  }

  async #cycle(id: string, entry: Entry, signal: AbortSignal): Promise<HealthSnapshot | undefined> {
    const endpoint = entry.endpoint;
    const opts: ProbeOptions = { ...this.#probeOptions, signal };
    const health = await probeHealthz(endpoint, opts);
    if (signal.aborted) return undefined;
    const previous = entry.snapshot;
    const next = health.status === 'online' ? await this.#onlineSnapshot(entry, health, opts) : this.#downSnapshot(entry, health);
    if (signal.aborted) return undefined;

    entry.failures = next.health.status === 'offline' ? entry.failures + 1 : 0;
    entry.snapshot = next;
    if (snapshotChanged(previous, next)) this.#updates.fire({ id, snapshot: next });
    else this.#probed.fire(id);
    return next;
  }

  async #onlineSnapshot(entry: Entry, health: HealthzResult, opts: ProbeOptions): Promise<HealthSnapshot> {
    const previous = entry.snapshot;
    const [widgets, sessions] = await Promise.all([
      fetchWidgets(entry.endpoint, opts),
      fetchSessions(entry.endpoint, entry.sessionsCache, opts),
    ]);
    const problems: string[] = [];
    if (!widgets.ok) problems.push(widgets.error);
    if (!sessions.ok) problems.push(sessions.error);
    else entry.sessionsCache = sessions.value.cache;
    const unauthorized = (!widgets.ok && widgets.unauthorized) || (!sessions.ok && sessions.unauthorized);
    const error = unauthorized ? UNAUTHORIZED_ERROR : problems.join('; ');
    return {
      health: {
        status: unauthorized ? 'unauthorized' : 'online',
        latencyMs: health.latencyMs,
        version: health.version,
        capabilities: health.capabilities,
        checkedAt: Date.now(),
        ...(error ? { error } : {}),
      },
      // A failed fetch keeps what was last known rather than blanking the list.
      widgets: widgets.ok ? widgets.value : previous.widgets,
      sessions: sessions.ok ? sessions.value.sessions : previous.sessions,
    };
  }

  /**
   * Offline or unauthorized: identity and latency stay as last seen online,
   * widgets stay as last reported (so widget hosts keep resolving to a
   * friendly error), sessions drop to zero since none can be running.
   */
  #downSnapshot(entry: Entry, health: HealthzResult): HealthSnapshot {
    const previous = entry.snapshot;
    entry.sessionsCache = undefined;
    return {
      health: {
        status: health.status,
        latencyMs: previous.health.latencyMs,
        version: previous.health.version,
        capabilities: previous.health.capabilities,
        checkedAt: Date.now(),
        ...(health.error ? { error: health.error } : {}),
      },
      widgets: previous.widgets,
      sessions: { count: 0, activeRuns: 0 },
    };
  }

}
