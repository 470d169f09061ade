import type { AgentSource, RoutableAgent } from '../agents/agent-source.js';
import { DESK_LABEL, hostLabel, labelKind, STORAGE_PROBE_LABEL } from '../hosts/index.js';

export { hostLabel, originOf } from '../hosts/index.js';

/** Where a request's Host header sends it. */
export type HostRoute =
  | { kind: 'desk'; label: typeof DESK_LABEL }
  /** The framed-storage probe page (storage-probe.ts). */
  | { kind: 'storage-probe'; label: typeof STORAGE_PROBE_LABEL }
  | { kind: 'agent'; label: string; agent: RoutableAgent }
  /** A well-formed widget label; the widget host handler (widgets/widget-host-handler.ts) decides whether it is known. */
  | { kind: 'widget'; label: string }
  | { kind: 'refused'; reason: string };

const DESK_ROUTE: HostRoute = { kind: 'desk', label: DESK_LABEL };
const STORAGE_PROBE_ROUTE: HostRoute = { kind: 'storage-probe', label: STORAGE_PROBE_LABEL };
const REFUSED_SHAPE: HostRoute = { kind: 'refused', reason: 'not a <label>.localhost:<port> host of this gateway' };
const REFUSED_UNKNOWN: HostRoute = { kind: 'refused', reason: 'unknown agent' };

/** Host header → desk, a known agent, a widget label, or refused (DNS rebinding, unknown labels). */
export function routeHost(host: string | undefined, port: number, agents: AgentSource): HostRoute {
  const label = hostLabel(host, port);
  if (label === undefined) return REFUSED_SHAPE;
  switch (labelKind(label)) {
    case 'desk':
      return DESK_ROUTE;
    case 'storage-probe':
      return STORAGE_PROBE_ROUTE;
    case 'agent': {
      const agent = agents.byLabel(label);
      return agent ? { kind: 'agent', label, agent } : REFUSED_UNKNOWN;
    }
    case 'widget':
      return { kind: 'widget', label };
    default:
      return REFUSED_UNKNOWN;
  }
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
