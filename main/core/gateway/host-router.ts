import type { AgentSource, RoutableAgent } from '../agents/agent-source.js';
import { DESK_LABEL, isAgentLabel, isWidgetLabel, STORAGE_PROBE_LABEL } from '../labels.js';

/** Where a request's Host header sends it. */
export type HostRoute =
  | { kind: 'desk'; label: typeof DESK_LABEL }
  /** The framed-storage probe page (storage-probe.ts). */
  | { kind: 'storage-probe'; label: typeof STORAGE_PROBE_LABEL }
  | { kind: 'agent'; label: string; agent: RoutableAgent }
  /** A well-formed widget label; the widget host router (next issue) decides. */
  | { kind: 'widget'; label: string }
  | { kind: 'refused'; reason: string };

const DESK_ROUTE: HostRoute = { kind: 'desk', label: DESK_LABEL };
const STORAGE_PROBE_ROUTE: HostRoute = { kind: 'storage-probe', label: STORAGE_PROBE_LABEL };
const REFUSED_SHAPE: HostRoute = { kind: 'refused', reason: 'not a <label>.localhost:<port> host of this gateway' };
const REFUSED_UNKNOWN: HostRoute = { kind: 'refused', reason: 'unknown agent' };

/** `.localhost:<port>` of the last port asked about (one gateway → one port: no per-request string building). */
let cachedPort = -1;
let cachedSuffix = '';

function suffixFor(port: number): string {
  if (port !== cachedPort) {
    cachedSuffix = `.localhost:${port}`;
    cachedPort = port;
  }
  return cachedSuffix;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Returns the single label of `<label>.localhost:<port>` when the host names
 * this gateway's port exactly, else undefined. Only the one host shape the
 * gateway mints is accepted: no trailing dot, no missing or padded port, no
 * userinfo, no nested labels (two labels under one parent would be one site),
 * lower case only (browsers send lower case).
 */
export function hostLabel(host: string | undefined, port: number): string | undefined {
  if (host === undefined) return undefined;
  const suffix = suffixFor(port);
  if (host.length <= suffix.length || !host.endsWith(suffix)) return undefined;
  const label = host.slice(0, host.length - suffix.length);
  return LABEL.test(label) ? label : undefined;
}

/** Host header → desk, a known agent, a widget label, or refused (DNS rebinding, unknown labels). */
export function routeHost(host: string | undefined, port: number, agents: AgentSource): HostRoute {
  const label = hostLabel(host, port);
  if (label === undefined) return REFUSED_SHAPE;
  if (label === DESK_LABEL) return DESK_ROUTE;
  if (label === STORAGE_PROBE_LABEL) return STORAGE_PROBE_ROUTE;
  if (isAgentLabel(label)) {
    const agent = agents.byLabel(label);
    return agent ? { kind: 'agent', label, agent } : REFUSED_UNKNOWN;
  }
  if (isWidgetLabel(label)) return { kind: 'widget', label };
  return REFUSED_UNKNOWN;
}

/**
 * True when the raw header list holds more than one Host line. Node keeps the
 * first and drops the rest silently, which would let two parsers disagree.
 */
export function hasDuplicateHost(rawHeaders: string[]): boolean {
  let seen = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') {
      if (seen) return true;
      seen = true;
    }
  }
  return false;
}

export function originOf(label: string, port: number): string {
  return `http://${label}.localhost:${port}`;
}

/** `<label>.localhost:PORT`: the Host header of a widget host (and of any label). */
export function widgetHostOf(label: string, port: number): string {
  return `${label}.localhost:${port}`;
}
