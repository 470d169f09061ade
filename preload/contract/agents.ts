/** The agents domain: what the desk knows of each discovered agent, and what the UI may ask of it. */
import type { AttentionCounts } from './attention.js';
import type { WidgetRecord } from './widgets.js';
import type { LifecycleVerb } from './lifecycle.js';

export type WorkspaceState = 'ready' | 'not-provisioned' | 'invalid';
export type HealthStatus = 'online' | 'offline' | 'unauthorized' | 'starting' | 'stopping' | 'unknown';

export interface AgentHealth {
  status: HealthStatus;
  /** Round trip of the last successful healthz probe, in milliseconds. */
  latencyMs: number | null;
  version: string | null;
  capabilities: string[];
  /** Epoch milliseconds of the last probe, or null before the first one. */
  checkedAt: number | null;
  /** Human-readable reason for offline/unauthorized; never contains a secret. */
  error?: string;
}

export interface AgentSessions {
  count: number;
  activeRuns: number;
}

export interface AgentRecord {
  /** Stable id; equal to the agent's host label. */
  id: string;
  name: string;
  /** The workspace root this agent was found under. */
  root: string;
  /** Host label: the agent is served on `<label>.localhost:PORT`. */
  label: string;
  state: WorkspaceState;
  /** Why the workspace is `invalid` or `not-provisioned`, in plain words. */
  reason?: string;
  health: AgentHealth;
  widgets: WidgetRecord[];
  sessions: AgentSessions;
  /** What waits for the user here (counts only; the items are in `attention:list`). */
  attention: AttentionCounts;
  /** Who starts this agent, and what Docker says of its container. */
  runtime: AgentRuntime;
}

export type RuntimeKind = 'term-llm' | 'compose' | 'custom' | 'none';

export interface AgentRuntime {
  kind: RuntimeKind;
  container: 'running' | 'stopped' | 'missing' | 'unknown';
  /** Docker's status or why Docker cannot be asked, and the last failed command, in plain words. */
  detail?: string;
  /** The command the desk runs for this agent now, if any: a UI that missed its progress events (its stream dropped) learns it here. */
  operation?: LifecycleVerb;
}

export interface AgentsInvoke {
  'agents:list': { request: void; response: AgentRecord[] };
  /** A one-time enter URL for the agent's web UI on its own origin (at `{base}/{sessionId}` when given). */
  'agents:open': { request: { id: string; sessionId?: string }; response: { url: string } };
}

export interface AgentsEvents {
  /** The whole list, after any change (coalesced: one per tick at most). */
  'agents:changed': { agents: AgentRecord[] };
}

/** Streams of the agents domain (see api.ts, `DeskStreamContract`). */
export interface AgentsStreams {
  /**
   * One agent's record: the current one at once, then each change. Ends
   * without an error when the agent goes away; an unknown id is `not-found`.
   */
  'agents:watch': { request: { id: string }; chunk: AgentRecord };
}
