import { cleanString } from '../health/parse.js';
import type { Parsed } from '../health/parse.js';
import type { ApprovalOptionView, PendingApproval, PendingQuestion, QuestionView, SessionState, SessionStatus } from './attention-types.js';

/**
 * Pure validation of the session answers attention reads. An entry with a
 * missing id, a malformed option list or an unknown shape is dropped; a body
 * that is not the expected object is an error. Never throws.
 */

/** term-llm lists the 100 most recent sessions; more is not term-llm. */
export const MAX_SESSIONS = 200;
const MAX_PENDING = 20;
const MAX_OPTIONS = 10;
const MAX_QUESTIONS = 8;
/** Session ids go into URL paths (`{base}/{id}`, `…/v1/sessions/{id}/state`). */
export const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REF_ID = /^[\x21-\x7e]{1,200}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isActive(run: unknown): boolean {
  return run === true || isRecord(run);
}

function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export function parseStatusSessions(value: unknown): Parsed<SessionStatus[]> {
  if (!isRecord(value)) return { ok: false, error: 'sessions status answered JSON that is not an object' };
  const list = value['sessions'];
  if (list === null || list === undefined) return { ok: true, value: [] };
  if (!Array.isArray(list)) return { ok: false, error: 'sessions status has no "sessions" list' };
  const sessions: SessionStatus[] = [];
  const ids = new Set<string>();
  for (const entry of list.slice(0, MAX_SESSIONS)) {
    if (!isRecord(entry)) continue;
    const id = entry['id'];
    if (typeof id !== 'string' || !SESSION_ID.test(id) || ids.has(id)) continue;
    ids.add(id);
    const title = cleanString(entry['short_title'], 120) ?? cleanString(entry['long_title'], 120) ?? 'Untitled session';
    const active = isActive(entry['active_run']);
    const fingerprint = `${String(entry['transcript_rev'])}|${String(entry['message_count'])}|${String(entry['last_message_at'])}|${active}|${title}`;
    sessions.push({ id, title, active, fingerprint });
  }
  return { ok: true, value: sessions };
}

function parseOption(value: unknown): ApprovalOptionView | undefined {
  if (!isRecord(value)) return undefined;
  const label = cleanString(value['label'], 80);
  const index = value['index'];
  if (label === null || typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 1000) return undefined;
  const option: ApprovalOptionView = { label, index };
  const description = cleanString(value['description'], 200);
  if (description !== null) option.description = description;
  return option;
}

/** An approval whose options are not all valid is dropped whole: a partial choice list could mislead. */
function parseApproval(value: unknown): PendingApproval | undefined {
  if (!isRecord(value)) return undefined;
  const approvalId = value['approval_id'];
  const title = cleanString(value['title'], 300) ?? cleanString(value['path'], 300);
  const rawOptions = value['options'];
  if (typeof approvalId !== 'string' || !REF_ID.test(approvalId) || title === null) return undefined;
  if (!Array.isArray(rawOptions) || rawOptions.length === 0 || rawOptions.length > MAX_OPTIONS) return undefined;
  const options = rawOptions.map(parseOption);
  if (options.some((option) => option === undefined)) return undefined;
  const indexes = new Set(options.map((option) => option!.index));
  if (indexes.size !== options.length) return undefined;
  const approval: PendingApproval = { approvalId, title, options: options as ApprovalOptionView[] };
  const createdAt = timeOf(value['created_at']);
  if (createdAt !== undefined) approval.createdAt = createdAt;
  return approval;
}

function parseQuestionView(value: unknown): QuestionView | undefined {
  if (typeof value === 'string') {
    const text = cleanString(value, 500);
    return text === null ? undefined : { question: text };
  }
  if (!isRecord(value)) return undefined;
  const question = cleanString(value['question'], 500) ?? cleanString(value['text'], 500);
  if (question === null) return undefined;
  const view: QuestionView = { question };
  const header = cleanString(value['header'], 80);
  if (header !== null) view.header = header;
  const options = value['options'];
  if (Array.isArray(options) && options.length > 0) {
    const labels = options.slice(0, MAX_OPTIONS).map((option) => cleanString(isRecord(option) ? option['label'] : option, 120));
    if (labels.some((label) => label === null)) return undefined;
    view.options = labels as string[];
  }
  // Several choices need choices to pick from; without options it is a free-text question.
  if (view.options && (value['multi_select'] === true || value['multiSelect'] === true)) view.multiSelect = true;
  return view;
}

function parseQuestion(value: unknown): PendingQuestion | undefined {
  if (!isRecord(value)) return undefined;
  const callId = value['call_id'];
  const raw = value['questions'];
  if (typeof callId !== 'string' || !REF_ID.test(callId) || !Array.isArray(raw)) return undefined;
  if (raw.length === 0 || raw.length > MAX_QUESTIONS) return undefined;
  const questions = raw.map(parseQuestionView);
  if (questions.some((question) => question === undefined)) return undefined;
  const pending: PendingQuestion = { callId, questions: questions as QuestionView[] };
  const createdAt = timeOf(value['created_at']);
  if (createdAt !== undefined) pending.createdAt = createdAt;
  return pending;
}

function parseList<T>(value: unknown, parse: (entry: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const entry of value.slice(0, MAX_PENDING)) {
    const parsed = parse(entry);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/** Kinds other than approvals and questions (plan approvals, future ones) are ignored. */
export function parseSessionState(value: unknown): Parsed<SessionState> {
  if (!isRecord(value)) return { ok: false, error: 'session state answered JSON that is not an object' };
  return {
    ok: true,
    value: {
      active: isActive(value['active_run']),
      approvals: parseList(value['pending_approvals'], parseApproval),
      questions: parseList(value['pending_ask_users'], parseQuestion),
    },
  };
}
