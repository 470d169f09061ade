import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAY_PORT } from '../core/settings/settings-schema.js';

export const DEFAULT_PORT = DEFAULT_GATEWAY_PORT;

export interface ServeArgs {
  /** Undefined: the port from the settings (default 47800). */
  port: number | undefined;
  roots: string[];
  json: boolean;
  open: boolean;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const SERVE_USAGE = `Usage: agent-desk serve [options]

Runs Agent Desk headless: discovers agent workspaces, serves the gateway on
loopback and the desk UI at http://desk.localhost:PORT (log in through the
link it prints).

Options:
  --port N       gateway port on 127.0.0.1 and ::1 (default: the settings'
                 port, ${DEFAULT_PORT} unless changed)
  --root DIR     also look for workspaces in DIR (repeatable)
  --json         print the agent directory as JSON lines on every change
  --open         open the desk login link in the default browser
  -h, --help     show this help

Workspaces are looked for in $XDG_CONFIG_HOME/term-llm/containers
(else ~/.config/term-llm/containers), in the roots from settings, and in
every --root.`;

/** Parses a port strictly: decimal digits only, 1–65535. */
export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new UsageError(`--port must be a number from 1 to 65535, got "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, got "${text}"`);
  return port;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        root: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  const { values } = parsed;
  const roots = (values.root ?? []).map((root) => {
    if (root.trim() === '') throw new UsageError('--root needs a directory');
    return root;
  });
  return {
    port: values.port === undefined ? undefined : parsePort(values.port),
    roots,
    json: values.json ?? false,
    open: values.open ?? false,
    help: values.help ?? false,
  };
}
