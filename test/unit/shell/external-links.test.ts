import { describe, expect, it } from 'vitest';
import { ExternalOpenGate, isActivatingInput } from '../../../main/core/shell/external-links.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ExternalOpenGate', () => {
  it('opens links the user just clicked, up to the per-agent budget, then asks', () => {
    const time = clock();
    const gate = new ExternalOpenGate({ max: 3, windowMs: 30_000, now: time.now });
    for (let index = 0; index < 3; index += 1) {
      expect(gate.request('a-alpha', 'alpha', `https://example.com/${index}`, time.now() - 100)).toEqual({ action: 'open', url: `https://example.com/${index}` });
    }
    const fourth = gate.request('a-alpha', 'alpha', 'https://example.com/4', time.now() - 100);
    expect(fourth.action).toBe('ask');
    if (fourth.action !== 'ask') return;
    expect(fourth.question.message).toBe('alpha wants to open example.com in your browser');
    expect(fourth.question.detail).toContain('https://example.com/4');
    // Another agent has its own budget.
    expect(gate.request('a-beta', 'beta', 'https://example.org/', time.now()).action).toBe('open');
  });

  it('asks when no click or key press came just before (a page navigating by itself)', () => {
    const time = clock();
    const gate = new ExternalOpenGate({ activationMs: 5_000, now: time.now });
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/', undefined).action).toBe('ask');
    gate.answered('a-alpha', true);
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/', time.now() - 5_001).action).toBe('ask');
  });

  it('asks once: while a question is open every further link of that agent is dropped', () => {
    const time = clock();
    const gate = new ExternalOpenGate({ now: time.now });
    expect(gate.request('a-alpha', 'alpha', 'https://one.example/', undefined).action).toBe('ask');
    for (let index = 0; index < 100; index += 1) {
      expect(gate.request('a-alpha', 'alpha', `https://spam${index}.example/`, time.now()).action).toBe('drop');
    }
    expect(gate.request('a-beta', 'beta', 'https://two.example/', undefined).action).toBe('ask');
  });

  it('"Don\'t open" mutes that agent for a while; "Open" counts against the budget', () => {
    const time = clock();
    const gate = new ExternalOpenGate({ max: 1, muteMs: 60_000, now: time.now });
    gate.request('a-alpha', 'alpha', 'https://example.com/', undefined);
    gate.answered('a-alpha', false);
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/', time.now()).action).toBe('drop');
    time.advance(60_001);
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/', time.now()).action).toBe('open');
    // The budget (1) is spent: the next one asks, and a yes is one more open in the window.
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/2', time.now()).action).toBe('ask');
    gate.answered('a-alpha', true);
    time.advance(1);
    expect(gate.request('a-alpha', 'alpha', 'https://example.com/3', time.now()).action).toBe('ask');
  });

  it('the budget refills after the window', () => {
    const time = clock();
    const gate = new ExternalOpenGate({ max: 1, windowMs: 10_000, now: time.now });
    expect(gate.request('a', 'a', 'https://x.example/', time.now()).action).toBe('open');
    time.advance(10_000);
    expect(gate.request('a', 'a', 'https://x.example/', time.now()).action).toBe('open');
  });

  it('shows the host only, never credentials, and cuts long URLs', () => {
    const gate = new ExternalOpenGate();
    const decision = gate.request('a', 'alpha', `https://user:pw@example.com/${'x'.repeat(1000)}`, undefined);
    if (decision.action !== 'ask') throw new Error('expected a question');
    expect(decision.question.message).toBe('alpha wants to open example.com in your browser');
    expect(decision.question.detail.length).toBeLessThan(400);
  });

  it('counts clicks, key presses and taps as user input, not mouse moves or wheels', () => {
    for (const type of ['mouseDown', 'rawKeyDown', 'keyDown', 'gestureTap', 'touchEnd', 'pointerDown']) expect(isActivatingInput(type)).toBe(true);
    for (const type of ['mouseMove', 'mouseWheel', 'mouseEnter', 'keyUp', 'gestureScrollUpdate']) expect(isActivatingInput(type)).toBe(false);
  });
});
