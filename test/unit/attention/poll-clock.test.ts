import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { alignedDue, PollClock } from '../../../main/core/attention/poll-clock.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('alignedDue: the tick a poll runs on', () => {
  it('is on the grid, after now, and within half a tick of the wanted time (or the first tick after now)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 10_000 }), (now, delay, align) => {
        const due = alignedDue(now, delay, align);
        expect(due % align).toBe(0);
        expect(due).toBeGreaterThan(now);
        const wanted = now + delay;
        const firstAfterNow = (Math.floor(now / align) + 1) * align;
        expect(Math.abs(due - wanted) <= align / 2 || due === firstAfterNow).toBe(true);
      }),
    );
  });

  it('keeps an active poll a whole interval after the tick it ran on, and puts the idle one on the same grid', () => {
    // A poll that ran on the 2 s tick and finished 5 ms later: the next is the 4 s tick, not 6 s.
    expect(alignedDue(2_005, 2_000, 2_000)).toBe(4_000);
    // A slow one that finished 1.2 s after its tick: the next tick but one is nearer the wanted 5.2 s.
    expect(alignedDue(3_200, 2_000, 2_000)).toBe(6_000);
    expect(alignedDue(2_005, 10_000, 2_000)).toBe(12_000);
    // Never now: a poll that wants no delay goes to the next tick.
    expect(alignedDue(4_000, 0, 2_000)).toBe(6_000);
  });
});

describe('PollClock (real timers)', () => {
  const clocks: PollClock[] = [];
  afterEach(() => {
    for (const clock of clocks.splice(0)) clock.dispose();
  });
  const clock = (alignMs: number) => {
    const made = new PollClock(alignMs);
    clocks.push(made);
    return made;
  };

  it('runs polls that want times within half a tick of one tick together, in one turn', async () => {
    const ticks = clock(100);
    const ranAt: number[] = [];
    const record = () => ranAt.push(performance.now());
    // Asked in one turn, so the grid cannot move under the test: wanted 40 ms before, at and 40 ms after one tick.
    const now = performance.now();
    const due = alignedDue(now, 150, 100);
    for (const offset of [-40, 0, 40]) ticks.after(due - now + offset, record);
    expect(ticks.waiting).toBe(3);
    await waitFor(() => ranAt.length === 3, { message: 'three runs' });
    // One timer fired them: the same turn of the event loop, well under a millisecond apart.
    expect(Math.max(...ranAt) - Math.min(...ranAt)).toBeLessThan(5);
    expect(Math.min(...ranAt)).toBeGreaterThanOrEqual(due - 1);
    expect(ticks.waiting).toBe(0);
  });

  it('a cancelled run does not run; the others on its tick do', async () => {
    const ticks = clock(50);
    const ran: string[] = [];
    const cancel = ticks.after(50, () => ran.push('cancelled'));
    ticks.after(50, () => ran.push('kept'));
    cancel();
    cancel();
    await waitFor(() => ran.length > 0, { message: 'the kept run' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(ran).toEqual(['kept']);
  });

  it('after dispose nothing runs and nothing is held', async () => {
    const ticks = clock(30);
    const ran: string[] = [];
    ticks.after(30, () => ran.push('before'));
    ticks.dispose();
    ticks.after(30, () => ran.push('after'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran).toEqual([]);
    expect(ticks.waiting).toBe(0);
  });

  it('refuses a tick that is not a positive number of ms', () => {
    expect(() => new PollClock(0)).toThrow(/positive number of ms, not 0/);
    expect(() => new PollClock(Number.NaN)).toThrow(RangeError);
  });
});
