import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

/**
 * Doyensec's Electronegativity over main/ and preload/ (copied into one folder, so its global
 * checks see the whole app). Offline: every DNS lookup fails at once (test/fixtures/no-network.mjs),
 * the Electron version is given (no release lookup) and the "available security fixes" check,
 * which only downloads Electron's release list, is skipped. Every finding must be answered in
 * docs/security.md ("Electronegativity findings"), and every answer there must still be found.
 */
const ROOT = path.resolve('.');
const CLI = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const ELECTRON_VERSION = (JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

interface Finding {
  issue: string;
  file: string;
  location: string;
}

/** RFC 4180 enough for Electronegativity's CSV: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): Finding[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.slice(1).filter((cells) => cells.length >= 5).map((cells) => ({ issue: cells[0]!.trim(), file: cells[3]!.trim(), location: cells[4]!.trim() }));
}

/** `| ISSUE | file | answer |` rows of the findings table in docs/security.md. */
async function answeredFindings(): Promise<Set<string>> {
  const doc = await readFile(path.join(ROOT, 'docs/security.md'), 'utf8');
  const section = doc.split('### Electronegativity findings')[1]?.split(/\n#{2,3} /)[0] ?? '';
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \|/gm)];
  return new Set(rows.map((row) => `${row[1]} ${row[2]}`));
}

describe('Electronegativity over main/ and preload/', () => {
  let dir: TempDir;
  let findings: Finding[];
  let output: string;

  beforeAll(async () => {
    dir = await tempDir('agent-desk-electronegativity-');
    await cp(path.join(ROOT, 'main'), path.join(dir.path, 'app', 'main'), { recursive: true });
    await cp(path.join(ROOT, 'preload'), path.join(dir.path, 'app', 'preload'), { recursive: true });
    const csv = path.join(dir.path, 'findings.csv');
    const args = ['--import', path.join(ROOT, 'test/fixtures/no-network.mjs'), CLI, '-i', path.join(dir.path, 'app'), '-o', csv, '-r'];
    args.push('-e', ELECTRON_VERSION, '-x', 'AvailableSecurityFixesGlobalCheck');
    const run = await promisify(execFile)(process.execPath, args, { cwd: dir.path, timeout: 90_000, env: { PATH: process.env.PATH, HOME: dir.path, LANG: 'en-US' } });
    output = run.stdout + run.stderr;
    findings = parseCsv(await readFile(csv, 'utf8'));
  }, 120_000);

  afterAll(async () => dir?.remove());

  it('ran offline over the whole app and reported through its CSV', () => {
    // Its one remaining network call (translations) met the refusing DNS, and nothing asked for releases.
    expect(output).toContain('Could not retrieve updated translations');
    expect(output).not.toMatch(/Something went wrong while fetching Electron's releases/);
    expect(findings.every((finding) => finding.issue.length > 0)).toBe(true);
  });

  it('every finding is answered in docs/security.md, and every answer is still a finding', async () => {
    const answered = await answeredFindings();
    const found = new Set(findings.map((finding) => `${finding.issue} ${finding.file}`));
    const unanswered = [...found].filter((key) => !answered.has(key));
    expect(unanswered, `answer these in docs/security.md (### Electronegativity findings):\n${unanswered.join('\n')}`).toEqual([]);
    const stale = [...answered].filter((key) => !found.has(key));
    expect(stale, 'answers for findings Electronegativity no longer reports').toEqual([]);
  });
});
