import { Emitter } from '../../../common/emitter.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, runCommand, type CommandOutcome } from './command-runner.js';
import { CONTAIN_LABEL, parsePsOutput, type DockerView } from './docker-state.js';
import { LineSplitter } from './line-splitter.js';
import { scrubLine } from './log-scrub.js';

const FILTER = `label=${CONTAIN_LABEL}=true`;
export const PS_ARGS = ['ps', '-a', '--filter', FILTER, '--format', '{{json .}}'];
export const EVENTS_ARGS = ['events', '--filter', FILTER, '--filter', 'type=container', '--format', '{{json .}}'];

export interface DockerWatcherOptions {
  /** Environment for `docker` (PATH decides which docker runs). */
  env?: NodeJS.ProcessEnv;
  psTimeoutMs?: number;
  /** First pause before re-running a failed `docker ps` or restarting the events follower; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Events arriving within this window make one `docker ps`. */
  coalesceMs?: number;
  /** A follower that stays up this long is healthy: its backoff starts afresh. Default 30 s. */
  stableMs?: number;
}

/** Followers that end this many times in a row without ever staying up make Docker's view unknown. */
export const FOLLOWER_FAILURES_BEFORE_UNKNOWN = 3;

/**
 * `docker events` from a second before it is spawned: the daemon replays what
 * happened since, so a change between the spawn and the subscription taking
 * effect (or the `docker ps` that follows) is still heard.
 */
export function eventsArgs(nowMs: number): string[] {
  return [...EVENTS_ARGS, '--since', String(Math.floor(nowMs / 1000) - 1)];
}

/** Why Docker cannot tell us anything, in plain words. */
export function dockerProblem(outcome: CommandOutcome, lines: string[]): string {
  if (outcome.kind === 'missing') return 'docker was not found on PATH';
  if (outcome.kind === 'timeout') return 'docker ps did not answer in time';
  const said = lines.join('\n');
  if (/permission denied/i.test(said)) return 'not permitted to use Docker (permission denied on the Docker socket)';
  if (/cannot connect to the docker daemon|is the docker daemon running/i.test(said)) return 'the Docker daemon is not running';
  const code = outcome.kind === 'failed' && outcome.exitCode !== null ? ` (exit code ${outcome.exitCode})` : '';
  return `docker ps failed${code}`;
}

/**
 * Docker's view of term-llm containers, pushed: `docker events` with the
 * label filter followed for as long as the desk runs, then one `docker ps -a`
 * (in that order, and the follower asks for events from just before it
 * started, so no change falls between them); every event (start, die, stop,
 * destroy…) triggers one fresh `docker ps`, which also carries the published
 * ports. A follower that exits is restarted with backoff that grows until one
 * stays up `stableMs`; one that keeps exiting makes the view unknown, with
 * what it last said. Docker missing or refused is a view with a reason.
 */
export class DockerWatcher {
  readonly #options: Required<Omit<DockerWatcherOptions, 'env'>> & { env: NodeJS.ProcessEnv };
  readonly #views = new Emitter<DockerView>('docker view');
  #view: DockerView = { known: false, reason: 'asking Docker' };
  #follower: ChildProcess | undefined;
  /** Pending: an event's `docker ps`, a failed `docker ps` again, the follower's restart, its "stayed up" mark. */
  #coalesceTimer: ReturnType<typeof setTimeout> | undefined;
  #psRetryTimer: ReturnType<typeof setTimeout> | undefined;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #stableTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<void> | undefined;
  #refreshAgain = false;
  #psFailures = 0;
  /** Followers ended in a row without staying up `stableMs`. */
  #followerFailures = 0;
  /** Why the view is unknown while the follower keeps exiting. */
  #followerProblem: string | undefined;
  #closed = false;
  readonly #abort = new AbortController();
  #ready: Promise<void> | undefined;

  constructor(options: DockerWatcherOptions = {}) {
    this.#options = {
      env: options.env ?? process.env,
      psTimeoutMs: options.psTimeoutMs ?? 15_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      coalesceMs: options.coalesceMs ?? 100,
      stableMs: options.stableMs ?? 30_000,
    };
  }

  get view(): DockerView {
    return this.#view;
  }

  onChange(listener: (view: DockerView) => void): () => void {
    return this.#views.event(listener);
  }

  /** Starts the follower, then resolves once the first `docker ps` has answered (or failed). */
  start(): Promise<void> {
    if (!this.#ready) {
      this.#follow();
      this.#ready = this.refresh();
    }
    return this.#ready;
  }

  /** Runs `docker ps` now (joins one in flight, and runs once more after it if asked meanwhile). */
  refresh(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#ps().finally(() => {
      this.#refreshing = undefined;
      if (this.#refreshAgain && !this.#closed) {
        this.#refreshAgain = false;
        void this.refresh();
      }
    });
    return this.#refreshing;
  }

  close(): void {
    this.#closed = true;
    this.#abort.abort();
    for (const timer of [this.#coalesceTimer, this.#psRetryTimer, this.#restartTimer, this.#stableTimer]) clearTimeout(timer);
    if (this.#follower) killGroup(this.#follower, 'SIGTERM');
    this.#follower = undefined;
    this.#views.dispose();
  }

  async #ps(): Promise<void> {
    const lines: string[] = [];
    const outcome = await runCommand(
      { argv: ['docker', ...PS_ARGS], env: {} },
      { timeoutMs: this.#options.psTimeoutMs, onLine: (line) => lines.push(line), signal: this.#abort.signal, baseEnv: this.#options.env },
    );
    if (this.#closed) return;
    if (outcome.kind === 'ok') {
      this.#psFailures = 0;
      clearTimeout(this.#psRetryTimer);
      this.#psRetryTimer = undefined;
      // A list nothing will keep fresh is not Docker's view: say why instead.
      if (this.#followerProblem) this.#set({ known: false, reason: this.#followerProblem });
      else this.#set({ known: true, containers: parsePsOutput(lines.join('\n')) });
      return;
    }
    // Docker missing or refused explains a failing follower too, and says it more plainly; once
    // `docker ps` works again, the follower's next exit says whether events still fail.
    this.#followerProblem = undefined;
    this.#set({ known: false, reason: dockerProblem(outcome, lines) });
    if (this.#psRetryTimer !== undefined) return;
    this.#psRetryTimer = setTimeout(() => {
      this.#psRetryTimer = undefined;
      void this.refresh();
    }, this.#backoff(this.#psFailures));
    this.#psFailures += 1;
  }

  #follow(): void {
    if (this.#closed || this.#follower) return;
    let child: ChildProcess;
    let said: string | undefined;
    try {
      child = spawn('docker', eventsArgs(Date.now()), {
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: this.#options.env,
        windowsHide: true,
      });
    } catch (error) {
      said = error instanceof Error ? error.message : String(error);
      this.#followerEnded(said);
      return;
    }
    this.#follower = child;
    const lines = new LineSplitter(() => this.#eventArrived());
    const errors = new LineSplitter(
      (line) => {
        const text = line.trim();
        if (text !== '') said = text.slice(0, 300);
      },
      (line) => scrubLine(line, []),
    );
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      said = error.code === 'ENOENT' ? 'docker was not found on PATH' : error.message;
    });
    this.#stableTimer = setTimeout(() => {
      this.#stableTimer = undefined;
      if (this.#follower === child) this.#followerStayedUp();
    }, this.#options.stableMs);
    child.on('close', (code: number | null) => {
      if (this.#follower !== child) return;
      this.#follower = undefined;
      clearTimeout(this.#stableTimer);
      this.#stableTimer = undefined;
      errors.end();
      if (this.#closed) return;
      this.#followerEnded(said ?? `docker events exited${typeof code === 'number' && code >= 0 ? ` with code ${code}` : ''}`);
    });
  }

  /** The follower stayed up: Docker's events work, the backoff starts afresh and the view is trusted again. */
  #followerStayedUp(): void {
    this.#followerFailures = 0;
    if (!this.#followerProblem) return;
    this.#followerProblem = undefined;
    void this.refresh();
  }

  /**
   * The follower ended (or could not start) without staying up. Events may
   * have been missed while it was down: restart it and list again, each time
   * later; after a few in a row, the view says why instead of a stale list.
   */
  #followerEnded(said: string): void {
    if (this.#closed) return;
    const delay = this.#backoff(this.#followerFailures);
    this.#followerFailures += 1;
    if (this.#followerFailures >= FOLLOWER_FAILURES_BEFORE_UNKNOWN) {
      this.#followerProblem = `docker events keeps stopping: ${said}`;
      if (this.#view.known) this.#set({ known: false, reason: this.#followerProblem });
    }
    clearTimeout(this.#restartTimer);
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      this.#follow();
      void this.refresh();
    }, delay);
  }

  #backoff(failures: number): number {
    return Math.min(this.#options.maxBackoffMs, this.#options.backoffMs * 2 ** Math.min(failures, 20));
  }

  #eventArrived(): void {
    if (this.#coalesceTimer !== undefined || this.#closed) return;
    this.#coalesceTimer = setTimeout(() => {
      this.#coalesceTimer = undefined;
      void this.refresh();
    }, this.#options.coalesceMs);
  }

  #set(view: DockerView): void {
    const same = JSON.stringify(view) === JSON.stringify(this.#view);
    this.#view = view;
    if (same) return;
    this.#views.fire(view);
  }
}
