// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // No import cycles: a module graph with cycles has no order to read or
    // initialise it in. (import-x skips `import type` edges; those are erased
    // at build time.) test/unit/layer-rules.test.ts proves the rule fires.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The layer boundaries (docs/architecture.md) are enforced here, not by convention.
    files: ['main/core/**', 'main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'main/core and main/cli are plain Node: only main/electron may import electron.' },
          { group: ['**/main/electron/**', '../electron/**', '**/renderer/**'], message: 'core must not depend on the Electron shell or the renderer.' },
        ],
      }],
    },
  },
  {
    // common/ is the base every layer may use (VS Code's base/common): plain TypeScript, no platform.
    files: ['common/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/preload/**', '**/renderer/**', 'electron', 'electron/*', 'node:*'], message: 'common/ imports no layer and no platform: main, preload and renderer all stand on it.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', 'electron', 'electron/*', 'node:*'], message: 'renderer talks to main only through the DeskApi contract (preload/contract.ts).' },
        ],
      }],
    },
  },
  {
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'preload exposes the contract only.' }],
      }],
    },
  },
);
