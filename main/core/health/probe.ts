import { performance } from 'node:perf_hooks';
import type { AgentSessions } from '../../../preload/contract.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import type { ReportedWidget } from './health-types.js';
import { requestAgent, type AgentReply } from '../upstream/index.js';
import { parseHealthz, parseJsonBody, parseSessions, parseWidgets } from './parse.js';
import type { Parsed } from './parse.js';

export interface ProbeOptions {
  /** Total deadline per request (connect, headers and body). Default 3 s. */
  timeoutMs?: number;
  /** Largest body accepted. Default 1 MiB. */
  maxBytes?: number;
  /** Cancels the request; the result then has `cancelled: true`. */
  signal?: AbortSignal;
}

export type ProbeStatus = 'online' | 'unauthorized' | 'offline';

export interface HealthzResult {
  status: ProbeStatus;
  /** Round trip of the healthz request, when it was answered. */
  latencyMs: number | null;
  agent: string | null;
  version: string | null;
  capabilities: string[];
  error?: string;
  /** The probe was cancelled (monitor closing, endpoint changed): discard it. */
  cancelled?: boolean;
}

export type FetchResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; unauthorized: boolean; cancelled: boolean };

/** What a sessions fetch remembers to ask `If-None-Match` next time. */
export interface SessionsCache {
  etag: string;
  sessions: AgentSessions;
}

export interface SessionsFetch {
  sessions: AgentSessions;
  /** Absent when the agent sent no usable ETag. */
  cache?: SessionsCache;
  /** True when the agent answered 304 and the cached counts were kept. */
  notModified: boolean;
}

export const UNAUTHORIZED_ERROR = 'the agent refused our token (401): WEB_TOKEN may have changed';

/** A GET with the agent's bearer (added by requestAgent), a total deadline and a bounded body. */
function get(endpoint: AgentEndpoint, route: string, opts: ProbeOptions, extra?: Record<string, string>): Promise<AgentReply> {
  return requestAgent(endpoint, {
    route,
    timeoutMs: opts.timeoutMs,
    maxBytes: opts.maxBytes,
    signal: opts.signal,
    headers: { accept: 'application/json', 'user-agent': 'agent-desk-health', ...extra },
  });
}

function offline(error: string, cancelled = false, latencyMs: number | null = null): HealthzResult {
  return { status: 'offline', latencyMs, agent: null, version: null, capabilities: [], error, ...(cancelled ? { cancelled } : {}) };
}

function statusError(what: string, status: number): string {
  if ([301, 302, 303, 307, 308].includes(status)) return `${what} redirected (HTTP ${status}) instead of answering`;
  return `${what} answered HTTP ${status}`;
}

/**
 * `GET {base}/healthz` with the agent's bearer. Online needs a 200 with
 * `"status":"ok"`; a bare answer (no identity) is what healthz gives a wrong
 * bearer, so the token is then checked on an authenticated endpoint.
 * Never rejects.
 */
export async function probeHealthz(endpoint: AgentEndpoint, opts: ProbeOptions = {}): Promise<HealthzResult> {
  const started = performance.now();
  const answer = await get(endpoint, '/healthz', opts);
  if (!answer.ok) return offline(answer.error, answer.kind === 'aborted');
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  if (answer.status === 401) return { ...offline(UNAUTHORIZED_ERROR, false, latencyMs), status: 'unauthorized' };
  if (answer.status !== 200) return offline(statusError('healthz', answer.status), false, latencyMs);
  const json = parseJsonBody('healthz', answer.headers, answer.body);
  const identity = json.ok ? parseHealthz(json.value) : json;
  if (!identity.ok) return offline(identity.error, false, latencyMs);

  const { hasIdentity, ...fields } = identity.value;
  const online: HealthzResult = { status: 'online', latencyMs, ...fields };
  if (hasIdentity) return online;

  const check = await get(endpoint, '/v1/sessions/status', opts);
  if (!check.ok) return offline(check.error, check.kind === 'aborted', latencyMs);
  if (check.status === 401) return { ...offline(UNAUTHORIZED_ERROR, false, latencyMs), status: 'unauthorized' };
  return online;
}

async function fetchJson<T>(
  what: string,
  endpoint: AgentEndpoint,
  route: string,
  opts: ProbeOptions,
  parse: (value: unknown) => Parsed<T>,
): Promise<FetchResult<T>> {
  const answer = await get(endpoint, route, opts);
  if (!answer.ok) return { ok: false, error: `${what}: ${answer.error}`, unauthorized: false, cancelled: answer.kind === 'aborted' };
  if (answer.status === 401) return { ok: false, error: UNAUTHORIZED_ERROR, unauthorized: true, cancelled: false };
  if (answer.status !== 200) return { ok: false, error: statusError(what, answer.status), unauthorized: false, cancelled: false };
  const json = parseJsonBody(what, answer.headers, answer.body);
  const parsed = json.ok ? parse(json.value) : json;
  return parsed.ok ? parsed : { ok: false, error: parsed.error, unauthorized: false, cancelled: false };
}

/**
 * `GET {base}/admin/widgets/status` → the valid widgets (mounts checked
 * against `^[a-z0-9][a-z0-9-]{0,63}$`; invalid entries dropped). An agent
 * without widget support (404) has none.
 */
export async function fetchWidgets(endpoint: AgentEndpoint, opts: ProbeOptions = {}): Promise<FetchResult<ReportedWidget[]>> {
  const result = await fetchJson('widgets status', endpoint, '/admin/widgets/status', opts, parseWidgets);
  if (!result.ok && result.error === statusError('widgets status', 404)) return { ok: true, value: [] };
  return result;
}

/** An ETag we may send back: a quoted, printable, short header value. */
function usableEtag(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 200 && /^(W\/)?"[\x21\x23-\x7e]*"$/.test(value) ? value : undefined;
}

/**
 * `GET {base}/v1/sessions/status` → `{count, activeRuns}`. With `previous`
 * it sends `If-None-Match` and a 304 keeps the previous counts.
 */
export async function fetchSessions(
  endpoint: AgentEndpoint,
  previous?: SessionsCache,
  opts: ProbeOptions = {},
): Promise<FetchResult<SessionsFetch>> {
  const extra = previous ? { 'if-none-match': previous.etag } : undefined;
  const answer = await get(endpoint, '/v1/sessions/status', opts, extra);
  if (!answer.ok) return { ok: false, error: `sessions status: ${answer.error}`, unauthorized: false, cancelled: answer.kind === 'aborted' };
  if (answer.status === 304 && previous) return { ok: true, value: { sessions: previous.sessions, cache: previous, notModified: true } };
  if (answer.status === 401) return { ok: false, error: UNAUTHORIZED_ERROR, unauthorized: true, cancelled: false };
  if (answer.status !== 200) return { ok: false, error: statusError('sessions status', answer.status), unauthorized: false, cancelled: false };
  const json = parseJsonBody('sessions status', answer.headers, answer.body);
  const parsed = json.ok ? parseSessions(json.value) : json;
  if (!parsed.ok) return { ok: false, error: parsed.error, unauthorized: false, cancelled: false };
  const etag = usableEtag(answer.headers.etag);
  const value: SessionsFetch = { sessions: parsed.value, notModified: false };
  if (etag) value.cache = { etag, sessions: parsed.value };
  return { ok: true, value };
}
