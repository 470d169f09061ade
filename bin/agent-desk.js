#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (which `npm run serve` runs first).
import '../dist/main/cli/run.js';
