import { parse as dotenvParse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { EnvFileSyntaxError, parseEnvFile } from '../../../main/core/workspace/env-file.js';

const parsed = (text: string): Record<string, string> => Object.fromEntries(parseEnvFile(text));

describe('parseEnvFile: the basics Compose and dotenv share', () => {
  it('reads KEY=value lines, skipping comments and blank lines', () => {
    expect(parsed('# comment\n\nA=1\n  # indented comment\nB=two\n')).toEqual({ A: '1', B: 'two' });
  });

  it('strips an `export ` prefix', () => {
    expect(parsed('export WEB_PORT=9000\nexport\tWEB_TOKEN=t')).toEqual({ WEB_PORT: '9000', WEB_TOKEN: 't' });
  });

  it('keeps a key that merely starts with "export"', () => {
    expect(parsed('exported=1')).toEqual({ exported: '1' });
  });

  it('trims whitespace around keys and unquoted values', () => {
    expect(parsed('  A  =   spaced value   \n')).toEqual({ A: 'spaced value' });
  });

  it('handles CRLF line endings', () => {
    expect(parsed('A=1\r\nB="two"\r\nC=\'3\'\r\n')).toEqual({ A: '1', B: 'two', C: '3' });
  });

  it('lets the last duplicate win', () => {
    expect(parsed('WEB_PORT=1\nWEB_PORT=2\nWEB_PORT=3')).toEqual({ WEB_PORT: '3' });
  });

  it('reads an empty value as empty', () => {
    expect(parsed('A=\nB=""\nC=\'\'')).toEqual({ A: '', B: '', C: '' });
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(parsed('\uFEFFA=1')).toEqual({ A: '1' });
  });

  it('expands \\n \\" \\\\ in double quotes', () => {
    expect(parseEnvFile('A="l1\\nl2 \\"q\\" back\\\\slash"').get('A')).toBe('l1\nl2 "q" back\\slash');
  });

  it('keeps single-quoted values literal', () => {
    expect(parseEnvFile("A='l1\\nl2 $HOME \\\\ \"x\"'").get('A')).toBe('l1\\nl2 $HOME \\\\ "x"');
  });

  it('lets a quoted value span lines and keeps # inside quotes', () => {
    expect(parsed('A="one\ntwo # not a comment"\nB=3')).toEqual({ A: 'one\ntwo # not a comment', B: '3' });
  });

  it('allows a comment after a closing quote', () => {
    expect(parsed('A="v" # note\nB=\'w\'#note')).toEqual({ A: 'v', B: 'w' });
  });
});

describe('parseEnvFile: where Compose differs from dotenv, Compose wins', () => {
  it('keeps # in an unquoted value unless a space precedes it', () => {
    const text = 'WEB_TOKEN=abc#def';
    expect(dotenvParse(text).WEB_TOKEN).toBe('abc'); // the difference this test guards
    expect(parseEnvFile(text).get('WEB_TOKEN')).toBe('abc#def');
  });

  it('ends an unquoted value at " #"', () => {
    expect(parseEnvFile('WEB_PORT=9000 # the port').get('WEB_PORT')).toBe('9000');
    expect(parseEnvFile('WEB_PORT=9000    #x').get('WEB_PORT')).toBe('9000');
  });

  it('reads "K=   # note" as the value "# note", as compose-go does', () => {
    expect(parseEnvFile('WEB_TOKEN=   # not set yet').get('WEB_TOKEN')).toBe('# not set yet');
  });

  it('does not treat backticks as quotes', () => {
    const text = 'WEB_TOKEN=`abc`';
    expect(dotenvParse(text).WEB_TOKEN).toBe('abc');
    expect(parseEnvFile(text).get('WEB_TOKEN')).toBe('`abc`');
  });

  it('reads YAML-style "K: v" as an assignment (compose-go locateKeyName ends a key at ":")', () => {
    expect(parsed('WEB_PORT: 9000\nWEB_TOKEN:tok')).toEqual({ WEB_PORT: '9000', WEB_TOKEN: 'tok' });
  });

  it('sets nothing for a bare key (Compose would inherit it from its own shell)', () => {
    expect(parsed('WEB_TOKEN\nA=1')).toEqual({ A: '1' });
  });

  it('unescapes \\\' inside single quotes (compose-go skips an escaped quote)', () => {
    expect(parseEnvFile("A='it\\'s'").get('A')).toBe("it's");
  });

  it('keeps $ literal (no interpolation: the shell that runs Compose is unknown)', () => {
    expect(parseEnvFile('A=$HOME/x\nB="${A}"').get('B')).toBe('${A}');
    expect(parseEnvFile('A=$HOME/x').get('A')).toBe('$HOME/x');
  });

  it('continues after a quoted value like compose-go: `K="v" B=2` also sets B', () => {
    expect(parsed('K="v" B=2')).toEqual({ K: 'v', B: '2' });
  });
});

describe('parseEnvFile: syntax Compose refuses throws a specific error without content', () => {
  const secretish = 'sk-ant-canary-should-not-leak';

  it.each([
    [`A="${secretish}`, 1, 'never closed'],
    [`A=1\nB='${secretish}\nC=3`, 2, 'never closed'],
    [`A=1\n$${secretish}=x`, 2, 'unexpected character'],
    [`MY KEY=${secretish}`, 1, 'cannot contain a space'],
    [`=${secretish}`, 1, 'no variable name'],
  ])('%j → line %i', (text, line, problem) => {
    let caught: unknown;
    try {
      parseEnvFile(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvFileSyntaxError);
    const error = caught as EnvFileSyntaxError;
    expect(error.line).toBe(line);
    expect(error.message).toContain(problem);
    expect(error.message).not.toContain(secretish);
    expect(String(error.stack)).not.toContain(secretish);
  });
});

describe('parseEnvFile: long runs (64 KiB worth) parse correctly', () => {
  const n = 60 * 1024;
  it('keeps inner spaces and trims trailing ones of a huge value', () => {
    expect(parseEnvFile(`A=x${' '.repeat(n)}y${' '.repeat(n)}`).get('A')).toBe(`x${' '.repeat(n)}y`);
  });
  it('refuses a key with a long inner run of spaces', () => {
    expect(() => parseEnvFile(`A${' '.repeat(n)}B=1`)).toThrow(EnvFileSyntaxError);
  });
  it('trims a long run of spaces between key and =', () => {
    expect(parseEnvFile(`AB${' '.repeat(n)}=1`).get('AB')).toBe('1');
  });
});
