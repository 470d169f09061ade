import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

type Stream = ServerResponse | Duplex;

const ENTRY = Symbol('inflight');
type TrackedStream = Stream & { [ENTRY]?: Entry };

/** One open stream in its agent's list (doubly linked: unlinking is O(1) and hashes nothing). */
class Entry {
  prev: Entry | undefined = undefined;
  next: Entry | undefined = undefined;
  constructor(
    readonly stream: Stream,
    readonly list: AgentStreams,
    readonly upgraded: boolean,
  ) {}
}

class AgentStreams {
  head: Entry | undefined = undefined;
  constructor(readonly owner: InflightStreams) {}

  push(entry: Entry): void {
    entry.next = this.head;
    if (this.head !== undefined) this.head.prev = entry;
    this.head = entry;
  }

  unlink(entry: Entry): void {
    if (entry.prev !== undefined) entry.prev.next = entry.next;
    else if (this.head === entry) this.head = entry.next;
    if (entry.next !== undefined) entry.next.prev = entry.prev;
    entry.prev = undefined;
    entry.next = undefined;
  }
}

/** One listener for every tracked stream (no closure per request): the stream carries its entry. */
function onTrackedClose(this: TrackedStream): void {
  const entry = this[ENTRY];
  if (entry === undefined) return;
  this[ENTRY] = undefined;
  entry.list.unlink(entry);
  if (entry.upgraded) entry.list.owner.forgetUpgraded(entry.stream as Duplex);
}

/**
 * Proxied responses and upgraded WebSocket sockets still open, per agent, so
 * revoking an agent (removal, token change) can end them, and close() can
 * end upgraded sockets (which the HTTP server no longer tracks).
 *
 * Runs for every proxied request, so a response is linked into a list
 * rather than put in a Set: hashing `ServerResponse` objects measured about
 * 15 µs per request in the gateway (bench/README.md), a list costs nothing.
 */
export class InflightStreams {
  readonly #byAgent = new Map<string, AgentStreams>();
  readonly #upgraded = new Set<Duplex>();

  add(agentId: string, stream: Stream, upgraded: boolean): void {
    let list = this.#byAgent.get(agentId);
    if (list === undefined) this.#byAgent.set(agentId, (list = new AgentStreams(this)));
    const entry = new Entry(stream, list, upgraded);
    list.push(entry);
    (stream as TrackedStream)[ENTRY] = entry;
    if (upgraded) this.#upgraded.add(stream as Duplex);
    // `on`, not `once`: 'close' comes once, and `once` wraps the listener per call.
    stream.on('close', onTrackedClose);
  }

  /** @internal called when an upgraded socket closes. */
  forgetUpgraded(socket: Duplex): void {
    this.#upgraded.delete(socket);
  }

  /** Whether a proxied response or WebSocket of the agent is still open. */
  hasOpen(agentId: string): boolean {
    return this.#byAgent.get(agentId)?.head !== undefined;
  }

  /** Destroys the agent's open streams; returns how many. */
  endAgent(agentId: string): number {
    const list = this.#byAgent.get(agentId);
    if (list === undefined) return 0;
    this.#byAgent.delete(agentId);
    const streams: Stream[] = [];
    for (let entry = list.head; entry !== undefined; entry = entry.next) streams.push(entry.stream);
    for (const stream of streams) stream.destroy();
    return streams.length;
  }

  /** Destroys every upgraded socket (HTTP connections are the servers' to close). */
  endUpgraded(): void {
    for (const socket of this.#upgraded) socket.destroy();
    this.#upgraded.clear();
    this.#byAgent.clear();
  }
}
