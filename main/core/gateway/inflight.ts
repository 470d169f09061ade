import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

type Stream = ServerResponse | Duplex;

/**
 * Proxied responses and upgraded WebSocket sockets still open, per agent, so
 * revoking an agent (removal, token change) can end them, and close() can
 * end upgraded sockets (which the HTTP server no longer tracks).
 */
export class InflightStreams {
  readonly #byAgent = new Map<string, Set<Stream>>();
  readonly #upgraded = new Set<Duplex>();

  add(agentId: string, stream: Stream, upgraded: boolean): void {
    let set = this.#byAgent.get(agentId);
    if (set === undefined) this.#byAgent.set(agentId, (set = new Set()));
    set.add(stream);
    if (upgraded) this.#upgraded.add(stream as Duplex);
    // `on`, not `once`: 'close' comes once, and this runs for every proxied request.
    stream.on('close', () => {
      set.delete(stream);
      if (upgraded) this.#upgraded.delete(stream as Duplex);
    });
  }

  /** Destroys the agent's open streams; returns how many. */
  endAgent(agentId: string): number {
    const set = this.#byAgent.get(agentId);
    if (set === undefined) return 0;
    this.#byAgent.delete(agentId);
    for (const stream of set) stream.destroy();
    return set.size;
  }

  /** Destroys every upgraded socket (HTTP connections are the servers' to close). */
  endUpgraded(): void {
    for (const socket of this.#upgraded) socket.destroy();
    this.#upgraded.clear();
    this.#byAgent.clear();
  }
}
