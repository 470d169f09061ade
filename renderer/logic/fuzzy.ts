/**
 * A small subsequence scorer for the quick switcher: every query character
 * must appear in order. Matches at the start, after a separator, or right
 * after the previous match score higher; gaps cost a little. Returns null
 * when the query does not match at all. Higher is better.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') return 0;
  const haystack = text.toLowerCase();
  let score = 0;
  let previous = -1;
  let searchFrom = 0;
  for (const char of needle) {
    if (char === ' ') continue;
    const index = haystack.indexOf(char, searchFrom);
    if (index === -1) return null;
    if (index === 0) score += 10;
    else if (isSeparator(haystack[index - 1])) score += 8;
    if (previous !== -1 && index === previous + 1) score += 5;
    else if (previous !== -1) score -= Math.min(index - previous - 1, 5);
    score += 1;
    previous = index;
    searchFrom = index + 1;
  }
  // Prefer shorter texts when everything else is equal ("api" over "api-gateway-old").
  return score - haystack.length * 0.01;
}

function isSeparator(char: string | undefined): boolean {
  return char === undefined || /[\s\-_./]/.test(char);
}

/** Items matching `query`, best first; ties keep their input order. */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, textOf(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((entry) => entry.item);
}
