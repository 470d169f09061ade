import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS } from '../../../main/core/lifecycle/line-splitter.js';
import { scrubLine } from '../../../main/core/lifecycle/log-scrub.js';

const SECRET = 'f3c1a9d0b7e24c6a8d5f0e1b2c3d4e5f6a7b8c9d0e1f2a3b';

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), (line) => scrubLine(line, [SECRET]));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and a bare \\r', () => {
    expect(split(['a\nb\r\nc', '\rd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('scrubs a whole line before cutting it: a secret across the cut leaves no fragment', () => {
    const line = `${'x'.repeat(MAX_LINE_CHARS - 20)}${SECRET}${'y'.repeat(100)}`;
    const [out] = split([`${line}\n`]);
    expect(out).toHaveLength(MAX_LINE_CHARS);
    expect(out).not.toContain(SECRET.slice(0, 8));
    expect(out).toContain('[redacted]');
  });

  it('an unfinished line too long to keep: handed on scrubbed and cut, its rest dropped up to its end', () => {
    // Arrives in pieces, with no end for 40,000 characters; secrets across the 4,000 cut and further on.
    const head = `${'x'.repeat(MAX_LINE_CHARS - 20)}${SECRET}`;
    const chunks = [head, ...Array.from({ length: 12 }, (_, i) => `${'z'.repeat(3_000 - SECRET.length)}${i % 2 ? SECRET : ''}`), 'tail\nnext\n'];
    const lines = split(chunks);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(MAX_LINE_CHARS);
    expect(lines[1]).toBe('next');
    const all = lines.join('\n');
    for (const fragment of [SECRET.slice(0, 8), SECRET.slice(-8), SECRET.slice(20, 28)]) expect(all).not.toContain(fragment);
  });

  it('without a scrubber, lines are only cut', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push(`${'a'.repeat(5_000)}\nb`);
    splitter.end();
    expect(lines.map((line) => line.length)).toEqual([MAX_LINE_CHARS, 1]);
  });
});
