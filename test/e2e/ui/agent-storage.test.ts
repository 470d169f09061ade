import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_CONFIGS, chromiumMissing, type BrowserConfig } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

// Agent and widget hosts answer Chromium's automatic favicon request with a 404.
const FAVICON_404 = [/status of 404 .*\/favicon\.ico\)$/];
const WIDGET = { id: 'notes', mount: 'notes', title: 'Notes', state: 'running' as const };

/** What the agent's page scripts touch here. */
interface StorageGlobals extends PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  location: { assign(url: string): void };
}

type AgentUi = Frame | Page;

async function visits(ui: AgentUi): Promise<string | null> {
  return ui.locator('#storage').textContent();
}

/**
 * The fake agents use storage like term-llm's page and stay on their loading
 * screen without it, so a working agent UI proves its storage works. Run in
 * both browser configurations (docs/testing.md).
 */
describe.skipIf(missing).each(BROWSER_CONFIGS)('UI: agents keep their storage (%s browser, real Chromium, real desk)', (config: BrowserConfig) => {
  const inDesk = config === 'user';
  const ui = uiSuite(
    async (harness) => {
      await harness.addAgent('alpha', { token: `ui-storage-token-canary-alpha-${config}`, widgets: [WIDGET] });
      await harness.addAgent('bravo', { token: `ui-storage-token-canary-bravo-${config}` });
    },
    { browser: config },
  );

  /** Clicks the agent in the sidebar and returns its working UI: its frame in the desk, or its own tab. */
  async function openFromSidebar(deskPage: DeskPage, name: string): Promise<AgentUi> {
    const id = deskPage.agentId(name);
    const tabsBefore = new Set(deskPage.context.pages());
    await deskPage.page.getByTestId(`sidebar-item-${id}`).getByRole('button').click();
    const pane = deskPage.page.getByTestId(`agent-pane-${id}`);
    await pane.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    if (inDesk) return deskPage.agentFrame(name);
    const notice = pane.getByTestId('agent-tab-notice');
    await notice.getByText(`${name} is open in its own tab.`).waitFor({ timeout: UI_TIMEOUT_MS });
    return deskPage.agentTab(name, tabsBefore);
  }

  it('a sidebar click leads to a working agent UI; reloads keep its storage; agents keep theirs apart', async () => {
    const deskPage = await ui.open({ allowConsole: FAVICON_404 });
    const { page, context } = deskPage;
    await page.getByTestId(`sidebar-item-${deskPage.agentId('bravo')}`).waitFor({ timeout: UI_TIMEOUT_MS });

    const alpha = await openFromSidebar(deskPage, 'alpha');
    expect(await visits(alpha)).toBe('visits: 1');
    expect(new URL(alpha.url()).origin).toBe(ui.harness.origin('alpha'));
    const alphaPane = page.getByTestId(`agent-pane-${deskPage.agentId('alpha')}`);
    if (inDesk) {
      expect(await alphaPane.getByTestId('agent-tab-notice').count()).toBe(0);
      expect(context.pages()).toHaveLength(1);
    } else {
      // The desk says why in one sentence, offers the tab again and links to how to allow framing.
      const notice = alphaPane.getByTestId('agent-tab-notice');
      expect(await notice.textContent()).toContain('This browser does not let pages inside the desk keep storage');
      expect(await notice.getByRole('button', { name: 'Open in a tab' }).count()).toBe(1);
      const help = notice.getByRole('link', { name: 'How to let agents open inside the desk' });
      const [helpPage] = await Promise.all([context.waitForEvent('page', { timeout: UI_TIMEOUT_MS }), help.click()]);
      await helpPage.getByRole('heading', { name: 'Why agents open in their own tabs' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await helpPage.close();
      expect(await alphaPane.locator('iframe').count()).toBe(0);
      // The agent's tab cannot reach the desk.
      expect(await alpha.evaluate(() => (globalThis as unknown as StorageGlobals).opener === null)).toBe(true);
    }
    await alpha.evaluate(() => (globalThis as unknown as StorageGlobals).localStorage.setItem('note', 'written by alpha'));

    // Another agent: its own storage, none of alpha's.
    const bravo = await openFromSidebar(deskPage, 'bravo');
    expect(await visits(bravo)).toBe('visits: 1');
    expect(await bravo.evaluate(() => (globalThis as unknown as StorageGlobals).localStorage.getItem('note'))).toBeNull();
    expect(await alpha.evaluate(() => (globalThis as unknown as StorageGlobals).localStorage.getItem('note'))).toBe('written by alpha');

    if (!inDesk) {
      // A second click brings alpha's tab forward: no new tab, same document.
      const tab = alpha as Page;
      await tab.evaluate(() => {
        (globalThis as unknown as StorageGlobals).__agentDeskMark = 'same tab';
      });
      const pagesBefore = context.pages().length;
      await page.getByTestId(`sidebar-item-${deskPage.agentId('alpha')}`).getByRole('button').click();
      await alphaPane.getByText('alpha is open in its own tab.').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(context.pages()).toHaveLength(pagesBefore);
      expect(await tab.evaluate(() => (globalThis as unknown as StorageGlobals).__agentDeskMark)).toBe('same tab');
      // Reloading the agent's tab keeps its storage, and its service worker now controls it.
      await tab.reload();
      await tab.locator('#storage', { hasText: 'visits: 2' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await tab.locator('body[data-sw-controlled="yes"]').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await tab.evaluate(() => (globalThis as unknown as StorageGlobals).localStorage.getItem('note'))).toBe('written by alpha');
    }

    // Reloading the desk, then opening alpha again: its storage is still there. (A reloaded desk
    // no longer holds its tabs' handles, so in a tab alpha opens in a new one: docs/testing.md.)
    await page.reload();
    await page.locator('.desk').waitFor({ timeout: UI_TIMEOUT_MS });
    const pagesBefore = context.pages().length;
    const again = await openFromSidebar(deskPage, 'alpha');
    expect(await visits(again)).toBe(inDesk ? 'visits: 2' : 'visits: 3');
    expect(context.pages()).toHaveLength(inDesk ? 1 : pagesBefore + 1);
    expect(await again.evaluate(() => (globalThis as unknown as StorageGlobals).localStorage.getItem('note'))).toBe('written by alpha');
    await again.locator('body[data-sw-controlled="yes"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await deskPage.expectClean();
  });

  it("a widget opened from the agent's page keeps its storage in its own tab", async () => {
    const deskPage = await ui.open({ allowConsole: FAVICON_404 });
    const alpha = await openFromSidebar(deskPage, 'alpha');
    const widgetOrigin = `http://${ui.harness.desk.gateway.widgetHost(deskPage.agentId('alpha'), WIDGET.mount)}`;
    const widgetPath = `${ui.harness.agents.get('alpha')!.fake.basePath}/widgets/${WIDGET.mount}/`;

    // term-llm's page opens a widget by navigating itself to it.
    let widgetTab: Page;
    if (inDesk) {
      // Framed: the gateway's link page, whose link opens the widget in a new tab.
      const frame = alpha as Frame;
      await frame.evaluate((path) => (globalThis as unknown as StorageGlobals).location.assign(path), widgetPath);
      const link = frame.locator('#open-widget');
      await link.waitFor({ timeout: UI_TIMEOUT_MS });
      [widgetTab] = await Promise.all([deskPage.context.waitForEvent('page', { timeout: UI_TIMEOUT_MS }), link.click()]);
    } else {
      // In its own tab the agent's page is top-level: the tab itself goes to the widget's origin.
      widgetTab = alpha as Page;
      await widgetTab.evaluate((path) => (globalThis as unknown as StorageGlobals).location.assign(path), widgetPath);
    }
    await widgetTab.waitForURL(`${widgetOrigin}${widgetPath}`, { timeout: UI_TIMEOUT_MS });
    await widgetTab.locator('#widget-storage', { hasText: 'widget visits: 1' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await widgetTab.reload();
    await widgetTab.locator('#widget-storage', { hasText: 'widget visits: 2' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await waitFor(async () => (await widgetTab.locator('#widget-status').textContent()) === `widget app.js loaded: ${WIDGET.mount}`, {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the widget script to run',
    });
    await deskPage.expectClean();
  });
}, UI_TEST_TIMEOUT_MS);
