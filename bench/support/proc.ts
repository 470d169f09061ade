import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from '../../test/helpers/wait-for.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A loopback port that was free a moment ago (bound to 0 and released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident set size of a process from /proc (Linux), in bytes; undefined if unreadable. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export const MB = 1024 * 1024;

const hidden = new Set<string>();

/** `--without go,nginx,wrk`: act as if these tools were not installed (to check the fallbacks). */
export function hideTools(names: readonly string[]): void {
  for (const name of names) hidden.add(name);
}

/** An optional tool's executable: found on PATH (or at one of `extra`), unless hidden; else undefined. */
export function findTool(command: string, extra: readonly string[] = []): string | undefined {
  if (hidden.has(command)) return undefined;
  return which(command) ?? extra.find((candidate) => existsSync(candidate));
}

/** An executable found on PATH, or undefined. */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Runs a command to completion with a hard deadline; never throws, returns what happened. */
export function runCommand(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** A long-running child this bench started; `stop()` ends it and waits for the exit. */
export interface OwnedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Every process started here and not yet stopped, so an interrupted run can stop them all. */
const running = new Set<OwnedProcess>();

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop()));
}

export function startProcess(command: string, args: string[], options: SpawnOptions = {}): OwnedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const owned: OwnedProcess = {
    child,
    get pid() {
      if (child.pid === undefined) throw new Error(`${command} did not start`);
      return child.pid;
    },
    output: () => out,
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      waitFor(
        () => {
          const match = out.match(pattern);
          if (match === null && child.exitCode !== null) throw new Error(`${path.basename(command)} exited with ${child.exitCode}: ${out.slice(-500)}`);
          return match;
        },
        { timeoutMs, intervalMs: 20, message: `${path.basename(command)} to print ${pattern}; output so far: ${out.slice(-500)}` },
      ),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(owned);
    },
  };
  running.add(owned);
  void exited.then(() => running.delete(owned));
  return owned;
}

let compiledDir: string | undefined;

/** Where compiled children live (bench/support/compile.ts); undefined runs them from source under tsx. */
export function useCompiledChildren(dir: string | undefined): void {
  compiledDir = dir;
}

/** How children run, for the report. */
export function childRuntime(): string {
  return compiledDir === undefined ? 'node --import tsx (source; RSS includes the loader)' : 'node (compiled with tsc, no loader)';
}

/** Starts one of bench/children/*.ts (compiled when available, else under tsx) with an IPC channel. */
export function startChild(name: string, options: { nodeFlags?: string[]; env?: Record<string, string> } = {}): OwnedProcess {
  const entry =
    compiledDir === undefined
      ? ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'children', `${name}.ts`)]
      : [path.join(compiledDir, 'bench', 'children', `${name}.js`)];
  return startProcess(process.execPath, [...(options.nodeFlags ?? []), ...entry], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Only what the child needs: no inherited secrets.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...options.env },
  });
}

/** Sends one request over a child's IPC channel and waits for the reply with the same id. */
export function ask<T>(child: ChildProcess, request: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
  const id = Math.random().toString(36).slice(2);
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      const reply = message as { id?: string; error?: string; value?: T };
      if (reply.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.value as T);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`child did not answer ${String(request.type)} within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send({ ...request, id });
  });
}
