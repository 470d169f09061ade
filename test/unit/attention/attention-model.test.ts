import { describe, expect, it } from 'vitest';
import { attentionCounts } from '../../../preload/contract/attention.js';
import { applyDown, applyState, applyStatus, dropPending, EMPTY_MODEL, itemsOf, markSeen, newItems } from '../../../main/core/attention/attention-model.js';
import type { AgentModel } from '../../../main/core/attention/attention-model.js';
import type { SessionState, SessionStatus } from '../../../main/core/attention/attention-types.js';

const AGENT = { id: 'alpha', name: 'alpha' };
const status = (id: string, active: boolean, rev = 1): SessionStatus => ({ id, title: `Session ${id}`, active, fingerprint: `${rev}|${active}` });
const approval = (id: string): SessionState => ({
  active: true,
  approvals: [{ approvalId: id, title: 'rm -rf build', options: [{ label: 'Allow', index: 0 }, { label: 'Deny', index: 2 }] }],
  questions: [],
});
const kinds = (model: AgentModel) => itemsOf(AGENT, model).map((d) => `${d.item.kind}:${d.item.sessionId}`);

function running(): AgentModel {
  return applyStatus(EMPTY_MODEL, [status('s1', true)], 1_000, false).model;
}

describe('attention rules: transitions', () => {
  it('active → idle while nobody looks makes one finished item', () => {
    const { model } = applyStatus(running(), [status('s1', false, 2)], 2_000, false);
    const items = itemsOf(AGENT, model).map((d) => d.item);
    expect(items).toEqual([expect.objectContaining({ kind: 'finished', sessionId: 's1', sessionTitle: 'Session s1', title: 'finished', since: 2_000 })]);
    expect(attentionCounts(items)).toEqual({ needsYou: 0, finished: 1 });
    // The same idle status again adds nothing.
    expect(kinds(applyStatus(model, [status('s1', false, 2)], 3_000, false).model)).toEqual(['finished:s1']);
  });

  it('a run that finishes while its agent is on screen in a focused window is never an item', () => {
    const { model } = applyStatus(running(), [status('s1', false, 2)], 2_000, true);
    expect(kinds(model)).toEqual([]);
  });

  it('idle on the first poll (the desk just started) is not a finished run', () => {
    expect(kinds(applyStatus(EMPTY_MODEL, [status('s1', false)], 1, false).model)).toEqual([]);
  });

  it('a new run drops the old finished item of that session', () => {
    const finished = applyStatus(running(), [status('s1', false, 2)], 2_000, false).model;
    expect(kinds(applyStatus(finished, [status('s1', true, 3)], 3_000, false).model)).toEqual([]);
  });

  it('state is fetched for active, changed and pending sessions only', () => {
    const first = applyStatus(EMPTY_MODEL, [status('a', true), status('b', false), status('c', false)], 1, false);
    expect(first.fetchState).toEqual(['a']);
    const second = applyStatus(first.model, [status('a', true), status('b', false, 2), status('c', false)], 2, false);
    expect(second.fetchState).toEqual(['a', 'b']);
  });

  it('approvals and questions come from state and stay until state no longer lists them', () => {
    let model = applyState(running(), 's1', approval('ap1'), 5_000);
    model = applyState(model, 's1', { active: true, approvals: approval('ap1').approvals, questions: [{ callId: 'c1', questions: [{ question: 'Which branch?' }] }] }, 6_000);
    const items = itemsOf(AGENT, model).map((d) => d.item);
    expect(items.map((i) => [i.kind, i.title, i.since])).toEqual([
      ['question', 'Which branch?', 6_000],
      ['approval', 'rm -rf build', 5_000],
    ]);
    expect(items[1]!.options).toEqual([{ label: 'Allow', index: 0 }, { label: 'Deny', index: 2 }]);
    expect(attentionCounts(items)).toEqual({ needsYou: 2, finished: 0 });
    // Seen does not clear what waits for an answer.
    expect(kinds(markSeen(model))).toHaveLength(2);
    // Answered elsewhere: the next state no longer lists it.
    expect(kinds(applyState(model, 's1', { active: true, approvals: [], questions: [] }, 7_000))).toEqual([]);
  });

  it('a state that says what is already known returns the same model (a run is polled every 2 s; nothing is derived again)', () => {
    const known = applyState(running(), 's1', approval('ap1'), 1);
    expect(applyState(known, 's1', approval('ap1'), 2)).toBe(known);
    const idle = running();
    expect(applyState(idle, 's1', { active: true, approvals: [], questions: [] }, 2)).toBe(idle);
    // Any difference (here a changed title) is a new model.
    const changed = { ...approval('ap1'), approvals: [{ ...approval('ap1').approvals[0]!, title: 'rm -rf dist' }] };
    expect(applyState(known, 's1', changed, 3)).not.toBe(known);
  });

  it('item ids are stable across polls and differ between agents', () => {
    const a = applyState(running(), 's1', approval('ap1'), 1);
    const b = applyState(a, 's1', approval('ap1'), 99);
    const idA = itemsOf(AGENT, a)[0]!.item.id;
    expect(itemsOf(AGENT, b)[0]!.item.id).toBe(idA);
    expect(itemsOf(AGENT, b)[0]!.item.since).toBe(1);
    expect(itemsOf({ id: 'beta', name: 'beta' }, a)[0]!.item.id).not.toBe(idA);
    expect(idA).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(idA).not.toContain('ap1');
  });

  it('going offline mid-run makes a failed item and drops what can no longer be answered', () => {
    const model = applyDown(applyState(running(), 's1', approval('ap1'), 1), 'offline', 9_000);
    expect(itemsOf(AGENT, model).map((d) => [d.item.kind, d.item.title])).toEqual([['failed', 'went offline during a run']]);
    expect(kinds(applyDown(running(), 'unauthorized', 1))).toEqual(['failed:s1']);
    // Offline while idle is no item.
    expect(kinds(applyDown(applyStatus(EMPTY_MODEL, [status('s1', false)], 1, false).model, 'offline', 2))).toEqual([]);
  });

  it('a finished run is a new item in newItems; a re-derived one is not', () => {
    const before = itemsOf(AGENT, running()).map((d) => d.item);
    const after = itemsOf(AGENT, applyStatus(running(), [status('s1', false, 2)], 2, false).model).map((d) => d.item);
    expect(newItems(before, after).map((i) => i.kind)).toEqual(['finished']);
    expect(newItems(after, after)).toEqual([]);
  });
});

describe('attention rules: seen', () => {
  const twoFinished = (): AgentModel => {
    const active = applyStatus(EMPTY_MODEL, [status('s1', true), status('s2', true)], 1, false).model;
    return applyStatus(active, [status('s1', false, 2), status('s2', false, 2)], 2, false).model;
  };

  it('seen for the agent clears its finished and failed items', () => {
    expect(kinds(markSeen(twoFinished()))).toEqual([]);
    expect(kinds(markSeen(applyDown(running(), 'offline', 1)))).toEqual([]);
  });

  it('seen for one session clears only that session', () => {
    expect(kinds(markSeen(twoFinished(), 's1'))).toEqual(['finished:s2']);
  });

  it('dropPending removes one answered request and keeps the rest', () => {
    let model = applyState(running(), 's1', approval('ap1'), 1);
    model = applyState(model, 's1', { active: true, approvals: [...approval('ap1').approvals, ...approval('ap2').approvals], questions: [] }, 2);
    expect(itemsOf(AGENT, dropPending(model, 's1', { approvalId: 'ap1' })).map((d) => d.ref.approvalId)).toEqual(['ap2']);
  });
});
