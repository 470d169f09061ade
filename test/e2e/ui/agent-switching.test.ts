import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('UI: two agents open, switched by keyboard (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(async (harness) => {
    await harness.addAgent('alpha', { token: 'ui-switch-token-canary-alpha-1' });
    await harness.addAgent('bravo', { token: 'ui-switch-token-canary-bravo-2' });
  });

  const originOf = (frame: Frame) => new URL(frame.url()).origin;
  const mark = (frame: Frame) => frame.evaluate(() => (globalThis as unknown as PageGlobals).__agentDeskMark ?? null);

  it('Ctrl+1 / Ctrl+2 / Ctrl+Tab / Ctrl+K switch agents; each frame is on its own origin and stays loaded', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    const alphaId = deskPage.agentId('alpha');
    const bravoId = deskPage.agentId('bravo');
    const alphaPane = page.getByTestId(`agent-pane-${alphaId}`);
    const bravoPane = page.getByTestId(`agent-pane-${bravoId}`);
    await page.getByTestId(`sidebar-item-${bravoId}`).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await deskPage.sidebarNames()).toEqual(['alpha', 'bravo']);

    // Ctrl+1 opens the first agent in the sidebar.
    await page.locator('body').press('Control+1');
    const alphaFrame = await deskPage.agentFrame('alpha');
    expect(originOf(alphaFrame)).toBe(ui.harness.origin('alpha'));
    expect(new URL(alphaFrame.url()).host).toMatch(new RegExp(`^a-alpha-[a-z2-7]{16}\\.localhost:${ui.harness.port}$`));
    await alphaFrame.evaluate(() => {
      (globalThis as unknown as PageGlobals).__agentDeskMark = 'alpha stayed loaded';
    });
    await alphaPane.evaluate((pane) => {
      (pane.querySelector('iframe') as unknown as { __sameElement?: boolean }).__sameElement = true;
    });
    expect(await alphaPane.isVisible()).toBe(true);

    // Ctrl+2: the second agent, on a different origin; the first is hidden, not unloaded.
    await page.locator('body').press('Control+2');
    const bravoFrame = await deskPage.agentFrame('bravo');
    expect(originOf(bravoFrame)).toBe(ui.harness.origin('bravo'));
    expect(originOf(bravoFrame)).not.toBe(originOf(alphaFrame));
    await bravoPane.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await alphaPane.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await bravoFrame.evaluate(() => {
      (globalThis as unknown as PageGlobals).__agentDeskMark = 'bravo stayed loaded';
    });
    expect(await mark(alphaFrame)).toBe('alpha stayed loaded');

    // Ctrl+Tab wraps around to alpha: the same frame, same document.
    await page.locator('body').press('Control+Tab');
    await alphaPane.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await bravoPane.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    expect(await mark(alphaFrame)).toBe('alpha stayed loaded');
    expect(await alphaPane.evaluate((pane) => (pane.querySelector('iframe') as unknown as { __sameElement?: boolean }).__sameElement)).toBe(true);
    expect(await page.locator('iframe.agent-frame').count()).toBe(2);

    // Ctrl+K: the quick switcher finds bravo by part of its name.
    await page.locator('body').press('Control+k');
    const switcher = page.getByRole('dialog', { name: 'Quick switcher' });
    await switcher.waitFor({ timeout: UI_TIMEOUT_MS });
    const input = switcher.getByRole('combobox', { name: 'Switch to agent' });
    await waitFor(() => input.evaluate((element) => element === (globalThis as unknown as PageGlobals).document.activeElement), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the switcher input to have focus',
    });
    await page.keyboard.type('brv');
    await switcher.getByRole('option', { name: /bravo/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await switcher.getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await switcher.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await bravoPane.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await alphaPane.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    expect(await mark(bravoFrame)).toBe('bravo stayed loaded');
    expect(await mark(alphaFrame)).toBe('alpha stayed loaded');
    await expect(page.getByTestId(`sidebar-item-${bravoId}`).getByRole('button').getAttribute('aria-current')).resolves.toBe('page');

    // Each agent page's own API call went through its own session.
    await waitFor(async () => (await alphaFrame.locator('#sessions').textContent()) === 'sessions: 0', {
      timeoutMs: UI_TIMEOUT_MS,
      message: "alpha's page to load its sessions",
    });
    await deskPage.expectClean();
  });

  it('the sidebar is reachable with Tab; arrow keys move between agents and Enter opens one', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    const bravoId = deskPage.agentId('bravo');
    await page.getByTestId(`sidebar-item-${bravoId}`).waitFor({ timeout: UI_TIMEOUT_MS });
    const focusedText = () =>
      page.evaluate(() => {
        const active = (globalThis as unknown as PageGlobals).document.activeElement as { closest?(selector: string): unknown; textContent?: string } | null;
        return active?.closest?.('.sidebar-list') ? (active.textContent ?? '') : null;
      });
    // Tab from the top of the page until focus lands in the sidebar (the top bar comes first).
    let reached: string | null = null;
    for (let presses = 0; presses < 10 && reached === null; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await focusedText();
    }
    expect(reached).toContain('alpha');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toContain('bravo');
    await page.keyboard.press('Enter');
    await page.getByTestId(`agent-pane-${bravoId}`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await deskPage.agentFrame('bravo');
    await deskPage.expectClean();
  });
});
