/**
 * `npm start` (after `npm run build`): the desktop app when Electron's
 * binary is installed, else the same desk in the browser — never a dead end.
 * Flags are the app's (`--port N`, `--root DIR`, `--hidden`, `--open AGENT`).
 */
import { spawn } from 'node:child_process';
import { main as runCli } from './agent-desk.js';
import { findElectronBinary } from './electron-binary.js';
import { packageRoot } from './package-root.js';
import { LaunchArgsError, parseLaunchArgs, type LaunchArgs } from '../core/shell/launch-args.js';
import { NO_ELECTRON_NOTE, serveArgsFor } from './start-args.js';

async function start(argv: string[]): Promise<number> {
  let args: LaunchArgs;
  try {
    args = parseLaunchArgs(argv);
  } catch (error) {
    if (!(error instanceof LaunchArgsError)) throw error;
    process.stderr.write(`agent-desk: ${error.message}\n`);
    return 2;
  }
  const binary = findElectronBinary();
  if (binary.found) {
    const child = spawn(binary.executablePath, [packageRoot(), ...argv], { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    return new Promise((resolve) => {
      child.on('error', (error) => {
        process.stderr.write(`agent-desk: could not start Electron (${error.message})\n`);
        resolve(1);
      });
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  }
  process.stderr.write(`${NO_ELECTRON_NOTE(binary.reason)}\n\n`);
  const serve = serveArgsFor(args);
  for (const note of serve.notes) process.stderr.write(`agent-desk: ${note}\n`);
  return runCli(['serve', ...serve.argv]);
}

start(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agent-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
