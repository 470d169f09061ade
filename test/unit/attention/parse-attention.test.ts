import { describe, expect, it } from 'vitest';
import { parseSessionState, parseStatusSessions } from '../../../main/core/attention/parse-attention.js';

const options = [{ label: 'Allow once', description: 'this time', index: 0, choice: 'once' }, { label: 'Deny', index: 2 }];

describe('attention parsing: what agents answer', () => {
  it('status: sessions with a usable id, active_run as bool or object, titles cleaned', () => {
    const parsed = parseStatusSessions({
      sessions: [
        { id: 's1', short_title: 'Refactor\u0007 parser', active_run: { id: 'r1' }, transcript_rev: 3 },
        { id: 's2', long_title: 'Weekly report', active_run: false },
        { id: 's3' },
        { id: 7 },
        { id: '../etc' },
        { id: 's1', short_title: 'duplicate' },
        'garbage',
      ],
    });
    expect(parsed.ok && parsed.value.map((s) => [s.id, s.title, s.active])).toEqual([
      ['s1', 'Refactor  parser', true],
      ['s2', 'Weekly report', false],
      ['s3', 'Untitled session', false],
    ]);
    expect(parseStatusSessions([]).ok).toBe(false);
    expect(parseStatusSessions({ sessions: 'x' }).ok).toBe(false);
    expect(parseStatusSessions({})).toEqual({ ok: true, value: [] });
  });

  it('state: approvals and questions; unknown kinds ignored', () => {
    const parsed = parseSessionState({
      active_run: true,
      pending_approvals: [{ approval_id: 'a1', title: 'rm -rf build', path: '/w', is_shell: true, options, created_at: '2026-12-06T07:00:00Z' }],
      pending_ask_users: [{ call_id: 'c1', questions: [{ header: 'Branch', question: 'Which branch?', options: [{ label: 'main' }, 'dev'] }, 'Free text?'] }],
      pending_plan_approvals: [{ id: 'p1' }],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        active: true,
        approvals: [{ approvalId: 'a1', title: 'rm -rf build', options: [{ label: 'Allow once', description: 'this time', index: 0 }, { label: 'Deny', index: 2 }], createdAt: Date.parse('2026-12-06T07:00:00Z') }],
        questions: [{ callId: 'c1', questions: [{ header: 'Branch', question: 'Which branch?', options: ['main', 'dev'] }, { question: 'Free text?' }] }],
      },
    });
  });

  it('multi_select marks a question with options; without options it stays a free-text question', () => {
    const parsed = parseSessionState({
      pending_ask_users: [{ call_id: 'c1', questions: [{ question: 'Which?', multi_select: true, options: [{ label: 'a' }, { label: 'b' }] }, { question: 'Why?', multi_select: true }] }],
    });
    expect(parsed.ok && parsed.value.questions[0]!.questions).toEqual([{ question: 'Which?', options: ['a', 'b'], multiSelect: true }, { question: 'Why?' }]);
  });

  it('malformed options, ids or questions drop that entry, never the whole answer', () => {
    const parsed = parseSessionState({
      pending_approvals: [
        { approval_id: 'no-options', title: 't' },
        { approval_id: 'bad-option', title: 't', options: [{ label: 'ok', index: 0 }, { label: 'x', index: 'one' }] },
        { approval_id: 'dup-index', title: 't', options: [{ label: 'a', index: 0 }, { label: 'b', index: 0 }] },
        { approval_id: 5, title: 't', options },
        { approval_id: 'no-title', options },
        null,
        { approval_id: 'good', title: 't', options },
      ],
      pending_ask_users: [{ call_id: 'c', questions: [] }, { call_id: 'd', questions: [{ nope: 1 }] }, { questions: ['x'] }],
    });
    expect(parsed.ok && parsed.value.approvals.map((a) => a.approvalId)).toEqual(['good']);
    expect(parsed.ok && parsed.value.questions).toEqual([]);
    for (const garbage of [null, 'x', 3, [1, 2]]) expect(parseSessionState(garbage).ok).toBe(false);
    expect(parseSessionState({ pending_approvals: 'nope', pending_ask_users: {} })).toEqual({ ok: true, value: { active: false, approvals: [], questions: [] } });
  });
});
