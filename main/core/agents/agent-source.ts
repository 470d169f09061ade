import type { AgentRecord } from '../../../preload/contract.js';
import type { ReportedWidget } from '../health/health-types.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';

/** What the gateway needs to know of one agent to route and proxy to it. */
export interface RoutableAgent {
  record: AgentRecord;
  /** Absent when the workspace is not ready (no token, invalid). */
  endpoint?: AgentEndpoint;
  /** Widgets as last reported by health (mount names already validated). */
  widgets: ReportedWidget[];
  /**
   * Why the token must not be sent now (Docker says the agent's container is
   * not running, or does not publish WEB_PORT): whatever answers on the port
   * is not this agent. Absent when it may be sent.
   */
  hold?: string;
}

/** The endpoint the token may be sent to now: none while the agent is held. Every upstream request goes through this. */
export function sendableEndpoint(agent: Pick<RoutableAgent, 'endpoint' | 'hold'>): AgentEndpoint | undefined {
  return agent.hold === undefined ? agent.endpoint : undefined;
}

export type AgentSourceChange =
  | { kind: 'added'; id: string }
  | { kind: 'updated'; id: string; tokenChanged: boolean; endpointChanged: boolean }
  | { kind: 'removed'; id: string };

/**
 * The registry as the gateway and control API see it. Lookups are by label
 * and must be O(1): they run on every proxied request.
 */
export interface AgentSource {
  byLabel(label: string): RoutableAgent | undefined;
  byId(id: string): RoutableAgent | undefined;
  list(): AgentRecord[];
  onChange(listener: (change: AgentSourceChange) => void): () => void;
  /**
   * A record's health took a new latency and probe time, nothing else: no
   * routing or attention consequence, only what the desk shows as fresh.
   */
  onFreshness?(listener: (id: string) => void): () => void;
  /** Ask health to re-probe now (after a proxied 401, or on user request). */
  requestProbe?(id: string): void;
}
