import type { RootStatus, WorkspaceState } from '../../../preload/contract.js';
import type { Secret } from '../secret.js';

/** The three `.env` keys Agent Desk reads; nothing else is kept. */
export interface AgentEndpoint {
  port: number;
  /** Always starts with `/`, never ends with `/` (may be empty for root). */
  basePath: string;
  token: Secret;
}

/** One direct subdirectory of a root that holds a `.env`. */
export interface Workspace {
  /** Stable id, equal to `label`. */
  id: string;
  name: string;
  root: string;
  /** Absolute path of the workspace directory. */
  path: string;
  label: string;
  state: WorkspaceState;
  reason?: string;
  /** Present only when state is `ready`. */
  endpoint?: AgentEndpoint;
}

export type WorkspaceChange =
  | { kind: 'added'; workspace: Workspace }
  | { kind: 'updated'; workspace: Workspace; previous: Workspace }
  | { kind: 'removed'; workspace: Workspace };

export interface RootSpec {
  path: string;
  source: RootStatus['source'];
}
