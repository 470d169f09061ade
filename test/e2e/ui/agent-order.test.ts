import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('UI: the sidebar order is the user\'s and survives a reload (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(async (harness) => {
    await harness.addAgent('ant', { token: 'ui-order-token-canary-ant-01' });
    await harness.addAgent('bee', { token: 'ui-order-token-canary-bee-02' });
    await harness.addAgent('cat', { token: 'ui-order-token-canary-cat-03' });
  });

  async function savedOrder(): Promise<string[] | undefined> {
    const text = await readFile(ui.harness.desk.settings.file, 'utf8').catch(() => '{}');
    return (JSON.parse(text) as { agentOrder?: string[] }).agentOrder;
  }

  async function waitForSidebar(opened: DeskPage, names: string[]): Promise<void> {
    await waitFor(async () => JSON.stringify(await opened.sidebarNames()) === JSON.stringify(names), {
      timeoutMs: UI_TIMEOUT_MS,
      message: `the sidebar to read ${names.join(', ')} (it reads ${(await opened.sidebarNames()).join(', ')})`,
    });
  }

  it('Alt+Arrow moves the focused agent; the order is in the settings file and still there after a reload', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await waitForSidebar(deskPage, ['ant', 'bee', 'cat']);
    const ids = Object.fromEntries(['ant', 'bee', 'cat'].map((name) => [name, deskPage.agentId(name)]));
    const buttonOf = (name: string) => page.getByTestId(`sidebar-item-${ids[name]}`).getByRole('button');

    // cat up twice: cat, ant, bee. Focus follows the moved agent.
    await buttonOf('cat').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await waitForSidebar(deskPage, ['ant', 'cat', 'bee']);
    await page.keyboard.press('Alt+ArrowUp');
    await waitForSidebar(deskPage, ['cat', 'ant', 'bee']);
    expect(await buttonOf('cat').evaluate((element) => element === (globalThis as unknown as PageGlobals).document.activeElement)).toBe(true);
    // ant down once: cat, bee, ant.
    await buttonOf('ant').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await waitForSidebar(deskPage, ['cat', 'bee', 'ant']);

    const expected = [ids.cat, ids.bee, ids.ant];
    await waitFor(async () => JSON.stringify(await savedOrder()) === JSON.stringify(expected), {
      timeoutMs: UI_TIMEOUT_MS,
      message: `agentOrder in ${ui.harness.desk.settings.file}`,
    });

    await page.reload();
    await page.locator('.sidebar-list').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForSidebar(deskPage, ['cat', 'bee', 'ant']);
    // Ctrl+1 follows the user's order, not the names'.
    await page.locator('body').press('Control+1');
    await deskPage.agentFrame('cat');
    await deskPage.expectClean();
  });

  it('dragging an agent in the sidebar reorders and saves it', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await page.locator('.sidebar-list').waitFor({ timeout: UI_TIMEOUT_MS });
    // Whatever order the first test left (it may have run alone): drag the last agent onto the first.
    const before = await waitFor(async () => {
      const names = await deskPage.sidebarNames();
      return names.length === 3 ? names : null;
    }, { timeoutMs: UI_TIMEOUT_MS, message: 'three agents in the sidebar' });
    const [first, second, last] = before as [string, string, string];
    const after = [last, first, second];
    const idOf = (name: string) => deskPage.agentId(name);

    await page.getByTestId(`sidebar-item-${idOf(last)}`).dragTo(page.getByTestId(`sidebar-item-${idOf(first)}`));
    await waitForSidebar(deskPage, after);
    const expected = after.map(idOf);
    await waitFor(async () => JSON.stringify(await savedOrder()) === JSON.stringify(expected), {
      timeoutMs: UI_TIMEOUT_MS,
      message: `agentOrder in ${ui.harness.desk.settings.file} after the drag`,
    });
    await page.reload();
    await page.locator('.sidebar-list').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForSidebar(deskPage, after);
    await deskPage.expectClean();
  });
});
