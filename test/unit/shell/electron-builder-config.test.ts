import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
  deb?: { appArmorProfile?: unknown; afterInstall?: unknown; afterRemove?: unknown };
  electronFuses?: Record<string, unknown>;
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

  it('builds deb (primary) and AppImage on Linux, dmg on macOS and nsis on Windows', () => {
    expect(targets(config.linux?.target)).toEqual(['deb', 'AppImage']);
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

  it('flips every security fuse: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; code only from an integrity-checked asar', () => {
    const fuses = config.electronFuses ?? {};
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
    expect(fuses.enableCookieEncryption).toBe(true);
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
    // Integrity validation only means something for code inside app.asar.
    expect(config.asar).toBe(true);
  });

  describe('the deb installs an AppArmor profile (Ubuntu 24.04+ user namespaces)', () => {
    // The macros electron-builder's FpmTarget substitutes in these files; any other `${name}` fails its build.
    const macros = { executable: 'agent-desk', sanitizedProductName: 'Agent Desk', productFilename: 'Agent Desk' };
    const render = (file: unknown): string => {
      expect(typeof file).toBe('string');
      const text = readFileSync(path.join(root, String(file)), 'utf8');
      return text.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
        if (!(name in macros)) throw new Error(`${String(file)} uses \${${name}}, which electron-builder does not define`);
        return macros[name as keyof typeof macros];
      });
    };

    it('the profile grants userns to the installed executable, nothing else', () => {
      const profile = render(config.deb?.appArmorProfile);
      expect(profile).toMatch(/^abi <abi\/4\.0>,$/m);
      expect(profile).toContain('profile agent-desk "/opt/Agent Desk/agent-desk" flags=(unconfined) {');
      expect(profile).toMatch(/^\s+userns,$/m);
    });

    it('after-install loads it (after a dry run) and after-remove unloads it; both are valid bash', () => {
      const install = render(config.deb?.afterInstall);
      expect(install).toContain("APPARMOR_SOURCE='/opt/Agent Desk/resources/apparmor-profile'");
      expect(install).toContain('apparmor_parser --skip-kernel-load --debug "$APPARMOR_SOURCE"');
      expect(install).toContain('apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_TARGET"');
      expect(install).toContain("ln -sf '/opt/Agent Desk/agent-desk' '/usr/bin/agent-desk'");
      const remove = render(config.deb?.afterRemove);
      expect(remove).toContain('apparmor_parser --remove "$APPARMOR_TARGET"');
      for (const script of [install, remove]) execFileSync('bash', ['-n'], { input: script });
    });
  });

  it('ships only what main/ imports: react, react-dom and zustand are bundled into the renderer by Vite', () => {
    const runtime = Object.keys(manifest.dependencies ?? {}).sort();
    for (const bundled of ['react', 'react-dom', 'zustand']) expect(runtime).not.toContain(bundled);
    const importsOf = (folder: string): Set<string> => {
      const imported = new Set<string>();
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (/\.tsx?$/.test(entry.name)) {
            for (const match of readFileSync(full, 'utf8').matchAll(/from '((?:@[^/']+\/)?[^./'][^/']*)/g)) imported.add(match[1]!);
          }
        }
      };
      walk(path.join(root, folder));
      return new Set([...imported].filter((name) => !name.startsWith('node:') && name !== 'electron'));
    };
    const main = importsOf('main');
    // Everything the packaged main process loads is a runtime dependency…
    for (const name of main) expect(runtime, `main/ imports ${name}`).toContain(name);
    // …and nothing only the renderer bundle uses is one.
    for (const name of importsOf('renderer')) if (!main.has(name)) expect(runtime, `renderer-only ${name}`).not.toContain(name);
  });

  it("points at an entry the files cover: package.json main and the preload live in dist/", () => {
    expect(manifest.main).toMatch(/^dist\/.+\.js$/);
    expect(manifest.devDependencies?.electron).toBeDefined();
    expect(manifest.dependencies?.electron).toBeUndefined();
  });
});
