import { runCommand } from './command-runner.js';
import { DEFAULT_LOG_LIMITS, LogRing, type LogLine, type LogRingLimits, type LogSource } from './log-ring.js';
import { scrubLine } from './log-scrub.js';
import type { CommandSpec } from './runtime-types.js';

interface Follower {
  viewers: number;
  controller?: AbortController;
  /** How to start it again (from the last `ensureFollowing`). */
  spec?: LogsSpec;
  secrets?: () => readonly string[];
  /** A follower that ended by itself starts again after this. */
  resumeTimer?: ReturnType<typeof setTimeout>;
  /** Followers in a row that ended soon after starting: the pause before the next grows. */
  quickEnds: number;
}

/** A follower up less than this that ended by itself counts as a quick end. */
const QUICK_END_MS = 10_000;
const RESUME_MS = 1_000;
const MAX_RESUME_MS = 60_000;

/** The container-log command, from `since` (epoch ms) when a follower ran before; undefined: none for this runtime. */
export type LogsSpec = (since: number | undefined) => CommandSpec | undefined;

export interface AgentLogsOptions {
  limits?: LogRingLimits;
  baseEnv?: NodeJS.ProcessEnv;
  /** Every stored line, already scrubbed. */
  onLine(id: string, line: LogLine): void;
  /**
   * Whether a follower that ended by itself while still watched should start
   * again (its container runs: e.g. it was restarted and Docker said so
   * before the old follower had exited). Default: never.
   */
  resumable?(id: string): boolean;
}

/**
 * Per-agent logs: a size-capped ring of scrubbed lines (command output and
 * the container's own log), and the container-log follower, which runs only
 * while at least one view is watching.
 */
export class AgentLogs {
  readonly #rings = new Map<string, LogRing>();
  readonly #followers = new Map<string, Follower>();
  /** When each agent's last follower ended: the next one starts there, not 200 lines back. */
  readonly #followedUntil = new Map<string, number>();
  readonly #options: AgentLogsOptions;
  #closed = false;

  constructor(options: AgentLogsOptions) {
    this.#options = options;
  }

  /** Scrubs and stores one line; `secrets` are the agent's token(s). */
  add(id: string, source: LogSource, text: string, secrets: readonly string[]): void {
    if (this.#closed) return;
    let ring = this.#rings.get(id);
    if (!ring) {
      ring = new LogRing(this.#options.limits ?? DEFAULT_LOG_LIMITS);
      this.#rings.set(id, ring);
    }
    const line: LogLine = { at: Date.now(), source, text: scrubLine(text, secrets) };
    ring.push(line);
    this.#options.onLine(id, line);
  }

  list(id: string): LogLine[] {
    return this.#rings.get(id)?.list() ?? [];
  }

  viewers(id: string): number {
    return this.#followers.get(id)?.viewers ?? 0;
  }

  /**
   * A view opened: follow the container's log (once per agent, however many
   * views). `spec` undefined: this runtime has no log command. Returns the
   * view's release.
   */
  watch(id: string, spec: LogsSpec, secrets: () => readonly string[]): () => void {
    let follower = this.#followers.get(id);
    if (!follower) {
      follower = { viewers: 0, quickEnds: 0 };
      this.#followers.set(id, follower);
    }
    follower.viewers += 1;
    this.ensureFollowing(id, spec, secrets);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.#followers.get(id);
      if (!current) return;
      current.viewers -= 1;
      if (current.viewers > 0) return;
      // Now, not when the process is gone: a view opened meanwhile must resume from here too.
      if (current.controller) this.#followedUntil.set(id, Date.now());
      current.controller?.abort();
      clearTimeout(current.resumeTimer);
      this.#followers.delete(id);
    };
  }

  /** (Re)starts the follower of a watched agent that has none running (e.g. its container just started). */
  ensureFollowing(id: string, spec: LogsSpec, secrets: () => readonly string[]): void {
    const follower = this.#followers.get(id);
    if (!follower || follower.controller || this.#closed) return;
    const command = spec(this.#followedUntil.get(id));
    if (!command) return;
    const controller = new AbortController();
    follower.controller = controller;
    follower.spec = spec;
    follower.secrets = secrets;
    clearTimeout(follower.resumeTimer);
    follower.resumeTimer = undefined;
    const startedAt = Date.now();
    void runCommand(command, {
      // Follows until the view closes or the container stops.
      timeoutMs: 2 ** 31 - 1,
      signal: controller.signal,
      baseEnv: this.#options.baseEnv,
      // Once released, its buffered output is dropped: the next follower starts at the release time and
      // shows those lines itself (taking them here too would show them twice).
      onLine: (text) => {
        if (!controller.signal.aborted) this.add(id, 'container', text, secrets());
      },
      scrub: (text) => scrubLine(text, secrets()),
    }).then((outcome) => {
      // A release already said where the next follower starts; this is for a follower that ended by itself.
      if (!controller.signal.aborted) this.#followedUntil.set(id, Date.now());
      if (follower.controller === controller) follower.controller = undefined;
      if (outcome.kind !== 'ok' && outcome.kind !== 'cancelled') this.add(id, 'command', `log follower: ${outcome.message}`, secrets());
      if (!controller.signal.aborted) this.#resumeLater(id, follower, Date.now() - startedAt);
    });
  }

  /**
   * A follower ended by itself while its view is open: start another once the
   * container runs, later each time one ends soon after starting (a logs
   * command that keeps failing is not respawned at once, forever).
   */
  #resumeLater(id: string, follower: Follower, ranMs: number): void {
    if (this.#closed || this.#followers.get(id) !== follower || follower.viewers === 0) return;
    follower.quickEnds = ranMs < QUICK_END_MS ? follower.quickEnds + 1 : 0;
    const delay = Math.min(MAX_RESUME_MS, RESUME_MS * 2 ** Math.min(follower.quickEnds - 1, 20));
    clearTimeout(follower.resumeTimer);
    follower.resumeTimer = setTimeout(() => {
      follower.resumeTimer = undefined;
      const { spec, secrets } = follower;
      if (this.#followers.get(id) !== follower || !spec || !secrets || !this.#options.resumable?.(id)) return;
      this.ensureFollowing(id, spec, secrets);
    }, Math.max(RESUME_MS, delay));
  }

  forget(id: string): void {
    this.#followers.get(id)?.controller?.abort();
    clearTimeout(this.#followers.get(id)?.resumeTimer);
    this.#followers.delete(id);
    this.#followedUntil.delete(id);
    this.#rings.delete(id);
  }

  close(): void {
    this.#closed = true;
    for (const follower of this.#followers.values()) {
      follower.controller?.abort();
      clearTimeout(follower.resumeTimer);
    }
    this.#followers.clear();
  }
}
