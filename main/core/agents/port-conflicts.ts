import type { Workspace } from '../workspace/workspace-types.js';

/**
 * Which workspaces claim the same WEB_PORT, kept current as they change. Two
 * workspaces on one port (easy with the 8081 default) would each send their
 * own token to whichever agent listens there: one agent's token delivered to
 * another. Such workspaces are held back until each has its own port.
 */
export class PortIndex {
  readonly #byPort = new Map<number, Set<string>>();
  readonly #portOf = new Map<string, number>();

  /** Sets or clears a workspace's port; returns every id whose conflict state may have changed. */
  set(id: string, port: number | undefined): Set<string> {
    const affected = new Set<string>([id]);
    const old = this.#portOf.get(id);
    if (old !== undefined) {
      const sharers = this.#byPort.get(old)!;
      sharers.delete(id);
      for (const other of sharers) affected.add(other);
      if (sharers.size === 0) this.#byPort.delete(old);
      this.#portOf.delete(id);
    }
    if (port !== undefined) {
      let sharers = this.#byPort.get(port);
      if (!sharers) this.#byPort.set(port, (sharers = new Set()));
      for (const other of sharers) affected.add(other);
      sharers.add(id);
      this.#portOf.set(id, port);
    }
    return affected;
  }

  /** The other workspaces on this one's port. */
  sharers(id: string): string[] {
    const port = this.#portOf.get(id);
    if (port === undefined) return [];
    return [...(this.#byPort.get(port) ?? [])].filter((other) => other !== id);
  }
}

/** The workspace as the desk may use it: invalid, without its endpoint, while its port is shared. */
export function withPortConflict(workspace: Workspace, sharerNames: string[]): Workspace {
  if (!workspace.endpoint || sharerNames.length === 0) return workspace;
  const { endpoint, ...rest } = workspace;
  return {
    ...rest,
    state: 'invalid',
    reason: `WEB_PORT ${endpoint.port} is also set for ${sharerNames.sort().join(', ')}; give each agent its own port (until then Agent Desk sends neither token there)`,
  };
}
