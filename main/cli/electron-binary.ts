import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { found: true; executablePath: string } | { found: false; reason: string };

/**
 * Where the `electron` package's binary is, without `require('electron')`:
 * that require starts a download when the binary is missing (electron 45's
 * index.js), which must never happen in a test run. This repeats its lookup —
 * `ELECTRON_OVERRIDE_DIST_PATH`, else `dist/<path.txt>` next to the package.
 */
export function findElectronBinary(): ElectronBinary {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch (error) {
    return { found: false, reason: `the electron package does not resolve (${(error as Error).message.split('\n')[0]})` };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executablePath = path.join(override, relative || 'electron');
    return existsSync(executablePath) ? { found: true, executablePath } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executablePath}` };
  }
  if (!relative) return { found: false, reason: `${path.relative(process.cwd(), pathFile)} is missing: the binary download never completed` };
  const executablePath = path.join(packageDir, 'dist', relative);
  return existsSync(executablePath) ? { found: true, executablePath } : { found: false, reason: `${executablePath} does not exist` };
}
