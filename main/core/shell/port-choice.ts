import { request } from 'node:http';
import { createServer } from 'node:net';
import { DESK_LABEL, originOf } from '../hosts/index.js';

/**
 * What holds a port the desk wanted: another Agent Desk (its gateway answers
 * an unknown Host with a 421 naming itself), or something else.
 */
export type PortHolder = 'agent-desk' | 'other';

/** Marker the gateway's 421 answer carries (main/core/gateway/error-pages.ts `sendMisdirected`). */
export const GATEWAY_MARKER = 'this is the Agent Desk gateway';

export function classifyPortAnswer(status: number | undefined, body: string): PortHolder {
  return status === 421 && body.includes(GATEWAY_MARKER) ? 'agent-desk' : 'other';
}

/**
 * Asks whoever listens on 127.0.0.1:port who it is, with a Host no gateway
 * routes. Anything that is not our gateway's answer within the time — another
 * server, a non-HTTP service, silence — is "other".
 */
export function probePortHolder(port: number, timeoutMs = 1500): Promise<PortHolder> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (holder: PortHolder): void => {
      if (settled) return;
      settled = true;
      resolve(holder);
    };
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', headers: { host: 'port-probe.invalid' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      res.on('end', () => done(classifyPortAnswer(res.statusCode, body)));
      res.on('error', () => done('other'));
    });
    req.on('timeout', () => {
      req.destroy();
      done('other');
    });
    req.on('error', () => done('other'));
    req.end();
  });
}

/** Can this process listen on 127.0.0.1:port right now? */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port after `taken` (up to `tries` of them), or undefined. */
export async function nextFreePort(taken: number, isFree: (port: number) => Promise<boolean> = isPortFree, tries = 50): Promise<number | undefined> {
  for (let port = taken + 1; port <= Math.min(65535, taken + tries); port += 1) {
    if (await isFree(port)) return port;
  }
  return undefined;
}

export type PortChoiceAction = 'use-next' | 'open-other-desk' | 'quit';

export interface PortTakenQuestion {
  title: string;
  message: string;
  detail: string;
  /** Button labels, in order, and what each does; the last is the cancel button. */
  buttons: Array<{ label: string; action: PortChoiceAction; port?: number }>;
}

export interface PortTakenInput {
  port: number;
  holder: PortHolder;
  /** Where the port came from: the settings (saved again when changed) or `--port` (this run only). */
  source: 'settings' | 'flag';
  nextFree: number | undefined;
}

/**
 * What the app says and offers when its port is taken. Another Agent Desk
 * (usually `agent-desk serve` in a terminal) can be opened in the browser
 * instead; anything else is explained. Either way the next free port is
 * offered, with the cost: agents' browser storage belongs to the port.
 */
export function decidePortTaken(input: PortTakenInput): PortTakenQuestion {
  const { port, holder, nextFree } = input;
  const buttons: PortTakenQuestion['buttons'] = [];
  if (holder === 'agent-desk') buttons.push({ label: 'Open that desk in the browser', action: 'open-other-desk' });
  if (nextFree !== undefined) buttons.push({ label: `Use port ${nextFree}`, action: 'use-next', port: nextFree });
  buttons.push({ label: 'Quit', action: 'quit' });
  const message =
    holder === 'agent-desk'
      ? `Agent Desk is already running on port ${port}`
      : `Port ${port} is used by another program`;
  const lines: string[] = [];
  if (holder === 'agent-desk') {
    lines.push(
      `Another Agent Desk answers on port ${port} — most likely \`agent-desk serve\` in a terminal, or a second copy of the app. Its desk is at ${originOf(DESK_LABEL, port)}/ (log in with the link it printed).`,
    );
  } else {
    lines.push(`Agent Desk serves its gateway on 127.0.0.1:${port}, and another program listens there already.`);
  }
  if (nextFree !== undefined) {
    lines.push(
      input.source === 'settings'
        ? `Port ${nextFree} is free. Choosing it saves it in the settings, so the app uses it from now on.`
        : `Port ${nextFree} is free; it is used for this run only (you chose ${port} with --port).`,
    );
    lines.push('Agents keep their browser storage (logins, drafts) per port: on a new port they start without it.');
  } else {
    lines.push(`No free port was found after ${port}; free one, or start with --port.`);
  }
  return { title: 'Agent Desk', message, detail: lines.join('\n\n'), buttons };
}
