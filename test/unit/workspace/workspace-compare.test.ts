import { describe, expect, it } from 'vitest';
import { Secret } from '../../../main/core/secret.js';
import { dedupeRootSpecs } from '../../../main/core/workspace/roots.js';
import { compareWorkspaces, sameVisibleWorkspace } from '../../../main/core/workspace/workspace-compare.js';
import type { Workspace } from '../../../main/core/workspace/workspace-types.js';

const ready = (token: string, extra: Partial<Workspace> = {}): Workspace => ({
  id: 'a-x-aaaaaa',
  label: 'a-x-aaaaaa',
  name: 'x',
  root: '/r',
  path: '/r/x',
  state: 'ready',
  endpoint: { port: 8081, basePath: '/chat', token: new Secret(token) },
  ...extra,
});

describe('sameVisibleWorkspace', () => {
  it('is true for equal content in different objects and Secret instances', () => {
    expect(sameVisibleWorkspace(ready('t'), ready('t'))).toBe(true);
  });

  it('sees a token change through Secret.equals', () => {
    expect(sameVisibleWorkspace(ready('t'), ready('u'))).toBe(false);
  });

  it.each<[string, Partial<Workspace>]>([
    ['port', { endpoint: { port: 9, basePath: '/chat', token: new Secret('t') } }],
    ['base path', { endpoint: { port: 8081, basePath: '', token: new Secret('t') } }],
    ['state', { state: 'not-provisioned', reason: 'r', endpoint: undefined }],
    ['reason', { state: 'invalid', reason: 'other' }],
  ])('sees a change of %s', (_what, change) => {
    const invalidBase = ready('t', { state: 'invalid', reason: 'one' });
    expect(sameVisibleWorkspace(ready('t'), ready('t', change))).toBe(false);
    expect(sameVisibleWorkspace(invalidBase, { ...invalidBase, ...change })).toBe(false);
  });
});

describe('compareWorkspaces', () => {
  it('orders by name, then path', () => {
    const list = [
      ready('t', { name: 'b', path: '/r/b' }),
      ready('t', { name: 'a', path: '/z/a' }),
      ready('t', { name: 'a', path: '/r/a' }),
    ].sort(compareWorkspaces);
    expect(list.map((w) => w.path)).toEqual(['/r/a', '/z/a', '/r/b']);
  });
});

describe('dedupeRootSpecs', () => {
  it('keeps the first of equal resolved paths', () => {
    expect(
      dedupeRootSpecs([
        { path: '/a/', source: 'flag' },
        { path: '/a', source: 'settings' },
        { path: '/b/../a', source: 'default' },
        { path: '/c', source: 'settings' },
      ]),
    ).toEqual([
      { path: '/a', source: 'flag' },
      { path: '/c', source: 'settings' },
    ]);
  });
});
