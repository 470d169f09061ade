import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

/**
 * Builds the preload with its real Vite config and checks the one property
 * Electron needs of a sandboxed preload: a single classic CommonJS script
 * whose only `require` is `electron`. (Electron itself is not run here.)
 */
describe('preload bundle', () => {
  let out: TempDir;
  let code: string;

  beforeAll(async () => {
    out = await tempDir('agent-desk-preload-');
    await build({
      configFile: path.resolve('preload/vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: out.path, emptyOutDir: true },
    });
    code = await readFile(path.join(out.path, 'preload.cjs'), 'utf8');
  }, 60_000);

  afterAll(async () => {
    await out?.remove();
  });

  it('is CommonJS with no import/export statements and requires only electron', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
  });

  it('runs as a classic script with nothing but require("electron") and exposes only deskApi', async () => {
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const ipcCalls: string[] = [];
    // Only what the sandbox polyfill offers a preload: a require that knows `electron`.
    const requireShim = (name: string): unknown => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
        ipcRenderer: {
          invoke: async (channel: string) => {
            ipcCalls.push(channel);
            return { ok: true, value: [] };
          },
          on: () => undefined,
        },
      };
    };
    const wrapper = vm.runInNewContext(`(function (require) {\n${code}\n})`, { console });
    wrapper(requireShim);
    expect(exposed.map(([key]) => key)).toEqual(['deskApi']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual(['invoke', 'stream', 'subscribe']);
    const invoke = api.invoke as (channel: string, request: unknown) => Promise<unknown>;
    await expect(invoke('agents:list', undefined)).resolves.toEqual([]);
    await expect(invoke('shell:exec', 'rm -rf /')).rejects.toThrow(/unknown desk channel/);
    expect(ipcCalls).toEqual(['agents:list']);
  });
});
