import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import type { DeskHarness } from '../support/desk-harness.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('UI: an agent appears live when its workspace is created (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite();

  it('shows the new agent in the directory and the sidebar without a reload', async () => {
    const deskPage = await ui.open();
    const { page, harness } = deskPage;
    await page.getByTestId('empty-state').waitFor({ timeout: UI_TIMEOUT_MS });
    // A marker on the desk's window: a reload would lose it.
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__sameDocument = 'still here';
    });

    // The workspace folder is written only now, with the page already open.
    await harness.addAgent('nova', { token: 'ui-live-token-canary-nova-0451' }, { waitOnline: false });
    const id = await waitForRecordId(harness, 'nova');

    const card = page.getByTestId(`agent-card-${id}`);
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId(`sidebar-item-${id}`).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.getByTestId('empty-state').count()).resolves.toBe(0);
    // Health reaches the card through the event stream as well.
    await card.locator('.status-badge[data-status="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await card.textContent()).toContain('0.9.0-fake');

    const marker = await page.evaluate(() => (globalThis as unknown as PageGlobals).__sameDocument);
    expect(marker).toBe('still here');
    await deskPage.expectClean();
  });
});

async function waitForRecordId(harness: DeskHarness, name: string): Promise<string> {
  return waitFor(() => harness.recordOf(name)?.id, { timeoutMs: UI_TIMEOUT_MS, message: `the desk to discover ${name}` });
}
