import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NOBODY_ID = 65534;

/** Tests run as root here, and root reads mode-000 files: permission tests need another user. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Runs `code` (an ES module body; top-level await allowed; `.ts` imports
 * work through tsx) in a child Node process that first drops to uid/gid
 * 65534 (nobody). Resolves with its stdout; rejects with its stderr. Only
 * usable when the test process is root (see runningAsRoot).
 */
export function runUnprivileged(code: string, timeoutMs = 15_000): Promise<string> {
  const script = `process.setgid(${NOBODY_ID}); process.setuid(${NOBODY_ID});\n${code}`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: PROJECT_ROOT, timeout: timeoutMs, env: { ...process.env, TSX_DISABLE_CACHE: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`unprivileged child failed: ${stderr || error.message}`)) : resolve(stdout)),
    );
  });
}

/** Absolute path of a project source file, for `import()` inside runUnprivileged code. */
export function projectFile(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, new URL('../../', import.meta.url)));
}
