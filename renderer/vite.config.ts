import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleSizeReport } from './bundle-size-plugin.js';

const rendererRoot = new URL('.', import.meta.url).pathname;

// The desk serves this bundle under `script-src 'self'`: no inline scripts,
// no external fonts or CDNs, and no module-preload polyfill (injected code
// we do not need in Chromium).
export default defineConfig({
  root: rendererRoot,
  // Absolute: the desk host answers deep paths with index.html (SPA), and
  // Electron serves the same files at app://desk/.
  base: '/',
  plugins: [react(), bundleSizeReport()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
});
