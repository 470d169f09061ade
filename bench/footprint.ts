import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../test/helpers/wait-for.js';
import { freePort, MB, REPO_ROOT, rssBytes, runCommand, startProcess } from './support/proc.js';

const BUNDLE_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.woff2']);

export interface BundleResult {
  /** Where the measured bundle came from. */
  source: string;
  files: number;
  rawKb: number;
  gzipKb: number;
  largest: { file: string; gzipKb: number };
}

/**
 * Gzipped size of everything the renderer ships (level 9, per file, as a
 * server or the browser cache would hold it). Built fresh into a temp dir so
 * the figure is the current source's and dist/ is left alone; falls back to
 * dist/renderer when the build fails.
 */
export async function measureBundle(): Promise<BundleResult> {
  const tmp = await tempDir('agent-desk-bench-renderer-');
  try {
    const outDir = path.join(tmp.path, 'renderer');
    const vite = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');
    const build = await runCommand(vite, ['build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
      timeoutMs: 180_000,
    });
    if (build.code === 0 && existsSync(outDir)) return await sizeOf(outDir, 'fresh `vite build` of renderer/');
    const existing = path.join(REPO_ROOT, 'dist', 'renderer');
    if (!existsSync(existing)) throw new Error(`renderer build failed and there is no dist/renderer: ${build.stderr.slice(0, 300)}`);
    return await sizeOf(existing, 'existing dist/renderer (fresh build failed)');
  } finally {
    await tmp.remove();
  }
}

async function sizeOf(dir: string, source: string): Promise<BundleResult> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let raw = 0;
  let gzip = 0;
  let files = 0;
  let largest = { file: '', gzipKb: 0 };
  for (const entry of entries) {
    if (!entry.isFile() || !BUNDLE_EXTENSIONS.has(path.extname(entry.name))) continue;
    const full = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(full);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    files += 1;
    if (zipped / 1024 > largest.gzipKb) largest = { file: path.relative(dir, full), gzipKb: zipped / 1024 };
  }
  if (files === 0) throw new Error(`no bundle files in ${dir}`);
  return { source, files, rawKb: raw / 1024, gzipKb: gzip / 1024, largest };
}

export interface IdleRssResult {
  /** How the CLI ran: compiled current source or the built dist (no loader), and from source under tsx. */
  runs: Array<{ how: string; rssMb: number }>;
  /** The figure held against the budget: the first run without a loader, else tsx. */
  primary: { how: string; rssMb: number };
}

/**
 * `agent-desk serve` on a free port and an empty temp root, with its config
 * and default root inside the temp dir; RSS read from /proc after it has sat
 * idle for `idleMs`. `compiledCli` is main/cli/run.js compiled from the
 * current source (bench/support/compile.ts); without it dist/ is used when
 * present.
 */
export async function measureIdleRss(idleMs: number, compiledCli: string | undefined): Promise<IdleRssResult> {
  const runs: IdleRssResult['runs'] = [];
  const dist = path.join(REPO_ROOT, 'dist', 'main', 'cli', 'run.js');
  if (compiledCli !== undefined) runs.push({ how: 'node, CLI compiled from current source', rssMb: await idleRssOf([compiledCli], idleMs) });
  else if (existsSync(dist)) runs.push({ how: 'node dist/main/cli/run.js (built; may be stale)', rssMb: await idleRssOf([dist], idleMs) });
  runs.push({ how: 'node --import tsx main/cli/run.ts', rssMb: await idleRssOf(['--import', 'tsx', path.join(REPO_ROOT, 'main', 'cli', 'run.ts')], idleMs) });
  return { runs, primary: runs[0]! };
}

async function idleRssOf(entry: string[], idleMs: number): Promise<number> {
  const tmp = await tempDir('agent-desk-bench-idle-');
  try {
    const root = path.join(tmp.path, 'root');
    await mkdir(root);
    const port = await freePort();
    const cli = startProcess(process.execPath, [...entry, 'serve', '--port', String(port), '--root', root], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: tmp.path, XDG_CONFIG_HOME: path.join(tmp.path, 'config'), NODE_ENV: 'production' },
    });
    try {
      await cli.waitForOutput(/\/__desk\/enter\?g=/, 30_000);
      await new Promise((resolve) => setTimeout(resolve, idleMs));
      const rss = rssBytes(cli.pid);
      if (rss === undefined) throw new Error('cannot read the serve process RSS from /proc');
      return rss / MB;
    } finally {
      await cli.stop();
    }
  } finally {
    await tmp.remove();
  }
}
