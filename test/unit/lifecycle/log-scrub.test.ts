import { describe, expect, it } from 'vitest';
import { LogRing, scrubLine, stripAnsi } from '../../../main/core/lifecycle/index.js';
import { LineSplitter } from '../../../main/core/lifecycle/line-splitter.js';

const TOKEN = 'c0ffee'.repeat(8);

describe('scrubLine', () => {
  it('removes the agent token and common API-key shapes before anything stores the line', () => {
    const line = `WEB_TOKEN=${TOKEN} ANTHROPIC_API_KEY=sk-ant-api03-AbCdEf012345_xyz OPENAI=sk-proj-0123456789abcdefABCD google=AIzaSyA1234567890abcdefghijklmn gh=ghp_0123456789abcdefghijABCDEFGHIJ slack=xoxb-1234-5678-abcdefgh`;
    const scrubbed = scrubLine(line, [TOKEN]);
    expect(scrubbed).toBe('WEB_TOKEN=[redacted] ANTHROPIC_API_KEY=[redacted] OPENAI=[redacted] google=[redacted] gh=[redacted] slack=[redacted]');
  });

  it('keeps ordinary words (task-list, sk-1, xoxo) and ignores empty secrets', () => {
    expect(scrubLine('task-list sk-1 xoxo risk-free', ['', 'ab'])).toBe('task-list sk-1 xoxo risk-free');
  });

  it('strips colours, cursor moves, titles and stray controls, keeping tabs', () => {
    expect(stripAnsi('\x1b[1;32mgreen\x1b[0m\tok\x1b]0;title\x07\x1b[2K\x07!')).toBe('green\tok!');
  });

  it('a token split by a colour code is still removed (ANSI goes first)', () => {
    const split = `${TOKEN.slice(0, 10)}\x1b[0m${TOKEN.slice(10)}`;
    expect(scrubLine(split, [TOKEN])).toBe('[redacted]');
  });
});

describe('LogRing', () => {
  it('keeps the newest lines within the line and character caps', () => {
    const ring = new LogRing({ maxLines: 3, maxChars: 1_000 });
    for (let i = 0; i < 5000; i += 1) ring.push({ at: i, source: 'command', text: `line ${i}` });
    expect(ring.list().map((line) => line.text)).toEqual(['line 4997', 'line 4998', 'line 4999']);
    const chars = new LogRing({ maxLines: 100, maxChars: 10 });
    for (const text of ['aaaa', 'bbbb', 'cccc']) chars.push({ at: 0, source: 'container', text });
    expect(chars.list().map((line) => line.text)).toEqual(['bbbb', 'cccc']);
  });
});

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and \\r, across chunks and multi-byte characters, and caps long lines', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const euro = Buffer.from('€');
    splitter.push('a\r\nb');
    splitter.push(Buffer.concat([Buffer.from('c'), euro.subarray(0, 1)]));
    splitter.push(Buffer.concat([euro.subarray(1), Buffer.from('\rprogress\n')]));
    splitter.push('x'.repeat(10_000));
    splitter.end();
    expect(lines.slice(0, 3)).toEqual(['a', 'bc€', 'progress']);
    expect(lines.slice(3).every((line) => line.length <= 4_000)).toBe(true);
  });
});
