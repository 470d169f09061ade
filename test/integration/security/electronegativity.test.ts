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

/**
 * The findings from Electronegativity's SARIF report. Not its CSV: the tool writes the CSV header
 * and the rows with two concurrent `fs.writeFile` calls (dist/util/file.js), and when the header's
 * truncating write lands second the file comes out garbled; the SARIF report is one write.
 */
function parseSarif(text: string): Finding[] {
  interface SarifResult {
    ruleId?: string;
    locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } } }>;
  }
  const report = JSON.parse(text) as { runs?: Array<{ results?: SarifResult[] }> };
  return (report.runs?.[0]?.results ?? []).map((result) => {
    const where = result.locations?.[0]?.physicalLocation;
    return {
      issue: result.ruleId ?? '',
      file: where?.artifactLocation?.uri ?? '',
      location: `${where?.region?.startLine ?? 0}:${where?.region?.startColumn ?? 0}`,
    };
  });
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
    const report = path.join(dir.path, 'findings.sarif');
    const args = ['--import', path.join(ROOT, 'test/fixtures/no-network.mjs'), CLI, '-i', path.join(dir.path, 'app'), '-o', report, '-r'];
    args.push('-e', ELECTRON_VERSION, '-x', 'AvailableSecurityFixesGlobalCheck');
    const run = await promisify(execFile)(process.execPath, args, { cwd: dir.path, timeout: 90_000, env: { PATH: process.env.PATH, HOME: dir.path, LANG: 'en-US' } });
    output = run.stdout + run.stderr;
    findings = parseSarif(await readFile(report, 'utf8'));
  }, 120_000);

  afterAll(async () => dir?.remove());

  it('ran offline over the whole app and reported through its SARIF report', () => {
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
