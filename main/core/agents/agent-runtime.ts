import type { AgentRuntime } from '../../../preload/contract.js';
import type { Workspace } from '../workspace/workspace-types.js';

export type { AgentRuntime };

/** What the registry needs of lifecycle for one agent. */
export interface AgentRuntimeView {
  runtime: AgentRuntime;
  /** Set while the token must not be sent (Docker says the agent's container is not what answers on WEB_PORT). */
  hold?: string;
  /** A command is running, or its effect is not confirmed yet. */
  transition?: 'starting' | 'stopping';
}

/** What the registry needs of lifecycle (LifecycleManager fits). */
export interface RuntimeFeed {
  /** Computed from the workspace the caller holds (its port), never from a stale copy. */
  runtimeOf(workspace: Workspace): AgentRuntimeView;
  /**
   * Whether this workspace's own container is running and publishes `port`
   * (Docker says so). Decides who keeps a port two workspaces claim.
   */
  publishes?(workspace: Workspace, port: number): boolean;
  /** An agent's runtime view may have changed. */
  onChange(listener: (id: string) => void): () => void;
}
