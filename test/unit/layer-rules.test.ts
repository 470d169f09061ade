import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// The layer tests look at no-restricted-imports alone; the cycle rule would walk the whole import graph of each sample.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });
const cycleLint = new ESLint({ cwd: ROOT });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The layer boundaries (docs/architecture.md) are lint errors; prove the rules bite.
describe('layer rules', () => {
  it('main/core may not import electron', async () => {
    expect(await restrictedImportErrors('main/core/workspace/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringMatching(/only main\/electron may import electron/),
    ]);
  });

  it('main/core may not import the Electron shell', async () => {
    const errors = await restrictedImportErrors('main/core/x.ts', "import { a } from '../electron/main.js';\nexport const b = a;\n");
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/must not depend on the Electron shell/)]));
  });

  it('renderer may not import main or node built-ins', async () => {
    expect(await restrictedImportErrors('renderer/x.ts', "import { a } from '../main/core/desk.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/x.ts', "import fs from 'node:fs';\nexport const b = fs;\n")).toHaveLength(1);
  });

  it('main/electron may import electron', async () => {
    expect(await restrictedImportErrors('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});

describe('import cycle rule', () => {
  it('fails a module that imports one that imports it back', async () => {
    const dir = await mkdtemp(path.join(ROOT, 'main', 'core', '.cycle-test-'));
    try {
      await writeFile(path.join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = (): number => a() + 1;\n");
      await writeFile(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = (): number => b();\n");
      const [result] = await cycleLint.lintFiles([path.join(dir, 'a.ts')]);
      expect((result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-cycle')).toHaveLength(1);
      await writeFile(path.join(dir, 'b.ts'), 'export const b = (): number => 1;\n');
      const [clean] = await new ESLint({ cwd: ROOT, cache: false }).lintFiles([path.join(dir, 'a.ts')]);
      expect((clean?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-cycle')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
