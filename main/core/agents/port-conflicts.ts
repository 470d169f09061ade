import type { Workspace } from '../workspace/workspace-types.js';

/**
 * Which workspaces claim the same WEB_PORT, kept current as they change. Two
 * workspaces on one port (easy with the 8081 default) would each send their
 * own token to whichever agent listens there: one agent's token delivered to
 * another. The workspace whose running container publishes the port keeps
 * it (Docker knows what answers there); otherwise the one that claimed it
 * first (a running agent is not taken down by a newcomer). The others are
 * held back, named after the holder, until each has its own port.
 */
export class PortIndex {
  /** Per port, its workspaces in the order they claimed it (a Set keeps insertion order). */
  readonly #byPort = new Map<number, Set<string>>();
  readonly #portOf = new Map<string, number>();

  /** Sets or clears a workspace's port; returns every id whose conflict state may have changed. */
  set(id: string, port: number | undefined): Set<string> {
    const affected = new Set<string>([id]);
    const old = this.#portOf.get(id);
    if (old === port) return affected; // same claim: keeps its place in line
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

  /**
   * Who keeps this workspace's port: the one that claimed it first, unless
   * `prefers` names a claimant that must win (e.g. the owner of the
   * container that publishes the port). Undefined when the port is not shared.
   */
  holder(id: string, prefers?: (candidate: string) => boolean): string | undefined {
    const port = this.#portOf.get(id);
    const claimants = port === undefined ? [] : [...(this.#byPort.get(port) ?? [])];
    if (claimants.length < 2) return undefined;
    return (prefers && claimants.find(prefers)) ?? claimants[0];
  }
}

/**
 * The workspace as the desk may use it. The port's holder keeps working;
 * any other claimant is invalid, without its endpoint, with a reason naming
 * the holder.
 */
export function withPortConflict(workspace: Workspace, holderName: string | undefined, isHolder: boolean, why: 'first' | 'container' = 'first'): Workspace {
  if (!workspace.endpoint || holderName === undefined || isHolder) return workspace;
  const { endpoint, ...rest } = workspace;
  const because = why === 'container' ? 'whose running container publishes it' : 'which had it first';
  return {
    ...rest,
    state: 'invalid',
    reason: `WEB_PORT ${endpoint.port} is already used by ${holderName}, ${because}; give this agent its own port in its .env (until then Agent Desk sends this agent's token nowhere)`,
  };
}
