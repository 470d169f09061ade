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

/** Classifies a request's Host header for one gateway (its port, its agents). */
export type HostRouter = (host: string | undefined) => HostRoute;

/**
 * Host header → desk, a known agent, a widget label, or refused (DNS
 * rebinding, unknown labels). Each gateway owns one router, which keeps the
 * last Host header classified: a browser sends the same host on every
 * request of a page, so the shape checks (regexes) run once per host change,
 * not per request. Only pure facts of the string are kept; the agent is
 * looked up every time (it may have gone).
 */
export function createHostRouter(port: number, agents: AgentSource): HostRouter {
  let lastHost: string | undefined;
  let lastLabel: string | undefined;
  let lastKind: ReturnType<typeof labelKind>;
  /** The last agent route handed out, reused while the same agent object answers for the label. */
  let lastAgentRoute: Extract<HostRoute, { kind: 'agent' }> | undefined;

  return (host) => {
    if (host !== lastHost || host === undefined) {
      const label = hostLabel(host, port);
      lastKind = label === undefined ? undefined : labelKind(label);
      lastLabel = label;
      lastHost = host;
    }
    const label = lastLabel;
    if (label === undefined) return REFUSED_SHAPE;
    switch (lastKind) {
      case 'desk':
        return DESK_ROUTE;
      case 'storage-probe':
        return STORAGE_PROBE_ROUTE;
      case 'agent': {
        const agent = agents.byLabel(label);
        if (agent === undefined) return REFUSED_UNKNOWN;
        if (lastAgentRoute?.agent !== agent || lastAgentRoute.label !== label) lastAgentRoute = { kind: 'agent', label, agent };
        return lastAgentRoute;
      }
      case 'widget':
        return { kind: 'widget', label };
      default:
        return REFUSED_UNKNOWN;
    }
  };
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
