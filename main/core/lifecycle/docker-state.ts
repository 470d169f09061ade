import { resolve } from 'node:path';
import { isDockerRuntime } from '../../../common/lifecycle-offer.js';
import type { ContainerState, RuntimeKind } from './runtime-types.js';

export const CONTAIN_LABEL = 'org.term-llm.contain';
export const NAME_LABEL = 'org.term-llm.contain.name';
export const CONFIG_DIR_LABEL = 'org.term-llm.contain.config_dir';

/** One term-llm container as `docker ps -a --format '{{json .}}'` describes it. */
export interface ContainerInfo {
  id: string;
  /** `running`, `exited`, `created`, `paused`, `restarting`, `dead`, … */
  state: string;
  status: string;
  labels: Record<string, string>;
  /** Host ports published on any interface. */
  publishedPorts: number[];
}

/** Docker's view: the containers it knows, or why we cannot ask it. */
export type DockerView = { known: true; containers: ContainerInfo[] } | { known: false; reason: string };

/**
 * `Labels` is one string, `k=v` pairs joined by commas. A value may itself
 * hold a comma (a path), so a piece without `=` continues the previous value.
 */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let last: string | undefined;
  for (const piece of text.split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) {
      last = piece.slice(0, eq);
      labels[last] = piece.slice(eq + 1);
    } else if (last !== undefined) {
      labels[last] += `,${piece}`;
    }
  }
  return labels;
}

/** Host ports of `0.0.0.0:8081->8081/tcp, [::]:8081->8081/tcp, 127.0.0.1:9000-9001->80-81/tcp`. */
export function parsePublishedPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const part of text.split(',')) {
    const match = /:(\d+)(?:-(\d+))?->/.exec(part.trim());
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let port = first; port <= last && port - first < 1024; port += 1) if (port > 0 && port < 65536) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One line of `docker ps --format '{{json .}}'`; undefined for anything else. */
export function parsePsLine(line: string): ContainerInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const row = value as Record<string, unknown>;
  const id = text(row.ID);
  if (id === '') return undefined;
  return {
    id,
    state: text(row.State).toLowerCase(),
    status: text(row.Status),
    labels: parseLabels(text(row.Labels)),
    publishedPorts: parsePublishedPorts(text(row.Ports)),
  };
}

export function parsePsOutput(output: string): ContainerInfo[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parsePsLine)
    .filter((row): row is ContainerInfo => row !== undefined && row.labels[CONTAIN_LABEL] === 'true');
}

/**
 * The container of a workspace: the one whose `config_dir` label is the
 * workspace folder; a container without that label matches by name. A
 * running one wins over stale stopped ones.
 */
export function containerFor(containers: ContainerInfo[], ws: { name: string; dir: string }): ContainerInfo | undefined {
  const dir = resolve(ws.dir);
  const matches = containers.filter((container) => {
    const configDir = container.labels[CONFIG_DIR_LABEL];
    if (configDir !== undefined && configDir !== '') return resolve(configDir) === dir;
    return container.labels[NAME_LABEL] === ws.name;
  });
  return matches.find((container) => container.state === 'running') ?? matches[0];
}

export function containerState(view: DockerView, container: ContainerInfo | undefined): ContainerState {
  if (!view.known) return 'unknown';
  if (!container) return 'missing';
  return container.state === 'running' ? 'running' : 'stopped';
}

/** Whether Docker says this container is running and publishes `port` on the host. */
export function publishesPort(view: DockerView, container: ContainerInfo | undefined, port: number): boolean {
  return view.known && container?.state === 'running' && container.publishedPorts.includes(port);
}

/**
 * Whether the agent's token must be held back, and why (docs/security.md,
 * "No token to a squatter"). Only where Docker knows the agent's container:
 * not running, or not publishing `WEB_PORT`, means whatever answers on that
 * port is not this agent. A term-llm or compose workspace without a
 * container has no agent running at all. Docker unknown: no opinion.
 */
export function tokenHold(view: DockerView, container: ContainerInfo | undefined, kind: RuntimeKind, webPort: number): string | undefined {
  if (!view.known) return undefined;
  if (!container) {
    return isDockerRuntime(kind) ? 'Docker has no container for this workspace: the agent is not running' : undefined;
  }
  if (container.state !== 'running') return `its container is ${container.state || 'not running'} (Docker)`;
  if (!container.publishedPorts.includes(webPort)) {
    const published = container.publishedPorts.length ? container.publishedPorts.join(', ') : 'no port';
    return `its container publishes ${published}, not WEB_PORT ${webPort}: the token is not sent to that port`;
  }
  return undefined;
}
