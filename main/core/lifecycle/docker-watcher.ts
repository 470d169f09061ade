import { Emitter } from '../../../common/emitter.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, runCommand, type CommandOutcome } from './command-runner.js';
import { CONTAIN_LABEL, parsePsOutput, type DockerView } from './docker-state.js';
import { LineSplitter } from './line-splitter.js';

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
 * Docker's view of term-llm containers, pushed: one `docker ps -a`, then
 * `docker events` with the same label filter followed for as long as the
 * desk runs; every event (start, die, stop, destroy…) triggers one fresh
 * `docker ps`, which also carries the published ports. A follower that exits
 * is restarted with backoff. Docker missing or refused is a view with a reason.
 */
export class DockerWatcher {
  readonly #options: Required<Omit<DockerWatcherOptions, 'env'>> & { env: NodeJS.ProcessEnv };
  readonly #views = new Emitter<DockerView>('docker view');
  #view: DockerView = { known: false, reason: 'asking Docker' };
  #follower: ChildProcess | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<void> | undefined;
  #refreshAgain = false;
  #failures = 0;
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
    };
  }

  get view(): DockerView {
    return this.#view;
  }

  onChange(listener: (view: DockerView) => void): () => void {
    return this.#views.event(listener);
  }

  /** Resolves once the first `docker ps` has answered (or failed). */
  start(): Promise<void> {
    this.#ready ??= this.refresh().then(() => {
      if (this.#view.known) this.#follow();
    });
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
    clearTimeout(this.#timer);
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
      this.#failures = 0;
      this.#set({ known: true, containers: parsePsOutput(lines.join('\n')) });
      if (!this.#follower && this.#timer === undefined && this.#ready) this.#follow();
      return;
    }
    this.#set({ known: false, reason: dockerProblem(outcome, lines) });
    this.#retryLater(() => void this.refresh());
  }

  #follow(): void {
    if (this.#closed || this.#follower) return;
    const startedAt = Date.now();
    let child: ChildProcess;
    try {
      child = spawn('docker', EVENTS_ARGS, {
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'ignore'],
        env: this.#options.env,
        windowsHide: true,
      });
    } catch {
      this.#retryLater(() => void this.refresh());
      return;
    }
    this.#follower = child;
    const lines = new LineSplitter(() => this.#eventArrived());
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));
    child.on('error', () => undefined);
    child.on('close', () => {
      if (this.#follower !== child) return;
      this.#follower = undefined;
      if (this.#closed) return;
      // A follower that ran a while was healthy: start the backoff afresh.
      if (Date.now() - startedAt > 30_000) this.#failures = 0;
      // Events may have been missed while it was down: look again once it is back.
      this.#retryLater(() => {
        this.#follow();
        void this.refresh();
      });
    });
  }

  #eventArrived(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, this.#options.coalesceMs);
  }

  #retryLater(run: () => void): void {
    if (this.#closed) return;
    const delay = Math.min(this.#options.maxBackoffMs, this.#options.backoffMs * 2 ** Math.min(this.#failures, 20));
    this.#failures += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      run();
    }, delay);
  }

  #set(view: DockerView): void {
    const same = JSON.stringify(view) === JSON.stringify(this.#view);
    this.#view = view;
    if (same) return;
    this.#views.fire(view);
  }
}
