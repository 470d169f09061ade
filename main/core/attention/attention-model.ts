import { createHash } from 'node:crypto';
import type {
  AttentionItem,
  PendingApproval,
  PendingQuestion,
  QuestionView,
  SessionState,
  SessionStatus,
} from './attention-types.js';

/**
 * The pure rules of attention for one agent. A model is replaced, never
 * mutated, by each observation: a status list, one session's state, the
 * agent going down, the user seeing it. Items are derived from the model.
 */

interface Notice {
  kind: 'finished' | 'failed';
  sessionId: string;
  sessionTitle: string;
  title: string;
  since: number;
}

interface Pending {
  approvals: PendingApproval[];
  questions: PendingQuestion[];
}

export interface AgentModel {
  readonly sessions: ReadonlyMap<string, SessionStatus>;
  readonly pending: ReadonlyMap<string, Pending>;
  /** Finished and failed runs, keyed `<kind>:<sessionId>`. */
  readonly notices: ReadonlyMap<string, Notice>;
  /** When each pending approval or question was first seen (for `since` when the agent sends no time). */
  readonly firstSeen: ReadonlyMap<string, number>;
}

export const EMPTY_MODEL: AgentModel = Object.freeze({
  sessions: new Map(),
  pending: new Map(),
  notices: new Map(),
  firstSeen: new Map(),
});

export interface StatusOutcome {
  model: AgentModel;
  /** Sessions whose state to fetch now: active ones, changed ones, ones with something pending. */
  fetchState: string[];
}

/**
 * A new status list. A session that went from active to idle becomes a
 * `finished` notice unless the user is looking at this agent (`looking`:
 * on screen in a focused window). A session that starts a new run drops
 * its old notices.
 */
export function applyStatus(model: AgentModel, sessions: SessionStatus[], now: number, looking: boolean): StatusOutcome {
  const nextSessions = new Map(sessions.map((s) => [s.id, s]));
  const notices = new Map(model.notices);
  const pending = new Map([...model.pending].filter(([id]) => nextSessions.has(id)));
  const fetchState: string[] = [];
  for (const session of sessions) {
    const previous = model.sessions.get(session.id);
    if (session.active) {
      notices.delete(`finished:${session.id}`);
      notices.delete(`failed:${session.id}`);
    } else if (previous?.active && !looking) {
      notices.set(`finished:${session.id}`, { kind: 'finished', sessionId: session.id, sessionTitle: session.title, title: 'finished', since: now });
    }
    if (!session.active) pending.delete(session.id);
    const changed = previous !== undefined && previous.fingerprint !== session.fingerprint;
    if (session.active || changed || model.pending.has(session.id)) fetchState.push(session.id);
  }
  return { model: { ...model, sessions: nextSessions, notices, pending }, fetchState };
}

/** Whether a state says exactly what is already known of a session's pending requests. */
function samePending(known: Pending | undefined, state: SessionState): boolean {
  if (known === undefined) return state.approvals.length === 0 && state.questions.length === 0;
  return JSON.stringify([known.approvals, known.questions]) === JSON.stringify([state.approvals, state.questions]);
}

/**
 * One session's pending approvals and questions, replacing what was known.
 * The same model comes back when nothing changed: a run's state is fetched
 * on every poll, and an unchanged model costs the center nothing.
 */
export function applyState(model: AgentModel, sessionId: string, state: SessionState, now: number): AgentModel {
  if (samePending(model.pending.get(sessionId), state)) return model;
  const pending = new Map(model.pending);
  if (state.approvals.length === 0 && state.questions.length === 0) pending.delete(sessionId);
  else pending.set(sessionId, { approvals: state.approvals, questions: state.questions });
  const firstSeen = new Map<string, number>();
  for (const [id, entry] of pending) {
    for (const key of pendingKeys(id, entry)) firstSeen.set(key, model.firstSeen.get(key) ?? now);
  }
  return { ...model, pending, firstSeen };
}

/**
 * The agent went offline or refused our token: every run that was active
 * becomes a `failed` notice; pending requests cannot be answered any more.
 */
export function applyDown(model: AgentModel, status: 'offline' | 'unauthorized', now: number): AgentModel {
  const notices = new Map(model.notices);
  const title = status === 'offline' ? 'went offline during a run' : 'refused the desk (401) during a run';
  for (const session of model.sessions.values()) {
    if (session.active) notices.set(`failed:${session.id}`, { kind: 'failed', sessionId: session.id, sessionTitle: session.title, title, since: now });
  }
  return { sessions: new Map(), pending: new Map(), notices, firstSeen: new Map() };
}

/** The user saw the agent (or one session): its finished and failed notices go. */
export function markSeen(model: AgentModel, sessionId?: string): AgentModel {
  if (model.notices.size === 0) return model;
  const notices = new Map([...model.notices].filter(([, notice]) => sessionId !== undefined && notice.sessionId !== sessionId));
  return notices.size === model.notices.size ? model : { ...model, notices };
}

/** Removes one answered request at once (the next poll confirms it). */
export function dropPending(model: AgentModel, sessionId: string, ref: { approvalId?: string; callId?: string }): AgentModel {
  const entry = model.pending.get(sessionId);
  if (!entry) return model;
  const next: Pending = {
    approvals: entry.approvals.filter((a) => a.approvalId !== ref.approvalId),
    questions: entry.questions.filter((q) => q.callId !== ref.callId),
  };
  const pending = new Map(model.pending);
  if (next.approvals.length === 0 && next.questions.length === 0) pending.delete(sessionId);
  else pending.set(sessionId, next);
  return { ...model, pending };
}

function pendingKeys(sessionId: string, entry: Pending): string[] {
  return [...entry.approvals.map((a) => `approval:${sessionId}:${a.approvalId}`), ...entry.questions.map((q) => `question:${sessionId}:${q.callId}`)];
}

/** Opaque, stable id of an item: the agent's own ids never leave main as a key. */
export function itemId(agentId: string, key: string): string {
  return createHash('sha256').update(`${agentId}\u0000${key}`).digest('base64url').slice(0, 22);
}

/** Where an item points back to in the agent (kept in main to answer it). */
export interface ItemRef {
  agentId: string;
  sessionId: string;
  kind: AttentionItem['kind'];
  approvalId?: string;
  callId?: string;
  optionIndexes?: number[];
  /** A question item's questions, to check an answer against (their options, multi-select). */
  questions?: QuestionView[];
}

export interface DerivedItem {
  item: AttentionItem;
  ref: ItemRef;
}

/** Every item of one agent, newest first. */
export function itemsOf(agent: { id: string; name: string }, model: AgentModel): DerivedItem[] {
  const out: DerivedItem[] = [];
  const base = (sessionId: string) => ({ agentId: agent.id, agentName: agent.name, sessionId, sessionTitle: model.sessions.get(sessionId)?.title ?? sessionId });
  for (const [sessionId, entry] of model.pending) {
    for (const approval of entry.approvals) {
      const key = `approval:${sessionId}:${approval.approvalId}`;
      out.push({
        item: { id: itemId(agent.id, key), ...base(sessionId), kind: 'approval', title: approval.title, options: approval.options.map((o) => ({ ...o })), since: approval.createdAt ?? model.firstSeen.get(key) ?? 0 },
        ref: { agentId: agent.id, sessionId, kind: 'approval', approvalId: approval.approvalId, optionIndexes: approval.options.map((o) => o.index) },
      });
    }
    for (const question of entry.questions) {
      const key = `question:${sessionId}:${question.callId}`;
      out.push({
        item: { id: itemId(agent.id, key), ...base(sessionId), kind: 'question', title: question.questions[0]!.question, questions: question.questions.map((q) => ({ ...q })), since: question.createdAt ?? model.firstSeen.get(key) ?? 0 },
        ref: { agentId: agent.id, sessionId, kind: 'question', callId: question.callId, questions: question.questions },
      });
    }
  }
  for (const [key, notice] of model.notices) {
    out.push({
      item: { id: itemId(agent.id, key), agentId: agent.id, agentName: agent.name, sessionId: notice.sessionId, sessionTitle: notice.sessionTitle, kind: notice.kind, title: notice.title, since: notice.since },
      ref: { agentId: agent.id, sessionId: notice.sessionId, kind: notice.kind },
    });
  }
  return out.sort((a, b) => b.item.since - a.item.since);
}


/** Items in `next` that were not in `previous` (by id): what may deserve a notification. */
export function newItems(previous: readonly AttentionItem[], next: readonly AttentionItem[]): AttentionItem[] {
  const known = new Set(previous.map((item) => item.id));
  return next.filter((item) => !known.has(item.id));
}
