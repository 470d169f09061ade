import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { axeViolations, expectAccessibleGatewayPages } from './axe.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

// A widget host serves its widget path only; Chromium's automatic favicon request there gets a 404.
const FAVICON_404 = [/status of 404 .*\/favicon\.ico\)$/];

const WIDGET = { id: 'notes', mount: 'notes', title: 'Notes', description: 'A scratch pad', state: 'running' as const };

describe.skipIf(missing)('UI: a widget opens in its own tab on its own widget origin (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(async (harness) => {
    await harness.addAgent('maker', { token: 'ui-widget-token-canary-maker-9', widgets: [WIDGET] });
  });

  /** Clicks Open and returns the new tab, after checking the desk answered the open with a URL. */
  async function openWidgetFrom(opened: DeskPage, scope: ReturnType<Page['getByTestId']>): Promise<Page> {
    const { page, context } = opened;
    const answer = page.waitForResponse((response) => response.url().endsWith(`/widgets/${WIDGET.mount}/open`), { timeout: UI_TIMEOUT_MS });
    const newPage = context.waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    newPage.catch(() => undefined);
    await scope.getByRole('button', { name: `Open widget ${WIDGET.title}` }).click();
    const response = await answer;
    expect(response.status(), `widgets:open answered ${response.status()}: ${await response.text()}`).toBe(200);
    const widgetPage = await newPage;
    // The tab starts at the widget host's /__desk/enter, which redirects to the widget.
    const widgetPath = `${opened.harness.agents.get('maker')!.fake.basePath}/widgets/${WIDGET.mount}/`;
    await widgetPage.waitForURL((url) => url.pathname === widgetPath, { timeout: UI_TIMEOUT_MS }).catch(async (error: Error) => {
      throw new Error(`the widget tab stayed at ${widgetPage.url()}: ${(await widgetPage.locator('body').textContent()) ?? ''} (${error.message})`);
    });
    return widgetPage;
  }

  async function expectWidgetPage(widgetPage: Page): Promise<void> {
    const url = new URL(widgetPage.url());
    expect(url.host).toMatch(new RegExp(`^w-[a-z2-7]{26}\\.localhost:${ui.harness.port}$`));
    expect(url.origin).not.toBe(ui.harness.origin('maker'));
    expect(url.pathname).toBe(`${ui.harness.agents.get('maker')!.fake.basePath}/widgets/${WIDGET.mount}/`);
    await widgetPage.locator('#widget-title', { hasText: WIDGET.title }).waitFor({ timeout: UI_TIMEOUT_MS });
    await widgetPage.locator('#widget-status', { hasText: `widget app.js loaded: ${WIDGET.mount}` }).waitFor({ timeout: UI_TIMEOUT_MS });
    // Opened with noopener: the widget cannot reach back into the desk.
    expect(await widgetPage.evaluate(() => (globalThis as unknown as PageGlobals).opener === null)).toBe(true);
  }

  it('Open in the directory opens the widget in a new tab on a w-… origin', async () => {
    const deskPage = await ui.open({ allowConsole: FAVICON_404 });
    const card = deskPage.page.getByTestId(`agent-card-${deskPage.agentId('maker')}`);
    await card.locator('summary', { hasText: 'Widgets (1)' }).click();
    const item = deskPage.page.getByTestId(`widget-${deskPage.agentId('maker')}-${WIDGET.mount}`);
    await item.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await item.textContent()).toContain('Running');

    const widgetPage = await openWidgetFrom(deskPage, item);
    await expectWidgetPage(widgetPage);
    await deskPage.expectClean();
  });

  it('Open in an agent view opens a new tab, never inside the agent frame', async () => {
    const deskPage = await ui.open({ allowConsole: FAVICON_404 });
    const { page } = deskPage;
    const id = deskPage.agentId('maker');
    await page.getByRole('button', { name: 'Open maker' }).click();
    const agentFrame = await deskPage.agentFrame('maker');
    const agentUrl = agentFrame.url();

    const pane = page.getByTestId(`agent-pane-${id}`);
    await pane.locator('summary', { hasText: 'Widgets (1)' }).click();
    const widgetPage = await openWidgetFrom(deskPage, pane.getByTestId(`widget-${id}-${WIDGET.mount}`));
    await expectWidgetPage(widgetPage);

    // The desk page holds the desk and the agent's frame only; the agent frame did not move.
    expect(widgetPage).not.toBe(page);
    expect(agentFrame.url()).toBe(agentUrl);
    const widgetHost = new URL(widgetPage.url()).host;
    expect(page.frames().map((frame) => frame.url()).filter((url) => url.includes(widgetHost))).toEqual([]);
    await deskPage.expectClean();
  });

  it("axe-core: the gateway's widget pages (link inside the agent's frame, no session, spent link, nothing here) have no violations", async () => {
    const deskPage = await ui.open({ allowConsole: FAVICON_404 });
    const { page } = deskPage;
    const id = deskPage.agentId('maker');
    await page.getByRole('button', { name: 'Open maker' }).click();
    const agentFrame = await deskPage.agentFrame('maker');
    // The agent's page goes to one of its widgets inside the desk's frame: the gateway answers with a link instead.
    await agentFrame.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'widgets/notes/';
    });
    const linkFrame = await waitFor(
      async () => {
        const frame = await (await page.getByTestId(`agent-pane-${id}`).locator('iframe.agent-frame').elementHandle())?.contentFrame();
        const link = await frame?.locator('#open-widget').count().catch(() => 0);
        return link ? frame : null;
      },
      { timeoutMs: UI_TIMEOUT_MS, message: 'the link page in the agent frame' },
    );
    expect(await linkFrame.locator('main h1').textContent()).toBe(`Open ${WIDGET.title} in a new tab`);
    expect(await axeViolations(linkFrame), 'the widget link page in the agent frame').toEqual([]);

    const host = ui.harness.recordOf('maker')!.widgets.find((widget) => widget.mount === WIDGET.mount)!.host!;
    const widgetUrl = `http://${host}${ui.harness.agents.get('maker')!.fake.basePath}/widgets/${WIDGET.mount}/`;
    const { url: enterUrl } = await ui.harness.desk.service.invoke('widgets:open', { agentId: id, mount: WIDGET.mount });
    const first = await ui.browser.newContext();
    try {
      const used = await first.newPage();
      await used.goto(enterUrl);
      await used.waitForURL((url) => url.pathname.endsWith(`/widgets/${WIDGET.mount}/`), { timeout: UI_TIMEOUT_MS });
    } finally {
      await first.close();
    }
    const pages: Array<[string, string, number]> = [
      ['a widget tab without a session', widgetUrl, 401],
      ['a widget link already used', enterUrl, 403],
      ['anything else on a widget origin', `http://${host}/elsewhere`, 404],
    ];
    await expectAccessibleGatewayPages(ui.browser, pages);
    await deskPage.expectClean();
  });
});
