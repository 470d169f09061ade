import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';
import { describeDuration, httpGet } from '../health/http-get.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';

/**
 * The one seam through which attention talks to agents, so the transport can
 * change in one place (the gateway's shared upstream, once it exists). This
 * is where the bearer is added; nothing returned carries it.
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

function headersFor(endpoint: AgentEndpoint, extra: Record<string, string> = {}): Record<string, string> {
  return { accept: 'application/json', 'user-agent': 'agent-desk-attention', authorization: `Bearer ${endpoint.token.reveal()}`, ...extra };
}

/** Loopback HTTP to agents: GETs through the health client, answers (POST) through undici. */
export function createAgentHttp(options: AgentHttpOptions = {}): AgentHttp {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxBytes = options.maxBytes ?? ATTENTION_MAX_BYTES;
  const dispatcher = new Agent({
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    maxResponseSize: maxBytes,
    keepAliveTimeout: 1_000,
  });
  return {
    async get(endpoint, route, opts = {}) {
      const extra: Record<string, string> = opts.etag ? { 'if-none-match': opts.etag } : {};
      const answer = await httpGet(endpoint.port, `${endpoint.basePath}${route}`, {
        timeoutMs,
        maxBytes,
        signal: opts.signal,
        headers: headersFor(endpoint, extra),
      });
      return answer.ok ? answer : { ok: false, error: answer.error, aborted: answer.kind === 'aborted' };
    },
    async post(endpoint, route, body) {
      try {
        const res = await request(`http://127.0.0.1:${endpoint.port}${endpoint.basePath}${route}`, {
          method: 'POST',
          headers: headersFor(endpoint, { 'content-type': 'application/json' }),
          body: JSON.stringify(body),
          dispatcher,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const data = Buffer.from(await res.body.arrayBuffer());
        return { ok: true, status: res.statusCode, headers: res.headers as IncomingHttpHeaders, body: data };
      } catch (error) {
        // Only the error's name is read: undici's messages may quote a URL or header.
        const name = error instanceof Error ? error.name : '';
        const why = /Timeout|Abort/.test(name) ? `no answer within ${describeDuration(timeoutMs)}` : name === 'ResponseExceededMaxSizeError' ? 'the answer was too large' : 'could not reach the agent';
        return { ok: false, error: why, aborted: false };
      }
    },
    close: () => dispatcher.close(),
  };
}
