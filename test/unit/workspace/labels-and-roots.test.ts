import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentLabel, isAgentLabel } from '../../../main/core/hosts/index.js';
import { defaultRoot, expandRootPath, resolveRoots } from '../../../main/core/workspace/roots.js';
import { workspaceNameProblem } from '../../../main/core/workspace/read-workspace.js';
import { createLimiter } from '../../../main/core/workspace/limiter.js';

describe('workspace labels', () => {
  const key = new Uint8Array(32).fill(1);
  it('are stable for the same install, name and path, and have the documented shape', () => {
    expect(agentLabel(key, 'alpha', '/r1/alpha')).toBe(agentLabel(Uint8Array.from(key), 'alpha', '/r1/alpha'));
    expect(agentLabel(key, 'alpha', '/r1/alpha')).toMatch(/^a-alpha-[a-z2-7]{16}$/);
    expect(isAgentLabel(agentLabel(key, 'alpha', '/r1/alpha'))).toBe(true);
  });

  it('differ for the same name in two roots, and for the same workspace on two installs', () => {
    expect(agentLabel(key, 'alpha', '/r1/alpha')).not.toBe(agentLabel(key, 'alpha', '/r2/alpha'));
    expect(agentLabel(key, 'alpha', '/r1/alpha')).not.toBe(agentLabel(new Uint8Array(32).fill(2), 'alpha', '/r1/alpha'));
  });

  it('are valid host labels even for names that are not valid workspace names; slugs stop at 30', () => {
    for (const name of ['my agent', 'ünïcödé', '日本語', 'x'.repeat(100), '--a--b--']) {
      const label = agentLabel(key, name, `/r/${name}`);
      expect(isAgentLabel(label)).toBe(true);
      expect(label.length).toBeLessThanOrEqual(2 + 30 + 1 + 16);
    }
    expect(agentLabel(key, 'x'.repeat(100), '/r')).toMatch(/^a-x{30}-[a-z2-7]{16}$/);
  });
});

describe('workspaceNameProblem', () => {
  it.each(['alpha', 'a.b-c_D9', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(workspaceNameProblem(name)).toBeUndefined();
  });
  it.each(['my agent', 'ünï', 'a/b', 'x'.repeat(65), ''])('refuses %j', (name) => {
    expect(workspaceNameProblem(name)).toMatch(/folder name/);
  });
});

describe('defaultRoot', () => {
  it('uses an absolute XDG_CONFIG_HOME', () => {
    expect(defaultRoot({ XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe(join('/xdg', 'term-llm', 'containers'));
  });
  it('falls back to ~/.config when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'rel/conf' }]) {
      expect(defaultRoot(env, '/home/u')).toBe(join('/home/u', '.config', 'term-llm', 'containers'));
    }
  });
});

describe('resolveRoots', () => {
  const env = { XDG_CONFIG_HOME: '/xdg' };
  it('puts the default first, then flags, then settings', () => {
    expect(resolveRoots({ flags: ['/f'], settings: ['/s'], env, home: '/home/u' })).toEqual([
      { path: '/xdg/term-llm/containers', source: 'default' },
      { path: '/f', source: 'flag' },
      { path: '/s', source: 'settings' },
    ]);
  });
  it('expands ~ and deduplicates by resolved path, keeping the first', () => {
    const roots = resolveRoots({
      flags: ['~/work', '/xdg/term-llm/containers/', '/f/../f'],
      settings: ['/home/u/work', '/f', '~', '  '],
      env,
      home: '/home/u',
    });
    expect(roots).toEqual([
      { path: '/xdg/term-llm/containers', source: 'default' },
      { path: '/home/u/work', source: 'flag' },
      { path: '/f', source: 'flag' },
      { path: '/home/u', source: 'settings' },
    ]);
  });
  it('resolves relative paths against the working directory', () => {
    expect(expandRootPath('rel')).toBe(resolve('rel'));
  });
});

describe('createLimiter', () => {
  it('never runs more than max tasks at once and runs them all', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1));
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });
  it('refuses a bad size', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
