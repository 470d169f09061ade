import { describe, expect, it } from 'vitest';
import { OVERFLOW_TOAST_KEY, ToastCoalescer, type DeskToast, type ToastTimers } from '../../../main/core/shell/desk-toasts.js';

function harness(options: { windowMs?: number; maxNew?: number; minGapMs?: number } = {}) {
  let now = 1_000;
  const pending: Array<{ at: number; callback: () => void; cleared: boolean }> = [];
  const timers: ToastTimers = {
    set: (callback, ms) => {
      const timer = { at: now + ms, callback, cleared: false };
      pending.push(timer);
      return timer;
    },
    clear: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  const sent: DeskToast[] = [];
  const toasts = new ToastCoalescer({ emit: (toast) => sent.push(toast), now: () => now, timers, ...options });
  const advance = (ms: number): void => {
    now += ms;
    for (const timer of pending.splice(0)) {
      if (timer.cleared) continue;
      if (timer.at <= now) timer.callback();
      else pending.push(timer);
    }
  };
  return { toasts, sent, advance, pending };
}

describe('ToastCoalescer', () => {
  it('folds a loop of reports with one key into one toast whose count grows, sent at most once per gap', () => {
    const { toasts, sent, advance } = harness({ minGapMs: 1_000 });
    for (let index = 0; index < 500; index += 1) toasts.report('widget-refused:alpha', `widget w${index} was not opened`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ message: 'widget w0 was not opened', count: 1 });
    advance(1_000);
    // The trailing update carries the final count and the latest message, under the same id.
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ id: sent[0]!.id, level: 'warning', message: 'widget w499 was not opened', count: 500 });
  });

  it('at most maxNew new toasts per window; the rest fold into one "more problems" toast', () => {
    const { toasts, sent, advance } = harness({ maxNew: 3, windowMs: 10_000, minGapMs: 0 });
    for (let index = 0; index < 20; index += 1) toasts.report(`kind-${index}`, `problem ${index}`);
    const ids = new Set(sent.map((toast) => toast.id));
    expect(ids.size).toBe(4);
    const overflow = sent.filter((toast) => toast.message.startsWith('More problems'));
    expect(overflow.at(-1)?.count).toBe(17);
    advance(10_000);
    toasts.report('kind-later', 'a later problem');
    expect(sent.at(-1)).toMatchObject({ message: 'a later problem', count: 1 });
    expect(OVERFLOW_TOAST_KEY).toMatch(/more-problems/);
  });

  it('a key quiet for a whole window starts a fresh toast', () => {
    const { toasts, sent, advance } = harness({ windowMs: 10_000, minGapMs: 0 });
    toasts.report('k', 'first');
    advance(10_000);
    toasts.report('k', 'again');
    expect(sent.map((toast) => toast.count)).toEqual([1, 1]);
    expect(sent[0]!.id).not.toBe(sent[1]!.id);
  });

  it('sends nothing after dispose and clears its timers', () => {
    const { toasts, sent, advance, pending } = harness({ minGapMs: 1_000 });
    toasts.report('k', 'one');
    toasts.report('k', 'two');
    toasts.dispose();
    expect(pending.every((timer) => timer.cleared)).toBe(true);
    advance(5_000);
    toasts.report('k', 'three');
    expect(sent).toHaveLength(1);
  });
});
