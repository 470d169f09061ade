import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../main/core/gateway/sessions.js';
import { readSessionCookie, sessionSetCookie, SESSION_COOKIE } from '../../../main/core/gateway/cookies.js';

const A = 'a-bob-abcdef.localhost:1';
const B = 'a-eve-ghijkl.localhost:1';

describe('SessionStore', () => {
  it('finds a session only on the host it was minted for', () => {
    const store = new SessionStore();
    const s = store.create(A, 'agent', 'a-bob-abcdef');
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(s.id, A)).toBe(s);
    expect(store.get(s.id, B)).toBeUndefined();
    expect(store.get(undefined, A)).toBeUndefined();
    expect(store.get(s.id.slice(0, -1) + (s.id.endsWith('A') ? 'B' : 'A'), A)).toBeUndefined();
  });

  it('expires idle sessions and caps their age', () => {
    let t = 0;
    const store = new SessionStore({ now: () => t, idleTtlMs: 100, maxAgeMs: 250 });
    const s = store.create(A, 'agent', 'x');
    t = 99;
    expect(store.get(s.id, A)).toBe(s);
    t = 198;
    expect(store.get(s.id, A)).toBe(s);
    t = 260;
    expect(store.get(s.id, A)).toBeUndefined();
    const idle = store.create(A, 'agent', 'x');
    t += 100;
    expect(store.get(idle.id, A)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('stays bounded when 1,000 sessions are created in a loop', () => {
    const store = new SessionStore({ maxSessions: 64 });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push(store.create(A, 'agent', 'x').id);
    expect(store.size).toBe(64);
    expect(store.get(ids[0], A)).toBeUndefined();
    expect(store.get(ids[999], A)).toBeDefined();
  });

  it("an agent's share overflowing pushes out only its own sessions of that kind", () => {
    const store = new SessionStore({ maxSessions: 1_000, maxSessionsPerAgent: 10 });
    const eve = store.create(B, 'agent', 'eve');
    const bobPage = store.create(A, 'agent', 'bob');
    const widgets = Array.from({ length: 500 }, () => store.create('w-x.localhost:1', 'widget', 'bob'));
    expect(store.size).toBe(12);
    expect(store.get(eve.id, B)).toBe(eve);
    expect(store.get(bobPage.id, A)).toBe(bobPage);
    expect(store.get(widgets[489]!.id, 'w-x.localhost:1')).toBeUndefined();
    expect(store.get(widgets[490]!.id, 'w-x.localhost:1')).toBeDefined();
    expect(store.revokeAgent('bob')).toBe(11);
    expect(store.size).toBe(1);
  });

  it('revokes by agent, host and all', () => {
    const store = new SessionStore();
    const a = store.create(A, 'agent', 'bob');
    const b = store.create(B, 'agent', 'eve');
    const d = store.create('desk.localhost:1', 'desk', '');
    expect(store.revokeAgent('bob')).toBe(1);
    expect(store.get(a.id, A)).toBeUndefined();
    expect(store.get(b.id, B)).toBeDefined();
    expect(store.revokeHost(B)).toBe(1);
    expect(store.get(d.id, 'desk.localhost:1')).toBeDefined();
    store.revokeAll();
    expect(store.size).toBe(0);
  });
});

describe('session cookie', () => {
  const id = 'A'.repeat(43);
  it('reads our cookie among others, and nothing malformed', () => {
    expect(readSessionCookie(`${SESSION_COOKIE}=${id}`)).toBe(id);
    expect(readSessionCookie(`a=1; ${SESSION_COOKIE}=${id}; b=2`)).toBe(id);
    expect(readSessionCookie(`x${SESSION_COOKIE}=${id}`)).toBeUndefined();
    expect(readSessionCookie(`${SESSION_COOKIE}=${id}x`)).toBeUndefined();
    expect(readSessionCookie(`${SESSION_COOKIE}=../../etc`)).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
    expect(readSessionCookie('')).toBeUndefined();
  });

  it('takes exactly 43 base64url chars as an id, whatever else a value holds', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 60, unit: 'binary' }), (value) => {
        const read = readSessionCookie(`a=1; ${SESSION_COOKIE}=${value}`);
        const expected = value.split(';')[0]!;
        expect(read).toBe(/^[A-Za-z0-9_-]{43}$/.test(expected) ? expected : undefined);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), (value) => {
        expect(readSessionCookie(`${SESSION_COOKIE}=${value}; b=2`)).toBe(value);
      }),
    );
  });

  it('is __Host-, HttpOnly, Secure; Strict on the desk, None+Partitioned on agents', () => {
    expect(sessionSetCookie(id, 'desk')).toBe(`${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    expect(sessionSetCookie(id, 'agent')).toBe(`${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned`);
    expect(SESSION_COOKIE.startsWith('__Host-')).toBe(true);
  });
});
