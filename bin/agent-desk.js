#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm run serve`).
import { main } from '../dist/main/cli/agent-desk.js';

main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (error) => { console.error(`agent-desk: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 1; },
);
