import { defineConfig } from 'vite';

const preloadRoot = new URL('.', import.meta.url).pathname;

// A sandboxed preload cannot load ES modules or local files: Electron runs it
// as one classic script whose `require` knows only `electron` and a few
// built-ins. So preload.ts and what it imports become one CommonJS file.
export default defineConfig({
  root: preloadRoot,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: '../dist/preload',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
