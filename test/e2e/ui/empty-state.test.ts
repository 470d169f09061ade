import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('UI first run: the empty state (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite();

  it('lists where the desk looked, with each root state, and how to add a workspace', async () => {
    const deskPage = await ui.open();
    const { page, harness } = deskPage;
    const empty = page.getByTestId('empty-state');
    await empty.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.getByRole('heading', { name: 'No agents found yet' }).isVisible()).resolves.toBe(true);

    const roots = empty.getByRole('list', { name: 'Workspace roots' }).getByRole('listitem');
    const items = await roots.allTextContents();
    const defaultRoot = path.join(harness.tmp.path, 'config', 'term-llm', 'containers');
    // The --root temp dir exists and is empty; the default root under XDG_CONFIG_HOME does not exist.
    const flagItem = items.find((text) => text.includes(harness.root) && !text.includes(defaultRoot));
    const defaultItem = items.find((text) => text.includes(defaultRoot));
    expect(flagItem, `roots shown: ${JSON.stringify(items)}`).toBeDefined();
    expect(flagItem).toContain('(from --root)');
    expect(flagItem).toContain('looked here, no workspaces yet');
    expect(defaultItem, `roots shown: ${JSON.stringify(items)}`).toBeDefined();
    expect(defaultItem).toContain('(default)');
    expect(defaultItem).toContain('does not exist');

    const text = (await empty.textContent()) ?? '';
    expect(text).toContain('WEB_PORT');
    expect(text).toContain('WEB_TOKEN');
    expect(text).toContain('term-llm contain');
    expect(await page.locator('.sidebar').textContent()).toContain('No agents yet.');

    // "Settings" in the how-to goes to the settings view, where roots are added.
    await empty.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Add a root').waitFor({ timeout: UI_TIMEOUT_MS });
    await deskPage.expectClean();
  });
});
