/**
 * A `.env` parser with Docker Compose semantics (compose-spec/compose-go
 * `dotenv`), because Compose is what hands these values to the container.
 *
 * Where Compose and the `dotenv` npm package differ, Compose wins:
 * - an unquoted value ends at ` #` (a space, then `#`); `abc#def` keeps its `#`;
 *   `K=   # note` yields `# note` (leading spaces go first, so no ` #` is left);
 * - backticks are not quotes: `` K=`v` `` yields `` `v` `` literally;
 * - `K: v` is Compose's YAML-style assignment and DOES set K (compose-go's
 *   `locateKeyName` ends a key at `=` or `:`); dotenv agrees here, by accident;
 * - a line holding only a key name (`K`) takes K from the shell that runs
 *   Compose; we cannot know that shell, so such a line sets nothing;
 * - double quotes understand `\n \r \t \a \b \f \v \" \\ \$`; single quotes keep
 *   everything literally except `\'`; both may span lines;
 * - a syntax error Compose would refuse (bad key character, unterminated
 *   quote) throws `EnvFileSyntaxError`: the container could not start either.
 *
 * Not reproduced: `$VAR` / `${VAR}` interpolation (a `$` stays literal). It
 * depends on the environment of whoever runs Compose, which we do not have.
 *
 * Errors carry a line number and a fixed description, never file content:
 * the same file holds provider API keys.
 */
export class EnvFileSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'EnvFileSyntaxError';
  }
}

const UTF8_BOM = '\uFEFF';
/** compose-go `isSpace`: whitespace that is not a line break. */
const INLINE_SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00A0']);
const EXPORT_PREFIX = /^export[ \t\v\f\r\u0085\u00A0]+/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', '\\': '\\', $: '$',
};

const UNICODE_LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function isKeyChar(char: string): boolean {
  if ((char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9')) return true;
  if (char === '_' || char === '.' || char === '-' || char === '[' || char === ']') return true;
  return char > '\x7f' && UNICODE_LETTER_OR_NUMBER.test(char);
}

/** Parses `.env` text; the last assignment of a key wins. */
export function parseEnvFile(text: string): Map<string, string> {
  const src = (text.startsWith(UTF8_BOM) ? text.slice(1) : text).replace(/\r\n/g, '\n');
  const out = new Map<string, string>();
  let pos = 0;
  let line = 1;

  const advanceTo = (next: number): void => {
    for (let i = pos; i < next; i++) if (src[i] === '\n') line++;
    pos = next;
  };

  for (;;) {
    // Skip blank space and whole-line comments to the next statement.
    while (pos < src.length) {
      const char = src[pos] as string;
      if (char === '#') {
        const end = src.indexOf('\n', pos);
        advanceTo(end === -1 ? src.length : end);
      } else if (char === '\n' || INLINE_SPACE.has(char)) {
        advanceTo(pos + 1);
      } else {
        break;
      }
    }
    if (pos >= src.length) return out;

    const exported = EXPORT_PREFIX.exec(src.slice(pos, pos + 64));
    if (exported) advanceTo(pos + exported[0].length);

    // Key: up to `=`, `:` (YAML style) or end of line (inherited, sets nothing).
    let keyEnd = pos;
    let terminator = '';
    while (keyEnd < src.length) {
      const char = src[keyEnd] as string;
      if (char === '=' || char === ':' || char === '\n') {
        terminator = char;
        break;
      }
      if (!INLINE_SPACE.has(char) && !isKeyChar(char)) {
        throw new EnvFileSyntaxError(line, 'unexpected character in a variable name');
      }
      keyEnd++;
    }
    let keyLast = keyEnd;
    while (keyLast > pos && INLINE_SPACE.has(src[keyLast - 1] as string)) keyLast--;
    const key = src.slice(pos, keyLast);
    for (const char of key) {
      if (INLINE_SPACE.has(char)) throw new EnvFileSyntaxError(line, 'a variable name cannot contain a space');
    }
    if (terminator !== '=' && terminator !== ':') {
      advanceTo(keyEnd); // `KEY` alone: inherited from the shell running Compose.
      continue;
    }
    if (key === '') throw new EnvFileSyntaxError(line, 'an assignment has no variable name');
    advanceTo(keyEnd + 1);
    while (pos < src.length && INLINE_SPACE.has(src[pos] as string)) pos++;

    const quote = src[pos];
    if (quote === '"' || quote === "'") {
      out.set(key, readQuoted(quote));
    } else {
      const end = src.indexOf('\n', pos);
      let value = src.slice(pos, end === -1 ? src.length : end);
      const comment = value.indexOf(' #');
      if (comment !== -1) value = value.slice(0, comment);
      // trimEnd, not a /\s+$/ regex: that one is quadratic on long inner runs of spaces.
      out.set(key, value.trimEnd());
      advanceTo(end === -1 ? src.length : end);
    }
  }

  function readQuoted(quote: '"' | "'"): string {
    const startLine = line;
    let value = '';
    for (let i = pos + 1; i < src.length; i++) {
      const char = src[i] as string;
      if (char === '\\' && i + 1 < src.length) {
        const next = src[i + 1] as string;
        if (next === quote) {
          value += quote;
        } else if (quote === '"' && next in DOUBLE_QUOTE_ESCAPES) {
          value += DOUBLE_QUOTE_ESCAPES[next];
        } else {
          value += char + next;
        }
        i++;
        continue;
      }
      if (char === quote) {
        advanceTo(i + 1);
        return value;
      }
      value += char;
    }
    throw new EnvFileSyntaxError(startLine, 'a quoted value is never closed');
  }
}
