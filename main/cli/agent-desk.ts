import { serve } from './serve.js';

const USAGE = `Usage: agent-desk <command> [options]

Commands:
  serve      run headless with the desk UI in your browser (see: agent-desk serve --help)`;

/** Resolves on the first SIGINT or SIGTERM; removes its handlers afterwards. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') {
    return serve(rest, {
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
      stopSignal: stopSignal(),
    });
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`agent-desk: unknown command "${command}"\n${USAGE}\n`);
  return 2;
}
