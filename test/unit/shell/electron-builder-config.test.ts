import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Validates electron-builder.yml as data; nothing is built here. */
interface BuilderConfig {
  appId?: unknown;
  productName?: unknown;
  directories?: { output?: unknown };
  files?: unknown;
  asar?: unknown;
  extraResources?: unknown;
  extraFiles?: unknown;
  linux?: { target?: unknown; executableName?: unknown; maintainer?: unknown };
  mac?: { target?: unknown };
  win?: { target?: unknown };
}

const root = path.resolve('.');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

function targets(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => (typeof entry === 'string' ? entry : (entry as { target?: string })?.target ?? '')).filter(Boolean);
}

// electron-builder's own validator (its JSON schema plus deprecation checks), as `electron-builder` runs it before a build.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: an unknown option is rejected', async () => {
    const broken = structuredClone(config) as BuilderConfig & { linux: Record<string, unknown> };
    broken.linux.notAnOption = true;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/does not match the API schema/);
  });

  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i);
    expect(config.productName).toBe('Agent Desk');
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    // .deb needs a maintainer; package.json carries no author e-mail.
    expect(String(config.linux?.maintainer)).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux?.executableName).toBe('agent-desk');
  });

  it('packages only dist/** and package.json', () => {
    expect(Array.isArray(config.files)).toBe(true);
    const files = config.files as unknown[];
    expect(files.every((entry) => typeof entry === 'string')).toBe(true);
    const includes = (files as string[]).filter((entry) => !entry.startsWith('!'));
    expect(includes.sort()).toEqual(['dist/**', 'package.json']);
    const excludes = (files as string[]).filter((entry) => entry.startsWith('!'));
    for (const exclude of excludes) expect(exclude.startsWith('!dist/')).toBe(true);
    expect(config.extraResources).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
  });

  it('never packages sources, tests, docs or the .env of anything', () => {
    const text = JSON.stringify(config.files);
    for (const folder of ['main/', 'preload/', 'renderer/', 'test/', 'bench/', 'docs/', 'node_modules/', 'src/', '.env', '**/*']) {
      expect(text.includes(`"${folder}`), folder).toBe(false);
    }
  });

  it('writes its output outside dist, so a build never packages an earlier build', () => {
    expect(typeof config.directories?.output).toBe('string');
    const output = path.normalize(String(config.directories?.output));
    expect(output === 'dist' || output.startsWith(`dist${path.sep}`)).toBe(false);
  });

  it("points at an entry the files cover: package.json main and the preload live in dist/", () => {
    expect(manifest.main).toMatch(/^dist\/.+\.js$/);
    expect(manifest.devDependencies?.electron).toBeDefined();
    expect(manifest.dependencies?.electron).toBeUndefined();
  });
});
