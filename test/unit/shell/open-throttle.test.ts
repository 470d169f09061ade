import { describe, expect, it } from 'vitest';
import { OpenThrottle } from '../../../main/core/shell/open-throttle.js';

describe('OpenThrottle', () => {
  it('allows a few opens per agent, then refuses until the window has passed', () => {
    let now = 1_000;
    const throttle = new OpenThrottle({ max: 3, windowMs: 10_000, now: () => now });
    expect([1, 2, 3, 4].map(() => throttle.allow('a-x'))).toEqual([true, true, true, false]);
    expect(throttle.allow('a-y')).toBe(true); // other agents are not affected
    now += 9_999;
    expect(throttle.allow('a-x')).toBe(false);
    now += 1;
    expect(throttle.allow('a-x')).toBe(true);
  });

  it('refusals do not extend the window, and forget resets an agent', () => {
    let now = 0;
    const throttle = new OpenThrottle({ max: 1, windowMs: 100, now: () => now });
    expect(throttle.allow('a')).toBe(true);
    for (let i = 0; i < 50; i += 1) expect(throttle.allow('a')).toBe(false);
    now = 100;
    expect(throttle.allow('a')).toBe(true);
    throttle.forget('a');
    expect(throttle.allow('a')).toBe(true);
  });
});
