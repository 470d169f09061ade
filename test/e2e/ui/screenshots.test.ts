import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSession, FakeWidget } from '../../fixtures/fake-agent.js';
import { chromiumMissing } from '../support/browser.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';
import { attentionSawRun } from './attention-polls.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const DOCS_SHOTS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');
// The images hold temp paths, latencies and clock times, so every run differs:
// they replace the committed ones only when asked, and go to a temp dir otherwise.
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const VIEWPORT = { width: 1280, height: 800 };

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
const THEMES = ['light', 'dark'] as const;

const WIDGETS: FakeWidget[] = [
  { id: 'notes', mount: 'notes', title: 'Notes', description: 'A scratch pad the agent keeps', state: 'running' },
  { id: 'charts', mount: 'charts', title: 'Charts', state: 'stopped' },
];

function sessions(count: number, activeRuns: number): FakeSession[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `s${index}`,
    short_title: `Session ${index}`,
    long_title: `Session ${index}`,
    active_run: index < activeRuns,
    message_count: 3 + index,
    last_message_at: Date.now() - index * 60_000,
    transcript_rev: index,
  }));
}

/**
 * The README's screenshots, 1280×800, light and dark: the first-run empty
 * state, the directory with agents in several states, an open agent, and
 * the inbox with an approval, a question and a finished run.
 * `UPDATE_SCREENSHOTS=1 npx vitest run test/e2e/ui/screenshots.test.ts`
 * writes them to docs/screenshots/<name>-<theme>.png.
 */
describe.skipIf(missing)('UI screenshots for the docs (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  let scratch: TempDir | undefined;
  let shotsDir: string;

  // Registered before uiSuite, so the scratch dir goes after the desk is closed.
  beforeAll(async () => {
    if (UPDATE) {
      shotsDir = DOCS_SHOTS_DIR;
      await mkdir(shotsDir, { recursive: true });
    } else {
      scratch = await tempDir('agent-desk-screenshots-');
      shotsDir = scratch.path;
    }
  }, UI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await scratch?.remove();
  }, UI_TEST_TIMEOUT_MS);

  const ui = uiSuite(undefined, { harness: { attentionIntervalsMs: { active: 200, idle: 400 } } });

  /** Writes `<name>-<theme>.png` and checks it is a 1280×800 PNG. */
  async function capture(page: Page, name: string, theme: string): Promise<void> {
    const file = path.join(shotsDir, `${name}-${theme}.png`);
    await page.screenshot({ path: file });
    expect(await pngSize(file)).toEqual(VIEWPORT);
  }

  it('empty state', async () => {
    for (const theme of THEMES) {
      const deskPage = await ui.open({ colorScheme: theme, viewport: VIEWPORT });
      await deskPage.page.getByTestId('empty-state').getByRole('list', { name: 'Workspace roots' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await capture(deskPage.page, 'empty-state', theme);
      await deskPage.expectClean();
      await deskPage.close();
    }
  });

  it('directory and an open agent', async () => {
    await ui.harness.addAgent('research', { widgets: WIDGETS, sessions: sessions(4, 1), version: '0.42.1' });
    await ui.harness.addAgent('mail-triage', { sessions: sessions(2, 0), version: '0.42.1', capabilities: ['web', 'api'] });
    const down = await ui.harness.addAgent('homelab', { version: '0.41.0' });
    await down.fake.stop();
    await ui.harness.waitForStatus('homelab', 'offline');
    // A workspace term-llm has not provisioned yet: no token.
    await mkdir(path.join(ui.harness.root, 'drafts'));
    await writeFile(path.join(ui.harness.root, 'drafts', '.env'), 'WEB_PORT=8099\n', { mode: 0o600 });

    for (const theme of THEMES) {
      const deskPage = await ui.open({ colorScheme: theme, viewport: VIEWPORT, allowConsole: [/status of 50[234]/] });
      const { page } = deskPage;
      for (const name of ['research', 'mail-triage', 'homelab']) {
        await page.getByTestId(`agent-card-${deskPage.agentId(name)}`).waitFor({ timeout: UI_TIMEOUT_MS });
      }
      await page.getByRole('heading', { name: 'drafts' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await page.getByTestId(`agent-card-${deskPage.agentId('research')}`).locator('summary').click();
      await capture(page, 'directory', theme);

      await page.getByRole('button', { name: 'Open research' }).click();
      const frame = await deskPage.agentFrame('research');
      await frame.locator('#sessions', { hasText: 'sessions: 4' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await capture(page, 'agent', theme);
      expect(await page.getByTestId(`agent-pane-${deskPage.agentId('research')}`).isVisible()).toBe(true);
      await deskPage.expectClean();
      await deskPage.close();
    }
  });

  it('inbox', async () => {
    // Runs after the directory shot, with its agents.
    const research = ui.harness.agents.get('research')!.fake;
    const mail = ui.harness.agents.get('mail-triage')!.fake;
    // mail-triage was never on screen, so its finished run is an item (research was, a moment ago).
    mail.sessions.startRun('triage', 'Triage Monday’s mail');
    await attentionSawRun(mail, 'triage');
    mail.sessions.finishRun('triage');
    mail.sessions.startRun('weekly', 'Weekly report');
    mail.sessions.askUser('weekly', [{ question: 'Send the report to the whole team?', header: 'Recipients', options: ['Whole team', 'Only me'] }]);
    research.sessions.startRun('refactor', 'Refactor the parser');
    research.sessions.requestApproval('refactor', { title: 'rm -rf build && npm run build' });
    for (const theme of THEMES) {
      const deskPage = await ui.open({ colorScheme: theme, viewport: VIEWPORT, allowConsole: [/status of 50[234]/] });
      const { page } = deskPage;
      await page.getByRole('button', { name: /^Inbox/ }).click();
      for (const kind of ['approval', 'question', 'finished']) await page.getByTestId(`attention-item-${kind}`).waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await page.title()).toBe('(2) Agent Desk');
      await capture(page, 'inbox', theme);
      await deskPage.expectClean();
      await deskPage.close();
    }
  });
});
