import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvFileSyntaxError, parseEnvFile } from '../../../main/core/workspace/env-file.js';

/** Characters that make `.env` parsing interesting: quotes, escapes, comments, separators, odd spaces. */
const envChars = fc.constantFrom(...'AZaz09_.-=:#"\'\\ \t\r\n$`{}[]é\u00a0\u0085\uFEFF'.split(''));
const envText = fc.oneof(fc.string({ unit: envChars, maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

const keyArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/);
/** Values as a user writes them: no line break, printable, spaces and `#` included. */
const plainValue = fc.string({ unit: fc.constantFrom(...'abcXYZ019 #$=:_-./é'.split('')), maxLength: 20 });

type Style = 'unquoted' | 'single' | 'double' | 'export' | 'colon';
interface Entry {
  key: string;
  value: string;
  style: Style;
}

/** What parseEnvFile must return for an unquoted value: up to ` #`, trailing space trimmed, leading space skipped. */
function unquotedReading(value: string): string {
  const start = value.replace(/^[ \t]+/, '');
  const comment = start.indexOf(' #');
  return (comment === -1 ? start : start.slice(0, comment)).trimEnd();
}

function render(entry: Entry): { line: string; expected: string } {
  switch (entry.style) {
    case 'single':
      return { line: `${entry.key}='${entry.value.replace(/'/g, "\\'")}'`, expected: entry.value };
    case 'double':
      return { line: `${entry.key}="${entry.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`, expected: entry.value };
    case 'export':
      return { line: `export ${entry.key}=${entry.value}`, expected: unquotedReading(entry.value) };
    case 'colon':
      return { line: `${entry.key}: ${entry.value}`, expected: unquotedReading(entry.value) };
    default:
      return { line: `${entry.key}=${entry.value}`, expected: unquotedReading(entry.value) };
  }
}

const entryArb = fc.record({
  key: keyArb,
  value: plainValue,
  style: fc.constantFrom<Style>('unquoted', 'single', 'double', 'export', 'colon'),
});
const noiseArb = fc.constantFrom('', '# a comment', '   ', '\t# indented comment', 'INHERITED_ONLY');

describe('parseEnvFile (property)', () => {
  it('never throws anything but its own syntax error, whatever the bytes', () => {
    fc.assert(
      fc.property(envText, (text) => {
        try {
          const parsed = parseEnvFile(text);
          expect(parsed).toBeInstanceOf(Map);
        } catch (error) {
          expect(error).toBeInstanceOf(EnvFileSyntaxError);
          // Errors carry a line number and a fixed phrase, never file content.
          expect((error as Error).message).toMatch(/^line \d+: [a-z ]+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns a key or value it did not read (input without escapes)', () => {
    fc.assert(
      fc.property(
        envText.filter((text) => !text.includes('\\')),
        (text) => {
          let parsed: Map<string, string>;
          try {
            parsed = parseEnvFile(text);
          } catch {
            return;
          }
          const source = text.replace(/\r\n/g, '\n');
          for (const [key, value] of parsed) {
            expect(source).toContain(key);
            expect(source).toContain(value);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads back exactly what was written, last assignment winning, around comments and blank lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(entryArb.map((entry) => ({ entry })), noiseArb.map((noise) => ({ noise }))), { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, eol) => {
          const expected = new Map<string, string>();
          const text = lines
            .map((line) => {
              if ('noise' in line) return line.noise;
              const { line: rendered, expected: value } = render(line.entry);
              expected.set(line.entry.key, value);
              return rendered;
            })
            .join(eol);
          expect(parseEnvFile(text)).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
