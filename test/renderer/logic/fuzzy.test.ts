import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../renderer/logic/fuzzy.js';

describe('fuzzyScore', () => {
  it('matches a subsequence in order, case-insensitively', () => {
    expect(fuzzyScore('rsch', 'Research')).not.toBeNull();
    expect(fuzzyScore('RES', 'research')).not.toBeNull();
  });

  it('rejects characters that are missing or out of order', () => {
    expect(fuzzyScore('xyz', 'research')).toBeNull();
    expect(fuzzyScore('hcr', 'research')).toBeNull();
  });

  it('an empty query matches everything with a neutral score', () => {
    expect(fuzzyScore('', 'anything')).toBe(0);
    expect(fuzzyScore('   ', 'anything')).toBe(0);
  });

  it('ranks a prefix above a scattered match', () => {
    expect(fuzzyScore('cod', 'coder')!).toBeGreaterThan(fuzzyScore('cod', 'cloud-db')!);
  });

  it('ranks a match at a word boundary above one inside a word', () => {
    expect(fuzzyScore('bot', 'my-bot')!).toBeGreaterThan(fuzzyScore('bot', 'robotic')!);
  });

  it('prefers the shorter text when the match is otherwise equal', () => {
    expect(fuzzyScore('api', 'api')!).toBeGreaterThan(fuzzyScore('api', 'api-gateway-old')!);
  });
});

describe('fuzzyFilter', () => {
  const names = ['research', 'coder', 'home-assistant', 'cloud-db'];

  it('keeps only matches, best first', () => {
    expect(fuzzyFilter(names, 'cod', (name) => name)).toEqual(['coder', 'cloud-db']);
  });

  it('keeps the input order for an empty query', () => {
    expect(fuzzyFilter(names, '', (name) => name)).toEqual(names);
  });

  it('returns nothing when nothing matches', () => {
    expect(fuzzyFilter(names, 'zzz', (name) => name)).toEqual([]);
  });
});
