import type { AgentEndpoint } from '../workspace/workspace-types.js';

/** Agents listen on loopback IPv4; an IP literal also skips any name lookup. */
export const UPSTREAM_HOST = '127.0.0.1';

/**
 * Where one agent endpoint is reached and how we authenticate to it, fixed
 * when the endpoint object is (a token or port change makes a new endpoint,
 * hence a new target). Built once per endpoint so a request allocates none
 * of it.
 */
export interface AgentTarget {
  /** `http://127.0.0.1:PORT`: the key of its connection pool (an origin, so a remote agent could slot in). */
  readonly origin: string;
  readonly port: number;
  /** `127.0.0.1:PORT`: the Host the agent sees. */
  readonly hostHeader: string;
  /** `Bearer <token>`: sent as `Authorization` on every request, replacing whatever the client sent. */
  readonly authorization: string;
}

/**
 * The one place the agent's bearer goes into a header value. Every path to
 * an agent (proxied HTTP, WebSocket upgrades, health probes, `requestAgent`)
 * takes its `Authorization` from here.
 */
export function agentTarget(endpoint: AgentEndpoint): AgentTarget {
  const hostHeader = `${UPSTREAM_HOST}:${endpoint.port}`;
  return { origin: `http://${hostHeader}`, port: endpoint.port, hostHeader, authorization: `Bearer ${endpoint.token.reveal()}` };
}
