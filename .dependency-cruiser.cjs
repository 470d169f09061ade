// @ts-check
/* global module */
// Every dependency rule of the repository, in one tool (ADR 0026): the layer
// boundaries of docs/architecture.md and no import cycles — type-only imports
// included, since `tsPreCompilationDeps` reads the TypeScript before types are
// erased. `npm run lint` runs it; test/unit/layer-rules.test.ts proves each rule fires.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module graph with a cycle has no order to read or initialise it in; it is how layers start to leak.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-not-electron',
      severity: 'error',
      comment: 'main/core and main/cli are plain Node: only main/electron may import electron.',
      from: { path: '^main/(core|cli)/' },
      to: { path: '^electron$|(^|/)node_modules/electron/' },
    },
    {
      name: 'core-not-shell-or-renderer',
      severity: 'error',
      comment: 'core must not depend on the Electron shell or the renderer.',
      from: { path: '^main/(core|cli)/' },
      to: { path: '^(main/electron|renderer)/' },
    },
    {
      name: 'renderer-only-contract',
      severity: 'error',
      comment: 'renderer talks to main only through the DeskApi contract (preload/contract.ts), and runs in a page: no Node built-ins, no electron.',
      from: { path: '^renderer/' },
      to: { path: '^(main/|preload/(?!contract)|electron$)|(^|/)node_modules/electron/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'renderer runs in a page: no Node built-ins.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-contract',
      severity: 'error',
      comment: 'preload exposes the contract only.',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'common-is-the-base',
      severity: 'error',
      comment: 'common/ imports no layer and no platform: main, preload and the renderer all stand on it.',
      from: { path: '^common/' },
      to: { path: '^(main|preload|renderer)/|^electron$|(^|/)node_modules/electron/' },
    },
    {
      name: 'common-no-node',
      severity: 'error',
      comment: 'common/ imports no platform.',
      from: { path: '^common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would hide an edge from every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
