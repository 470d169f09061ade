import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../e2e/electron/electron-binary.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

/** The e2e suite's skip decision: it must find a binary where one is, and explain itself where none is. */
describe('findElectronBinary', () => {
  let dir: TempDir;
  const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  beforeEach(async () => {
    dir = await tempDir('agent-desk-electron-bin-');
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
    await dir.remove();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', async () => {
    process.env.ELECTRON_OVERRIDE_DIST_PATH = dir.path;
    const absent = findElectronBinary();
    if (absent.found) throw new Error('an empty override folder cannot hold a binary');
    const expected = absent.reason.replace('ELECTRON_OVERRIDE_DIST_PATH has no ', '');
    expect(expected.startsWith(dir.path + path.sep)).toBe(true);
    // path.txt may name a nested file (macOS: Electron.app/Contents/MacOS/Electron).
    await mkdir(path.dirname(expected), { recursive: true });
    await writeFile(expected, '');
    const present = findElectronBinary();
    expect(present).toEqual({ found: true, executablePath: expected });
  });

  it('gives a reason, never throws, without an override', () => {
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const result = findElectronBinary();
    if (result.found) expect(result.executablePath.length).toBeGreaterThan(0);
    else expect(result.reason.length).toBeGreaterThan(10);
  });
});
