import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterEach, describe, expect, it } from 'vitest';

// Every dependency rule lives in .dependency-cruiser.cjs (ADR 0026) and `npm run lint` runs it;
// these tests prove each rule bites, on sample files written where the rule applies.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes `files` into a fresh folder under `layer` and returns the rules they break. */
async function violations(layer: string, files: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(path.join(ROOT, layer, 'zz-rule-sample-'));
  made.push(dir);
  for (const [name, code] of Object.entries(files)) await writeFile(path.join(dir, name), code);
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const result = (await cruise([path.relative(ROOT, dir)], { ...options, validate: true }, {}, { tsConfig: extractTSConfig(path.join(ROOT, 'tsconfig.json')) })) as IReporterOutput;
  if (typeof result.output === 'string') throw new Error('expected a cruise result, got a report');
  return result.output.summary.violations.map((v) => v.rule.name).sort();
}

describe('layer rules', () => {
  it('main/core may not import electron, not even its types', async () => {
    expect(await violations('main/core', { 'x.ts': "import { app } from 'electron';\nexport const a = app;\n" })).toEqual(['core-not-electron']);
    expect(await violations('main/core', { 'x.ts': "import type { App } from 'electron';\nexport type A = App;\n" })).toEqual(['core-not-electron']);
  });

  it('main/core may not import the Electron shell or the renderer', async () => {
    expect(await violations('main/core', { 'x.ts': "import { serveRenderer } from '../../electron/app-protocol.js';\nexport const b = serveRenderer;\n" })).toContain('core-not-shell-or-renderer');
  });

  it('renderer may not import main, electron or Node built-ins; the contract is fine', async () => {
    expect(await violations('renderer', { 'x.ts': "import { startDesk } from '../../main/core/desk.js';\nexport const b = startDesk;\n" })).toEqual(['renderer-only-contract']);
    expect(await violations('renderer', { 'x.ts': "import fs from 'node:fs';\nexport const b = fs;\n" })).toEqual(['renderer-no-node']);
    expect(await violations('renderer', { 'x.ts': "import { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;\n" })).toEqual(['renderer-only-contract']);
    expect(await violations('renderer', { 'x.ts': "import { INVOKE_CHANNELS } from '../../preload/contract/channels.js';\nexport const b = INVOKE_CHANNELS;\n" })).toEqual([]);
  });

  it('common/ imports no layer and no platform', async () => {
    expect(await violations('common', { 'x.ts': "import { INVOKE_CHANNELS } from '../../preload/contract/channels.js';\nexport const b = INVOKE_CHANNELS;\n" })).toEqual(['common-is-the-base']);
    expect(await violations('common', { 'x.ts': "import { EventEmitter } from 'node:events';\nexport const b = EventEmitter;\n" })).toEqual(['common-no-node']);
  });

  it('main/electron may import electron', async () => {
    expect(await violations('main/electron', { 'x.ts': "import { app } from 'electron';\nexport const a = app;\n" })).toEqual([]);
  });
});

describe('import cycle rule', () => {
  it('fails two modules that import each other, and a cycle of type-only imports too', async () => {
    expect(
      await violations('main/core', {
        'a.ts': "import { b } from './b.js';\nexport const a = (): number => b();\n",
        'b.ts': "import { a } from './a.js';\nexport const b = (): number => a() + 1;\n",
      }),
    ).toEqual(['no-circular']);
    expect(
      await violations('main/core', {
        'a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
        'b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
      }),
    ).toEqual(['no-circular']);
    expect(await violations('main/core', { 'a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n", 'b.ts': 'export interface B { n: number }\n' })).toEqual([]);
  });

  it('fails an import that resolves to nothing (it would hide an edge from the rules)', async () => {
    expect(await violations('main/core', { 'a.ts': "import { gone } from './missing.js';\nexport const a = gone;\n" })).toEqual(['not-to-unresolvable']);
  });
});
