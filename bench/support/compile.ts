import { existsSync, readFileSync } from 'node:fs';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir, type TempDir } from '../../test/helpers/wait-for.js';
import { REPO_ROOT, runCommand } from './proc.js';

const CHILDREN = ['gateway', 'upstream', 'load', 'bare-proxy', 'bare-undici-proxy', 'attention', 'attention-agents'];

export interface CompiledChildren {
  /** `<dir>/bench/children/<name>.js` exists for every child. */
  readonly dir: string;
  /** `<dir>/main/cli/run.js` when the CLI compiled too (for the idle RSS figure). */
  readonly cli: string | undefined;
  /** tsc's complaint when it emitted despite type errors (others' work in progress), else undefined. */
  readonly warning: string | undefined;
  remove(): Promise<void>;
}

/**
 * Compiles the bench children (and the gateway code they import) and the
 * CLI to plain JavaScript in a temp dir, so the processes whose memory is
 * measured carry no TypeScript loader (tsx adds ~30 MB of RSS) and run the
 * current source, not a stale dist/. The temp dir gets a package.json (ESM,
 * named agent-desk so the CLI finds its package root) and a node_modules
 * symlink so imports resolve as in the repo. Returns undefined when tsc emitted nothing; the bench then runs the
 * children under tsx and says so.
 */
export async function compileChildren(): Promise<CompiledChildren | undefined> {
  const tmp: TempDir = await tempDir('agent-desk-bench-build-');
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const entries = [...CHILDREN.map((name) => path.join(REPO_ROOT, 'bench', 'children', `${name}.ts`)), path.join(REPO_ROOT, 'main', 'cli', 'run.ts')];
  const result = await runCommand(
    process.execPath,
    [tsc, '--outDir', tmp.path, '--rootDir', REPO_ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--strict', '--ignoreConfig', ...entries],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeoutMs: 120_000 },
  );
  const emitted = CHILDREN.every((name) => existsSync(path.join(tmp.path, 'bench', 'children', `${name}.js`)));
  if (!emitted) {
    await tmp.remove();
    return undefined;
  }
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  await writeFile(path.join(tmp.path, 'package.json'), `${JSON.stringify({ name: 'agent-desk', version: version ?? '0.0.0', private: true, type: 'module' })}\n`);
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(tmp.path, 'node_modules'), 'dir');
  const warning = result.code === 0 ? undefined : `tsc reported errors but emitted: ${result.stdout.split('\n')[0]?.slice(0, 200) ?? ''}`;
  const cli = path.join(tmp.path, 'main', 'cli', 'run.js');
  return { dir: tmp.path, cli: existsSync(cli) ? cli : undefined, warning, remove: () => tmp.remove() };
}
