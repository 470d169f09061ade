import type { AgentEndpoint, Workspace } from './workspace-types.js';

function sameEndpoint(a: AgentEndpoint | undefined, b: AgentEndpoint | undefined): boolean {
  if (!a || !b) return a === b;
  return a.port === b.port && a.basePath === b.basePath && a.token.equals(b.token);
}

/** True when nothing a consumer can see differs (tokens compared with Secret.equals). */
export function sameVisibleWorkspace(a: Workspace, b: Workspace): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.root === b.root &&
    a.state === b.state &&
    a.reason === b.reason &&
    sameEndpoint(a.endpoint, b.endpoint)
  );
}

/** List order: by name, then by path (two roots may hold the same name). */
export function compareWorkspaces(a: Workspace, b: Workspace): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return 0;
}
