import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceDirectory, type WorkspaceChange } from '../main/core/workspace/index.js';
import { tempDir } from '../test/helpers/wait-for.js';
import { distribution, median, type Distribution } from './support/stats.js';

const TOKEN = 'b'.repeat(48);
/** Provider keys sit in every real .env; a canary proves the bench never prints one. */
export const DISCOVERY_CANARY = 'sk-bench-canary-7f3e9a';
/** Labels need an install key; any fixed one does for timing discovery. */
const BENCH_INSTALL_KEY = new Uint8Array(32);

function envFile(port: number): string {
  return `WEB_PORT=${port}\nWEB_TOKEN=${TOKEN}\nWEB_BASE_PATH=/chat\nANTHROPIC_API_KEY=${DISCOVERY_CANARY}\n`;
}

export interface EditResult {
  /** Time from the write (plain) or the rename (atomic) resolving to the directory's `updated` event, ms. */
  all: Distribution;
  plain: Distribution;
  atomic: Distribution;
  /** Edits not seen within the per-edit deadline. */
  missed: number;
}

/**
 * `.env` edit → directory change, with the desk's own WorkspaceDirectory
 * defaults (debounce included), alternating plain writes and atomic
 * rename-into-place writes (what editors and `term-llm` do).
 */
export async function measureEdits(edits: number, perEditTimeoutMs = 5_000): Promise<EditResult> {
  const tmp = await tempDir('agent-desk-bench-edit-');
  const directory = new WorkspaceDirectory({ roots: [{ path: tmp.path, source: 'flag' }], installKey: BENCH_INSTALL_KEY });
  try {
    const dir = path.join(tmp.path, 'agent');
    await mkdir(dir);
    const envPath = path.join(dir, '.env');
    await writeFile(envPath, envFile(20_000), { mode: 0o600 });
    await directory.start();
    if (directory.list()[0]?.endpoint?.port !== 20_000) throw new Error('discovery: the workspace was not found at start');
    let waiting: { port: number; resolve: () => void } | undefined;
    directory.onChange((change: WorkspaceChange) => {
      if (change.kind === 'updated' && waiting !== undefined && change.workspace.endpoint?.port === waiting.port) waiting.resolve();
    });
    const plain: number[] = [];
    const atomic: number[] = [];
    let missed = 0;
    for (let i = 1; i <= edits; i++) {
      const port = 20_000 + i;
      const isAtomic = i % 2 === 0;
      const seen = new Promise<void>((resolve) => (waiting = { port, resolve }));
      let start: number;
      if (isAtomic) {
        const staging = path.join(dir, `.env.tmp-${i}`);
        await writeFile(staging, envFile(port), { mode: 0o600 });
        start = performance.now();
        await rename(staging, envPath);
      } else {
        start = performance.now();
        await writeFile(envPath, envFile(port), { mode: 0o600 });
      }
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        seen.then(() => performance.now() - start),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), perEditTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (outcome === undefined) missed += 1;
      else (isAtomic ? atomic : plain).push(outcome);
      // A pause between edits, so each is an edit on its own and not a burst the debounce merges.
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const all = [...plain, ...atomic];
    if (all.length === 0) throw new Error('discovery: no edit reached the directory');
    return { all: distribution(all), plain: distribution(plain), atomic: distribution(atomic), missed };
  } finally {
    await directory.close();
    await tmp.remove();
  }
}

export interface ScanResult {
  workspaces: number;
  runsMs: number[];
  medianMs: number;
}

/** Time for start() to resolve on a root with `count` workspaces, fresh WorkspaceDirectory each run. */
export async function measureColdScan(count: number, runs: number): Promise<ScanResult> {
  const tmp = await tempDir('agent-desk-bench-scan-');
  try {
    for (let i = 0; i < count; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, async (_, j) => {
          const dir = path.join(tmp.path, `agent-${String(i + j).padStart(4, '0')}`);
          await mkdir(dir);
          await writeFile(path.join(dir, '.env'), envFile(21_000 + i + j), { mode: 0o600 });
        }),
      );
    }
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const directory = new WorkspaceDirectory({ roots: [{ path: tmp.path, source: 'flag' }], installKey: BENCH_INSTALL_KEY });
      try {
        const start = performance.now();
        await directory.start();
        const elapsed = performance.now() - start;
        const found = directory.list().filter((workspace) => workspace.state === 'ready').length;
        if (found !== count) throw new Error(`cold scan: found ${found} ready workspaces of ${count}`);
        runsMs.push(elapsed);
      } finally {
        await directory.close();
      }
    }
    return { workspaces: count, runsMs, medianMs: median(runsMs) };
  } finally {
    await tmp.remove();
  }
}
