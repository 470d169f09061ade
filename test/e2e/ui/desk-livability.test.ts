import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { axeViolations, expectAccessibleGatewayPages } from './axe.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/** The agent whose frame has keyboard focus, or null. */
const focusedPane = (page: Page) =>
  page.evaluate(() => {
    type El = { tagName: string; closest(selector: string): { getAttribute(name: string): string | null } | null };
    const active = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
    return active?.tagName === 'IFRAME' ? (active.closest('.agent-pane')?.getAttribute('aria-label') ?? null) : null;
  });

const visiblePaneName = (page: Page) => page.locator('.agent-pane:not([hidden])').getAttribute('aria-label', { timeout: UI_TIMEOUT_MS });

describe.skipIf(missing)('UI: a desk you can live in (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(async (harness) => {
    await harness.addAgent('alpha', { token: 'ui-live-token-canary-alpha-1' });
    await harness.addAgent('bravo', { token: 'ui-live-token-canary-bravo-2' });
    await harness.addAgent('charlie', { token: 'ui-live-token-canary-charlie-3' });
  });

  const sidebarButton = (deskPage: DeskPage, name: string) => deskPage.page.getByTestId(`sidebar-item-${deskPage.agentId(name)}`).getByRole('button');

  it('reload, Back and Forward keep your place: view, open agent, filter and sort', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await page.getByRole('searchbox', { name: 'Filter agents' }).fill('a');
    await page.getByRole('combobox', { name: /Sort by/ }).selectOption('status');
    await sidebarButton(deskPage, 'bravo').click();
    await deskPage.agentFrame('bravo');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');

    await page.goBack();
    expect(await visiblePaneName(page)).toBe('bravo');
    expect(new URL(page.url()).hash).toBe(`#/agent/${deskPage.agentId('bravo')}`);
    await page.goBack();
    await page.getByRole('heading', { name: 'Directory', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByRole('searchbox', { name: 'Filter agents' }).inputValue()).toBe('a');
    expect(new URL(page.url()).hash).toBe('#/directory?q=a&sort=status');
    await page.goForward();
    expect(await visiblePaneName(page)).toBe('bravo');

    // A reload lands on the same agent, with the desk around it as it was.
    await page.reload();
    await deskPage.agentFrame('bravo');
    expect(await visiblePaneName(page)).toBe('bravo');
    await page.getByRole('button', { name: 'Directory', exact: true }).click();
    expect(await page.getByRole('searchbox', { name: 'Filter agents' }).inputValue()).toBe('a');
    expect(await page.getByRole('combobox', { name: /Sort by/ }).inputValue()).toBe('status');
    await deskPage.expectClean();
  });

  it('drag to reorder lands where the line is drawn, downward and upward; the handle says how, and the keyboard way', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    expect(await deskPage.sidebarNames()).toEqual(['alpha', 'bravo', 'charlie']);
    const item = (name: string) => page.getByTestId(`sidebar-item-${deskPage.agentId(name)}`);
    const handleTitle = await item('alpha').locator('.drag-handle').getAttribute('title');
    expect(handleTitle).toContain('Drag to reorder');
    expect(handleTitle).toContain('Alt+↑ or Alt+↓');

    const drag = async (name: string, onto: string, half: 'upper' | 'lower') => {
      const box = (await item(onto).boundingBox())!;
      await item(name).dragTo(item(onto), { targetPosition: { x: box.width / 2, y: half === 'upper' ? box.height * 0.25 : box.height * 0.75 } });
    };
    // Down: alpha onto the lower half of charlie lands after charlie.
    await drag('alpha', 'charlie', 'lower');
    await waitFor(async () => (await deskPage.sidebarNames()).join() === 'bravo,charlie,alpha', { timeoutMs: UI_TIMEOUT_MS, message: 'alpha after charlie' });
    // Down onto an upper half: bravo lands before alpha, i.e. just above it.
    await drag('bravo', 'alpha', 'upper');
    await waitFor(async () => (await deskPage.sidebarNames()).join() === 'charlie,bravo,alpha', { timeoutMs: UI_TIMEOUT_MS, message: 'bravo above alpha' });
    // Up: alpha onto the upper half of charlie lands first.
    await drag('alpha', 'charlie', 'upper');
    await waitFor(async () => (await deskPage.sidebarNames()).join() === 'alpha,charlie,bravo', { timeoutMs: UI_TIMEOUT_MS, message: 'alpha first' });
    // Up onto a lower half: bravo lands after alpha.
    await drag('bravo', 'alpha', 'lower');
    await waitFor(async () => (await deskPage.sidebarNames()).join() === 'alpha,bravo,charlie', { timeoutMs: UI_TIMEOUT_MS, message: 'bravo after alpha' });
    await waitFor(() => ui.harness.desk.settings.current.agentOrder.join() === ['alpha', 'bravo', 'charlie'].map((name) => deskPage.agentId(name)).join(), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the order saved',
    });
    await deskPage.expectClean();
  });

  it('from inside an agent page: the hint says how to reach the desk keys; the switcher then puts focus in the chosen agent', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    expect(await page.getByRole('button', { name: /Switch agent/ }).textContent()).toMatch(/Ctrl\+K|⌘K/);
    await sidebarButton(deskPage, 'alpha').click();
    const frame = await deskPage.agentFrame('alpha');
    await frame.locator('#draft').click();
    await page.keyboard.type('typed in alpha');
    const hint = page.getByTestId('frame-focus-hint');
    await hint.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await hint.textContent()).toContain('Shift+Tab');

    // As the hint says: Shift+Tab in the page's first field (the fake's #draft) leaves the agent's page, and the desk has its keys again.
    await page.keyboard.press('Shift+Tab');
    await hint.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Switch to agent' });
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill('cha');
    await page.keyboard.press('Enter');
    const charlie = await deskPage.agentFrame('charlie');
    await waitFor(() => focusedPane(page).then((name) => name === 'charlie'), { timeoutMs: UI_TIMEOUT_MS, message: "focus in charlie's page" });
    // alpha's page kept what was typed.
    expect(await frame.locator('#draft').inputValue()).toBe('typed in alpha');
    // The sure way, from anywhere in the page: a click on the hint.
    await charlie.locator('#draft').click();
    const charlieHint = page.locator('[data-agent-pane]:not([hidden])').getByTestId('frame-focus-hint');
    await charlieHint.waitFor({ timeout: UI_TIMEOUT_MS });
    await charlieHint.click();
    await charlieHint.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+k');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Escape');
    await deskPage.expectClean();
  });

  it('a skip link leads to the agent page', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await sidebarButton(deskPage, 'bravo').click();
    await deskPage.agentFrame('bravo');
    // First in the tab order (nothing focusable comes before it), and it works from the keyboard.
    const skip = page.getByRole('link', { name: 'Skip to the agent page' });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent)).toBe('Skip to the agent page');
    await skip.focus();
    await page.keyboard.press('Enter');
    await waitFor(() => focusedPane(page).then((name) => name === 'bravo'), { timeoutMs: UI_TIMEOUT_MS, message: "focus in bravo's page" });
    await deskPage.expectClean();
  });

  it('axe-core finds no violations in any desk view, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const deskPage = await ui.open({ colorScheme });
      const { page } = deskPage;
      const scan = async (what: string) => expect(await axeViolations(page), `${what} (${colorScheme})`).toEqual([]);
      await page.getByRole('article', { name: 'alpha' }).waitFor();
      await scan('directory');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Add a root').fill('/etc/passwd');
      await page.locator('#add-root-check').waitFor({ timeout: UI_TIMEOUT_MS });
      await scan('settings with a refused root');
      await sidebarButton(deskPage, 'alpha').click();
      await deskPage.agentFrame('alpha');
      await scan('agent view');
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Switch to agent' }).waitFor();
      await scan('quick switcher');
      await page.keyboard.press('Escape');
      await deskPage.close();
    }
  });

  it("axe-core finds no violations in the gateway's own pages (spent login link, agent without a session, spent agent link)", async () => {
    const context = await ui.browser.newContext();
    try {
      const page = await context.newPage();
      const pages: [string, string, number][] = [];
      const login = ui.harness.desk.gateway.deskLoginUrl();
      await page.goto(login);
      pages.push(['spent login link', login, 403]);
      // The desk itself has no "not signed in" page any more: its UI is public and its API needs the desk bearer.
      pages.push(['agent without a session', `${ui.harness.origin('alpha')}/`, 401]);
      const agentLink = ui.harness.desk.gateway.agentEnterUrl(ui.harness.recordOf('alpha')!.id);
      await page.goto(agentLink);
      pages.push(['spent agent link', agentLink, 403]);
      await expectAccessibleGatewayPages(ui.browser, pages);
    } finally {
      await context.close();
    }
  });
});
