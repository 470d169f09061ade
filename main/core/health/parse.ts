import type { IncomingHttpHeaders } from 'node:http';
import type { AgentSessions, WidgetState } from '../../../preload/contract.js';
import { isMount } from '../hosts/index.js';
import type { ReportedWidget } from './health-types.js';

/**
 * Pure validation of what agents answer. Every field is checked; anything
 * unexpected becomes a clear error string or is dropped, never a throw.
 */

export const KNOWN_CAPABILITIES: readonly string[] = ['web', 'api', 'jobs', 'widgets', 'voice'];
const WIDGET_STATES: readonly WidgetState[] = ['stopped', 'starting', 'running', 'error'];
const MAX_WIDGETS = 256;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A display string: control characters removed, trimmed, capped; null when absent or not a string. */
export function cleanString(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  if (cleaned === '') return null;
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/** Body → JSON value, naming what came instead (HTML, garbage, nothing). */
export function parseJsonBody(what: string, headers: IncomingHttpHeaders, body: Buffer): Parsed<unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return { ok: false, error: `${what} answered an empty body, not JSON` };
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('html') || text.startsWith('<')) return { ok: false, error: `${what} answered HTML, not JSON` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: `${what} answered invalid JSON` };
  }
}

export interface HealthzIdentity {
  agent: string | null;
  version: string | null;
  capabilities: string[];
  /** False for the bare `{"status":"ok"}` healthz gives without the exact bearer. */
  hasIdentity: boolean;
}

export function filterCapabilities(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  for (const item of value) if (typeof item === 'string' && KNOWN_CAPABILITIES.includes(item)) seen.add(item);
  return [...seen];
}

export function parseHealthz(value: unknown): Parsed<HealthzIdentity> {
  if (!isRecord(value)) return { ok: false, error: 'healthz answered JSON that is not an object' };
  if (value['status'] !== 'ok') {
    const status = cleanString(value['status'], 40);
    return { ok: false, error: status ? `healthz reported status "${status}", not "ok"` : 'healthz answer has no "status": "ok"' };
  }
  const agent = cleanString(value['agent'], 200);
  const version = cleanString(value['version'], 100);
  const hasCapabilities = Array.isArray(value['capabilities']);
  return {
    ok: true,
    value: { agent, version, capabilities: filterCapabilities(value['capabilities']), hasIdentity: agent !== null || version !== null || hasCapabilities },
  };
}

function parseWidget(value: unknown): ReportedWidget | undefined {
  if (!isRecord(value)) return undefined;
  const mount = value['mount'];
  const state = value['state'];
  if (!isMount(mount)) return undefined;
  if (typeof state !== 'string' || !(WIDGET_STATES as readonly string[]).includes(state)) return undefined;
  const id = cleanString(value['id'], 200);
  if (id === null) return undefined;
  const widget: ReportedWidget = { id, mount, title: cleanString(value['title'], 200) ?? mount, state: state as WidgetState };
  const description = cleanString(value['description'], 1000);
  if (description !== null) widget.description = description;
  const error = cleanString(value['error'], 1000);
  if (error !== null) widget.error = error;
  return widget;
}

/** `{"widgets":[…]}` → the valid widgets; entries with a bad mount, id or state are dropped. */
export function parseWidgets(value: unknown): Parsed<ReportedWidget[]> {
  if (!isRecord(value)) return { ok: false, error: 'widgets status answered JSON that is not an object' };
  const list = value['widgets'];
  if (list === null || list === undefined) return { ok: true, value: [] };
  if (!Array.isArray(list)) return { ok: false, error: 'widgets status has no "widgets" list' };
  const widgets: ReportedWidget[] = [];
  const mounts = new Set<string>();
  for (const entry of list.slice(0, MAX_WIDGETS)) {
    const widget = parseWidget(entry);
    // A mount names one path; a second widget claiming it is ambiguous.
    if (widget && !mounts.has(widget.mount)) {
      mounts.add(widget.mount);
      widgets.push(widget);
    }
  }
  return { ok: true, value: widgets };
}

/** `{"sessions":[…]}` → counts; entries without a string `id` are not counted. */
export function parseSessions(value: unknown): Parsed<AgentSessions> {
  if (!isRecord(value)) return { ok: false, error: 'sessions status answered JSON that is not an object' };
  const list = value['sessions'];
  if (list === null || list === undefined) return { ok: true, value: { count: 0, activeRuns: 0 } };
  if (!Array.isArray(list)) return { ok: false, error: 'sessions status has no "sessions" list' };
  let count = 0;
  let activeRuns = 0;
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry['id'] !== 'string') continue;
    count += 1;
    const run = entry['active_run'];
    if (run === true || isRecord(run)) activeRuns += 1;
  }
  return { ok: true, value: { count, activeRuns } };
}
