import { afterEach, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import type { HarnessAgent } from '../support/desk-harness.js';
import { waitFor } from '../../helpers/wait-for.js';
import { axeViolations } from './axe.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

// While the agent is down, the gateway's own offline page answers 50x inside the frame, and the
// kept page's own calls fail: Chromium logs both.
const DOWN_IS_EXPECTED = [/status of 50[234]/, /ERR_CONNECTION_REFUSED|Failed to fetch/];

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

  it('an outage keeps the agent page and the draft typed in it, under a banner; back online, nothing reloads', async () => {
    const opened = await ui.open({ allowConsole: DOWN_IS_EXPECTED });
    const { page } = opened;
    await page.getByRole('button', { name: 'Open echo' }).click();
    const frame = await opened.agentFrame('echo');
    await frame.evaluate(() => {
      (globalThis as unknown as PageGlobals).__agentDeskMark = 'before the outage';
    });
    await frame.locator('#draft').fill('a draft the user is writing');
    const pane = page.getByTestId(`agent-pane-${opened.agentId('echo')}`);

    await echo.fake.stop();
    const banner = pane.getByTestId('agent-down-banner');
    await banner.waitFor({ timeout: UI_TIMEOUT_MS });
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/echo is offline since (just now|\d+ s ago)/);
    expect(text).toContain('connection refused');
    expect(text).toContain('term-llm contain start echo');
    expect(text).toContain('kept as it was');
    await banner.getByRole('button', { name: 'Reload now' }).waitFor();
    // The page is still there, the same document, with the draft.
    expect(await frame.evaluate(() => (globalThis as unknown as PageGlobals).__agentDeskMark ?? null)).toBe('before the outage');
    expect(await frame.locator('#draft').inputValue()).toBe('a draft the user is writing');
    await page.getByTestId(`sidebar-item-${opened.agentId('echo')}`).locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });

    // The directory card says why, without rows of dashes, and does not pass off the last latency as current.
    await page.getByRole('button', { name: 'Directory', exact: true }).click();
    const card = page.getByTestId(`agent-card-${opened.agentId('echo')}`);
    await card.locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('connection refused');
    expect(cardText).toMatch(/\d+ ms \(last seen online\)/);
    expect(cardText).not.toContain('—');
    await page.getByTestId(`sidebar-item-${opened.agentId('echo')}`).getByRole('button').click();

    await echo.fake.restart();
    await pane.locator('.status-badge[data-status="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await banner.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    expect(await frame.evaluate(() => (globalThis as unknown as PageGlobals).__agentDeskMark ?? null)).toBe('before the outage');
    expect(await frame.locator('#draft').inputValue()).toBe('a draft the user is writing');

    // Reloading is the user's call: a fresh document.
    await pane.getByRole('button', { name: 'Reload echo' }).click();
    const fresh = await waitFor(
      async () => {
        const candidate = await opened.agentFrame('echo');
        const mark = await candidate.evaluate(() => (globalThis as unknown as PageGlobals).__agentDeskMark ?? null).catch(() => 'gone');
        return mark === null ? candidate : null;
      },
      { timeoutMs: UI_TIMEOUT_MS, intervalMs: 200, message: 'a fresh agent page after Reload' },
    );
    expect(await fresh.locator('#draft').inputValue()).toBe('');
    await opened.expectClean();
  });

  it('an agent down before its page loaded explains itself; "Retry now" shows the gateway page in the same words, which gives way to the agent', async () => {
    const opened = await ui.open({ allowConsole: DOWN_IS_EXPECTED });
    const { page } = opened;
    await echo.fake.stop();
    await ui.harness.waitForStatus('echo', 'offline');
    // The page, not only the desk, must know it is down before the click: else the click opens it
    // as an agent that answers, and the gateway's page lands in the frame as a kept page.
    const sidebarItem = page.getByTestId(`sidebar-item-${opened.agentId('echo')}`);
    await sidebarItem.locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await sidebarItem.getByRole('button').click();
    const pane = page.getByTestId(`agent-pane-${opened.agentId('echo')}`);
    const unavailable = pane.getByTestId('agent-unavailable');
    await unavailable.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await unavailable.getByRole('heading').textContent()).toBe('echo is offline');
    expect(await unavailable.textContent()).toContain('loads the agent by itself when it is back');
    expect(await pane.locator('iframe').count()).toBe(0);

    await unavailable.getByRole('button', { name: 'Retry now' }).click();
    const iframe = pane.locator('iframe.agent-frame');
    await iframe.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const gatewayText = await waitFor(
      async () => {
        const frame = await (await iframe.elementHandle())?.contentFrame();
        const text = (await frame?.locator('body').textContent({ timeout: 500 }).catch(() => null)) ?? '';
        return text.includes('echo is offline') ? text : null;
      },
      { timeoutMs: UI_TIMEOUT_MS, intervalMs: 100, message: "the gateway's offline page in the agent frame" },
    );
    // One voice: the same words and the same remedy as the desk, no lagging health status.
    expect(gatewayText).toContain('term-llm contain start echo');
    expect(gatewayText).toContain("comes back by itself as soon as it answers");
    expect(gatewayText).not.toMatch(/State:|online/);
    const gatewayFrame = await (await iframe.elementHandle())!.contentFrame();
    expect(await axeViolations(gatewayFrame!), "the gateway's offline page").toEqual([]);
    await pane.getByTestId('agent-down-banner').waitFor({ timeout: UI_TIMEOUT_MS });

    await echo.fake.restart();
    const frame = await opened.agentFrame('echo');
    expect(new URL(frame.url()).origin).toBe(ui.harness.origin('echo'));
    await pane.getByTestId('agent-down-banner').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await opened.expectClean();
  });
});
