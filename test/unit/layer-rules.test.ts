import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The layer boundaries of DESIGN.md section 1 are lint errors; prove the rules bite.
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
