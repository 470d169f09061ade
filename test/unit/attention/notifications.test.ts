import { describe, expect, it } from 'vitest';
import { noticesFor } from '../../../main/core/attention/notifications.js';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../../main/core/settings/index.js';
import type { AttentionItem, NotificationSettings } from '../../../preload/contract.js';

const item = (kind: AttentionItem['kind'], agentId = 'alpha', title = 'rm -rf build'): AttentionItem => ({
  id: `${kind}-${agentId}`,
  agentId,
  agentName: agentId,
  sessionId: 's1',
  sessionTitle: kind === 'finished' ? 'Weekly report' : 'Refactor parser',
  kind,
  title,
  since: 1,
});
const on: NotificationSettings = DEFAULT_SETTINGS.notifications;

describe('notifications: which new items notify and what they say', () => {
  it('names the agent, the session and the reason', () => {
    expect(noticesFor([item('approval'), item('finished', 'beta', 'finished'), item('question', 'alpha', 'Which branch?')], on)).toEqual([
      { itemId: 'approval-alpha', agentId: 'alpha', sessionId: 's1', title: 'alpha · Refactor parser', body: 'wants to run: rm -rf build', silent: false },
      { itemId: 'finished-beta', agentId: 'beta', sessionId: 's1', title: 'beta · Weekly report', body: 'finished', silent: false },
      { itemId: 'question-alpha', agentId: 'alpha', sessionId: 's1', title: 'alpha · Refactor parser', body: 'asks: Which branch?', silent: false },
    ]);
  });

  it('do-not-disturb, per-kind switches, muted agents and sound', () => {
    const all = [item('approval'), item('question'), item('finished'), item('failed', 'beta', 'went offline during a run')];
    expect(noticesFor(all, { ...on, doNotDisturb: true })).toEqual([]);
    expect(noticesFor(all, { ...on, kinds: { ...on.kinds, finished: false, approval: false } }).map((n) => n.itemId)).toEqual(['question-alpha', 'failed-beta']);
    expect(noticesFor(all, { ...on, mutedAgents: ['alpha'] }).map((n) => n.body)).toEqual(['went offline during a run']);
    expect(noticesFor(all, { ...on, sound: false }).every((n) => n.silent)).toBe(true);
  });
});

describe('notification settings: validated field by field', () => {
  const patch = (notifications: unknown) => () => applySettingsPatch(DEFAULT_SETTINGS, { notifications });
  it('accepts a whole, valid object', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { notifications: { ...on, mutedAgents: ['a-x-1', 'a-x-1'], sound: false } });
    expect(next.notifications).toEqual({ ...on, mutedAgents: ['a-x-1'], sound: false });
  });
  it('refuses bad values with a specific message', () => {
    expect(patch(null)).toThrow(/notifications must be an object/);
    expect(patch({ ...on, extra: 1 })).toThrow(/unknown notifications setting "extra"/);
    expect(patch({ ...on, kinds: { ...on.kinds, spam: true } })).toThrow(/unknown notification kind "spam"/);
    expect(patch({ ...on, kinds: { ...on.kinds, finished: 'yes' } })).toThrow(/kinds.finished must be true or false/);
    expect(patch({ ...on, mutedAgents: ['Not An Id'] })).toThrow(/invalid agent id/);
    expect(patch({ ...on, doNotDisturb: 1 })).toThrow(/doNotDisturb/);
  });
});
