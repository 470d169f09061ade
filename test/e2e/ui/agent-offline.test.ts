import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import type { HarnessAgent } from '../support/desk-harness.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

// While the agent is down, the gateway's own offline page answers 503 inside the frame: Chromium logs that load.
const DOWN_IS_EXPECTED = [/status of 50[234]/];

describe.skipIf(missing)('UI: an agent goes offline and comes back (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  let echo: HarnessAgent;

  // Registered before uiSuite, so it runs after the test's page is closed.
  afterEach(async () => {
    // Leave the agent running for the next test, whatever happened in this one.
    await echo.fake.restart().catch(() => undefined);
    await ui.harness.waitForStatus('echo', 'online');
  }, UI_TEST_TIMEOUT_MS);

  const ui = uiSuite(async (harness) => {
    echo = await harness.addAgent('echo', { token: 'ui-offline-token-canary-echo-3' });
  });

  /** Opens echo (marking its document), then stops the agent and waits for its pane to show it unavailable. */
  async function openEchoThenStopIt(): Promise<{ opened: DeskPage; page: Page; pane: Locator; unavailable: Locator }> {
    const opened = await ui.open({ allowConsole: DOWN_IS_EXPECTED });
    await opened.page.getByRole('button', { name: 'Open echo' }).click();
    const frame = await opened.agentFrame('echo');
    await frame.evaluate(() => {
      (globalThis as unknown as PageGlobals).__agentDeskMark = 'before the outage';
    });
    const { page } = opened;
    const pane = page.getByTestId(`agent-pane-${opened.agentId('echo')}`);

    await echo.fake.stop();
    const unavailable = pane.getByTestId('agent-unavailable');
    await unavailable.waitFor({ timeout: UI_TIMEOUT_MS });
    return { opened, page, pane, unavailable };
  }

  it('shows the offline state with a retry while the agent is down, and reloads the agent by itself when it is back', async () => {
    const { opened, page, pane, unavailable } = await openEchoThenStopIt();
    expect(await unavailable.getByRole('heading').textContent()).toBe('echo is offline');
    expect(await unavailable.textContent()).toContain('reloads by itself when the agent is back');
    await expect(unavailable.getByRole('button', { name: 'Retry now' }).isEnabled()).resolves.toBe(true);
    expect(await pane.locator('iframe').count()).toBe(0);
    await page.getByTestId(`sidebar-item-${opened.agentId('echo')}`).locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });
    // The directory says why, and does not pass off the last latency as current.
    await page.getByRole('button', { name: 'Directory', exact: true }).click();
    const card = page.getByTestId(`agent-card-${opened.agentId('echo')}`);
    await card.locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('connection refused');
    expect(cardText).toMatch(/\d+ ms \(last seen online\)/);
    await page.getByTestId(`sidebar-item-${opened.agentId('echo')}`).getByRole('button').click();
    await unavailable.waitFor({ timeout: UI_TIMEOUT_MS });

    await echo.fake.restart();
    // Back online: a fresh frame with the agent's page, without anyone clicking.
    const frame = await opened.agentFrame('echo');
    expect(new URL(frame.url()).origin).toBe(ui.harness.origin('echo'));
    expect(await frame.evaluate(() => (globalThis as unknown as PageGlobals).__agentDeskMark ?? null)).toBeNull();
    await expect(unavailable.count()).resolves.toBe(0);
    await pane.locator('.status-badge[data-status="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await opened.expectClean();
  });

  it('"Retry now" while down shows the gateway offline page in the frame, which gives way to the agent once it answers', async () => {
    const { opened, pane, unavailable } = await openEchoThenStopIt();
    await unavailable.getByRole('button', { name: 'Retry now' }).click();

    const iframe = pane.locator('iframe.agent-frame');
    await iframe.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const gatewayText = await waitFor(
      async () => {
        const frame = await (await iframe.elementHandle())?.contentFrame();
        const text = (await frame?.locator('body').textContent({ timeout: 500 }).catch(() => null)) ?? '';
        return text.includes('is not answering right now') ? text : null;
      },
      { timeoutMs: UI_TIMEOUT_MS, intervalMs: 100, message: "the gateway's offline page in the agent frame" },
    );
    expect(gatewayText).toContain('echo');
    expect(gatewayText).toContain('tries again');

    await echo.fake.restart();
    const frame = await opened.agentFrame('echo');
    expect(new URL(frame.url()).origin).toBe(ui.harness.origin('echo'));
    await opened.expectClean();
  });
});
