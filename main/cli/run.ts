// Entry for running the CLI from source (`tsx main/cli/run.ts serve`), used by tests.
import { main } from './agent-desk.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agent-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
