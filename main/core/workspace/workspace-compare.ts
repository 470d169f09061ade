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
