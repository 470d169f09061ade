import type { IncomingHttpHeaders } from 'node:http';
import { requestAgent, UpstreamClient } from '../upstream/index.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';

/**
 * The one seam through which attention talks to agents: requests go through
 * the upstream seam (core/upstream/, ADR 0014), which adds the bearer;
 * nothing returned carries it.
 */
export interface AgentHttp {
  get(endpoint: AgentEndpoint, route: string, opts?: { etag?: string; signal?: AbortSignal }): Promise<AgentAnswer>;
  post(endpoint: AgentEndpoint, route: string, body: unknown): Promise<AgentAnswer>;
  close(): Promise<void>;
}

export type AgentAnswer =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { ok: false; error: string; aborted: boolean };

export interface AgentHttpOptions {
  timeoutMs?: number;
  /** Largest answer read; a bigger one is an error, never buffered whole. */
  maxBytes?: number;
}

export const ATTENTION_MAX_BYTES = 512 * 1024;

const ACCEPT = { accept: 'application/json', 'user-agent': 'agent-desk-attention' };

/** Loopback HTTP to agents through its own upstream client (pooled sockets, closed by `close()`). */
export function createAgentHttp(options: AgentHttpOptions = {}): AgentHttp {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxBytes = options.maxBytes ?? ATTENTION_MAX_BYTES;
  const client = new UpstreamClient({ connectTimeoutMs: timeoutMs, headersTimeoutMs: timeoutMs });
  const settle = (answer: Awaited<ReturnType<typeof requestAgent>>): AgentAnswer =>
    answer.ok ? answer : { ok: false, error: answer.error, aborted: answer.kind === 'aborted' };
  return {
    async get(endpoint, route, opts = {}) {
      const headers = opts.etag ? { ...ACCEPT, 'if-none-match': opts.etag } : ACCEPT;
      return settle(await requestAgent(endpoint, { client, route, headers, timeoutMs, maxBytes, signal: opts.signal }));
    },
    async post(endpoint, route, body) {
      const headers = { ...ACCEPT, 'content-type': 'application/json' };
      return settle(await requestAgent(endpoint, { client, method: 'POST', route, headers, body: JSON.stringify(body), timeoutMs, maxBytes }));
    },
    close: () => client.close(),
  };
}
