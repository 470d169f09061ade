import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AgentRecord } from '../../preload/contract.js';
import { startDesk, type Desk } from '../core/desk.js';
import { DESK_LABEL, originOf } from '../core/hosts/index.js';
import { configDir } from '../core/settings/index.js';
import { agentSignature, describeAgent, describeDirectory, describeRoots, directoryKey } from './directory-report.js';
import { packageRoot, packageVersion } from './package-root.js';
import { parseServeArgs, SERVE_USAGE, UsageError, type ServeArgs } from './serve-args.js';

export interface ServeIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Opening a browser is a convenience; the link is printed either way.
  }
}

/** Human lines go to stdout, or to stderr with --json so stdout stays machine-readable. */
function reporters(args: ServeArgs, io: ServeIo) {
  const say = args.json ? io.stderr : io.stdout;
  const loginLink = (url: string): void => {
    if (args.json) io.stdout(JSON.stringify({ type: 'login', url }));
    else io.stdout(url);
  };
  return { say, loginLink };
}

function watchDirectory(desk: Desk, args: ServeArgs, io: ServeIo, say: (line: string) => void): () => void {
  const origin = (label: string) => desk.gateway.origin(label);
  const seen = new Map<string, string>(desk.registry.list().map((agent) => [agent.id, agentSignature(agent)]));
  let lastKey = '';
  return desk.service.subscribe((event) => {
    if (event.channel !== 'agents:changed') return;
    const agents: AgentRecord[] = event.payload.agents;
    const key = args.json ? directoryKey(agents) : '';
    // A probe that moved only the checked time or latency is no news in a log.
    if (args.json && key !== lastKey) io.stdout(JSON.stringify({ type: 'directory', agents }));
    lastKey = key;
    const current = new Set<string>();
    for (const agent of agents) {
      current.add(agent.id);
      const signature = agentSignature(agent);
      const before = seen.get(agent.id);
      if (before === signature) continue;
      seen.set(agent.id, signature);
      say(`${before === undefined ? '+' : '~'}${describeAgent(agent, origin).slice(1)}`);
    }
    for (const id of [...seen.keys()]) {
      if (current.has(id)) continue;
      seen.delete(id);
      say(`- agent ${id} removed`);
    }
  });
}

/** `agent-desk serve`: returns the exit code; never calls process.exit. */
export async function serve(argv: string[], io: ServeIo): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`agent-desk: ${error.message}`);
    io.stderr('Run `agent-desk serve --help` for the options.');
    return 2;
  }
  if (args.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  const { say, loginLink } = reporters(args, io);
  const root = packageRoot();
  let desk: Desk;
  try {
    desk = await startDesk({
      port: args.port,
      flagRoots: args.roots.map((dir) => path.resolve(dir)),
      configDir: configDir(),
      mode: 'browser',
      staticDir: path.join(root, 'dist', 'renderer'),
      version: packageVersion(root),
      log: (line) => io.stderr(`agent-desk: ${line}`),
    });
  } catch (error) {
    io.stderr(`agent-desk: ${(error as Error).message}`);
    return 1;
  }

  const info = desk.info();
  say(`Agent Desk ${info.version} — serving on ${originOf(DESK_LABEL, desk.gateway.port)} (loopback only)`);
  say('Looking for workspaces in:');
  for (const line of describeRoots(info.roots)) say(line);
  for (const line of describeDirectory(desk.registry.list(), (label) => desk.gateway.origin(label))) say(line);
  if (info.settingsWarning) io.stderr(`agent-desk: ${info.settingsWarning}`);
  if (args.json) io.stdout(JSON.stringify({ type: 'directory', agents: desk.registry.list() }));

  const stopWatching = watchDirectory(desk, args, io, say);
  const stopLoginWatch = desk.gateway.onDeskLogin((next) => {
    say('A browser logged in to the desk. Link for another browser (single use):');
    loginLink(next);
  });
  say('Open the desk with this single-use link:');
  loginLink(desk.gateway.deskLoginUrl());
  if (args.open) openInBrowser(desk.gateway.deskLoginUrl());

  const signal = await io.stopSignal;
  say(`Received ${signal}; stopping.`);
  stopLoginWatch();
  stopWatching();
  await desk.close();
  say('Stopped.');
  return 0;
}
