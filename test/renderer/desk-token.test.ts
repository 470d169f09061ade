import { describe, expect, it } from 'vitest';
import { adoptTokenFromAddress, DESK_TOKEN_KEY, storedToken } from '../../renderer/api/desk-token.js';

function place(hash: string) {
  const items = new Map<string, string>();
  const replaced: string[] = [];
  return {
    items,
    replaced,
    value: {
      location: { hash, pathname: '/', search: '?agent=x' },
      history: { state: { keep: 1 }, replaceState: (_s: unknown, _u: string, url: string) => void replaced.push(url) },
      storage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) },
    },
  };
}

describe('desk token hand-over', () => {
  const token = 'a'.repeat(21) + '_-' + 'Z'.repeat(20);

  it('moves the token from the fragment into storage and out of the address bar', () => {
    const p = place(`#desk-token=${token}`);
    expect(adoptTokenFromAddress(p.value)).toBe(true);
    expect(p.items.get(DESK_TOKEN_KEY)).toBe(token);
    expect(p.replaced).toEqual(['/?agent=x']);
    expect(storedToken(p.value.storage)).toBe(token);
  });

  it('leaves the address alone without a well-formed token', () => {
    for (const hash of ['', '#x', `#desk-token=${token}x`, '#desk-token=short', `#other-desk-token=${token}`]) {
      const p = place(hash);
      expect(adoptTokenFromAddress(p.value)).toBe(false);
      expect(p.items.size).toBe(0);
      expect(p.replaced).toEqual([]);
    }
  });

  it('reads nothing when storage throws', () => {
    expect(storedToken({ getItem: () => { throw new Error('denied'); } })).toBeNull();
  });
});
