import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-splitter.js';
import type { CommandSpec } from './runtime-types.js';
import { describeCommand } from './runtime-commands.js';

/** How a command ended, with what a person needs to know in `message`. */
export type CommandOutcome =
  | { kind: 'ok'; message: string }
  | { kind: 'failed'; exitCode: number | null; signal: string | null; message: string }
  | { kind: 'missing'; executable: string; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'cancelled'; message: string };

export interface RunOptions {
  timeoutMs: number;
  /** Every output line (stdout and stderr), as it arrives, already scrubbed. */
  onLine?: (line: string) => void;
  /**
   * The scrubber: applied to each whole line before an over-long one is cut
   * (a cut must not split a secret out of its reach), before the line reaches
   * `onLine` or the outcome's last lines.
   */
  scrub?: (line: string) => string;
  signal?: AbortSignal;
  /** Environment the command starts from (default: this process's). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Extra words for a missing executable (e.g. which runtime to choose instead). */
  missingHint?: string;
  /** Grace between SIGTERM and SIGKILL of the process group. */
  killGraceMs?: number;
}

const TAIL_LINES = 12;
/** After the command exits, how long its output pipes may still drain (a daemon it left may hold them open). */
const DRAIN_MS = 300;

/** Signals the command's whole process group (it was spawned detached, as its leader). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  // Even when the leader is gone its group may not be (a hung grandchild): signal the group anyway.
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs one argv command without a shell, in its own process group, with a
 * deadline. Output streams line by line; the outcome carries the exit code
 * and the last lines, or says the executable is missing or timed out. Never
 * rejects.
 */
export function runCommand(spec: CommandSpec, options: RunOptions): Promise<CommandOutcome> {
  const [executable, ...args] = spec.argv;
  const shown = describeCommand(spec);
  if (executable === undefined || executable === '') {
    return Promise.resolve({ kind: 'failed', exitCode: null, signal: null, message: 'the command is empty' });
  }
  const tail: string[] = [];
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(line);
  };
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(executable, args, {
        shell: false,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...(options.baseEnv ?? process.env), ...spec.env },
        windowsHide: true,
      });
    } catch (error) {
      resolve({ kind: 'failed', exitCode: null, signal: null, message: `${shown} could not start: ${(error as Error).message}` });
      return;
    }
    const out = new LineSplitter(onLine, options.scrub);
    const err = new LineSplitter(onLine, options.scrub);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    let ending: 'timeout' | 'cancelled' | undefined;
    let settled = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = (why: 'timeout' | 'cancelled'): void => {
      if (ending || settled) return;
      ending = why;
      killGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), options.killGraceMs ?? 3_000);
      killTimer.unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = (): void => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stop('cancelled');

    const finish = (outcome: CommandOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(outcome);
    };
    const lastLines = (): string => (tail.length ? `\n${tail.join('\n')}` : '');

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        const hint = options.missingHint ? ` — ${options.missingHint}` : '';
        finish({ kind: 'missing', executable, message: `${executable} was not found on PATH${hint}` });
      } else if (error.code === 'EACCES') {
        finish({ kind: 'missing', executable, message: `${executable} is not executable (permission denied)` });
      } else {
        finish({ kind: 'failed', exitCode: null, signal: null, message: `${shown} could not run: ${error.message}` });
      }
    });
    child.on('exit', (code, signal) => {
      // Whatever the leader left behind in its group goes with it on a timeout or cancel.
      if (ending) killGroup(child, 'SIGKILL');
      if (killTimer) clearTimeout(killTimer);
      const outcome = (): CommandOutcome => {
        if (ending === 'timeout') return { kind: 'timeout', message: `${shown} did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped${lastLines()}` };
        if (ending === 'cancelled') return { kind: 'cancelled', message: `${shown} was cancelled` };
        if (code === 0) return { kind: 'ok', message: `${shown} finished` };
        const how = code !== null ? `exited with code ${code}` : `was killed by ${signal ?? 'a signal'}`;
        return { kind: 'failed', exitCode: code, signal, message: `${shown} ${how}${lastLines()}` };
      };
      // Let the pipes drain, but do not wait on a daemon that kept them open.
      const drain = setTimeout(() => finish(outcome()), DRAIN_MS);
      child.once('close', () => {
        clearTimeout(drain);
        finish(outcome());
      });
    });
  });
}
