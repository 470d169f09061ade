import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSession, FakeWidget } from '../../fixtures/fake-agent.js';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { DeskHarness } from '../support/desk-harness.js';
import { DeskPage, UI_TIMEOUT_MS } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const SHOTS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');
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
 * state, the directory with agents in several states, and an open agent.
 */
describe.skipIf(missing)('UI screenshots for the docs (real Chromium, real desk)', () => {
  let harness: DeskHarness;
  let browser: Browser;
  let deskPage: DeskPage | undefined;

  beforeAll(async () => {
    harness = await DeskHarness.start();
    browser = await launchChromium();
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterEach(async () => {
    await deskPage?.close();
    deskPage = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  const shot = (name: string, theme: string) => path.join(SHOTS_DIR, `${name}-${theme}.png`);

  it('empty state', async () => {
    for (const theme of THEMES) {
      deskPage = await DeskPage.open(browser, harness, { colorScheme: theme });
      await deskPage.page.getByTestId('empty-state').getByRole('list', { name: 'Workspace roots' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await deskPage.page.screenshot({ path: shot('empty-state', theme) });
      await deskPage.expectClean();
      await deskPage.close();
      deskPage = undefined;
    }
  });

  it('directory and an open agent', async () => {
    await harness.addAgent('research', { widgets: WIDGETS, sessions: sessions(4, 1), version: '0.42.1' });
    await harness.addAgent('mail-triage', { sessions: sessions(2, 0), version: '0.42.1', capabilities: ['web', 'api'] });
    const down = await harness.addAgent('homelab', { version: '0.41.0' });
    await down.fake.stop();
    await harness.waitForStatus('homelab', 'offline');
    // A workspace term-llm has not provisioned yet: no token.
    await mkdir(path.join(harness.root, 'drafts'));
    await writeFile(path.join(harness.root, 'drafts', '.env'), 'WEB_PORT=8099\n', { mode: 0o600 });

    for (const theme of THEMES) {
      deskPage = await DeskPage.open(browser, harness, { colorScheme: theme, allowConsole: [/status of 50[234]/] });
      const { page } = deskPage;
      for (const name of ['research', 'mail-triage', 'homelab']) {
        await page.getByTestId(`agent-card-${deskPage.agentId(name)}`).waitFor({ timeout: UI_TIMEOUT_MS });
      }
      await page.getByRole('heading', { name: 'drafts' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await page.getByTestId(`agent-card-${deskPage.agentId('research')}`).locator('summary').click();
      await page.screenshot({ path: shot('directory', theme) });

      await page.getByRole('button', { name: 'Open research' }).click();
      const frame = await deskPage.agentFrame('research');
      await frame.locator('#sessions', { hasText: 'sessions: 4' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await page.screenshot({ path: shot('agent', theme) });
      expect(await page.getByTestId(`agent-pane-${deskPage.agentId('research')}`).isVisible()).toBe(true);
      await deskPage.expectClean();
      await deskPage.close();
      deskPage = undefined;
    }
  });
});
