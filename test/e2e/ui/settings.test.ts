import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { chromiumMissing } from '../support/browser.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type PageGlobals } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const EXTRA_TOKEN = 'ui-settings-token-canary-extra-7';
const EXTRA_KEY = 'sk-ui-settings-provider-canary-77';

describe.skipIf(missing)('UI: settings round trip (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  let extraRoot: TempDir;
  let extraAgent: FakeAgent;

  // Registered before uiSuite, so the extra root and agent go after the desk is closed.
  beforeAll(async () => {
    // A second root, outside the desk's --root, with one workspace in it.
    extraRoot = await tempDir('agent-desk-e2e-extra-root-');
    extraAgent = await startFakeAgent({ name: 'faraway', token: EXTRA_TOKEN });
    await mkdir(path.join(extraRoot.path, 'faraway'));
    await writeFile(
      path.join(extraRoot.path, 'faraway', '.env'),
      `WEB_PORT=${extraAgent.port}\nWEB_TOKEN=${EXTRA_TOKEN}\nWEB_BASE_PATH=/chat\nOPENAI_API_KEY=${EXTRA_KEY}\n`,
      { mode: 0o600 },
    );
  }, UI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await extraAgent?.close();
    await extraRoot?.remove();
  }, UI_TEST_TIMEOUT_MS);

  const ui = uiSuite(async (harness) => {
    await harness.addAgent('home', { token: 'ui-settings-token-canary-home-6' });
  });

  const savedSettings = async () => JSON.parse(await readFile(ui.harness.desk.settings.file, 'utf8').catch(() => '{}')) as Record<string, unknown>;

  it('adding an extra root in Settings brings its agent into the sidebar and directory', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByText('No extra roots.').isVisible()).toBe(true);

    await page.getByLabel('Add a root').fill(extraRoot.path);
    // Checked live against the disk before anything is saved.
    await page.locator('#add-root-check[data-state="ok"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Add root' }).click();
    const extraList = page.getByRole('list', { name: 'Extra roots' });
    await extraList.getByText(extraRoot.path, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.getByLabel('Add a root').inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('settings-save-state').getByText(/^Saved/).waitFor({ timeout: UI_TIMEOUT_MS });

    const id = await waitFor(() => ui.harness.recordOf('faraway')?.id, { timeoutMs: UI_TIMEOUT_MS, message: 'the desk to find faraway' });
    await page.getByTestId(`sidebar-item-${id}`).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Directory', exact: true }).click();
    const card = page.getByTestId(`agent-card-${id}`);
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await card.textContent()).toContain(extraRoot.path);
    expect((await savedSettings()).roots).toEqual([extraRoot.path]);

    // It opens like any other agent, through the gateway on its own origin.
    await card.getByRole('button', { name: 'Open faraway' }).click();
    const frame = await deskPage.agentFrame('faraway');
    expect(new URL(frame.url()).origin).toBe(ui.harness.origin('faraway'));
    await deskPage.expectClean([EXTRA_TOKEN, EXTRA_KEY]);
  });

  it('each root is checked live: a relative path, a file, a --root duplicate and a misspelling are named before anything is saved', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const before = await savedSettings();
    const input = page.getByLabel('Add a root');
    const checkOf = async (typed: string, state: string) => {
      await input.fill(typed);
      const check = page.locator(`#add-root-check[data-state="${state}"]`);
      await check.waitFor({ timeout: UI_TIMEOUT_MS });
      return (await check.textContent()) ?? '';
    };

    expect(await checkOf('relative/agents', 'invalid')).toContain('root "relative/agents" is not an absolute path (start it with / or ~/)');
    expect(await checkOf('/etc/passwd', 'not-a-directory')).toBe('/etc/passwd is not a folder (this path is a file, not a folder).');
    expect(await checkOf(`${ui.harness.root}/`, 'duplicate')).toBe(`${ui.harness.root} is already watched: it is a --root given to agent-desk.`);
    expect(await checkOf(`${extraRoot.path}-typo`, 'missing')).toContain('Check the spelling');
    expect(await checkOf('~', 'ok')).toMatch(/^Folder found: \//);
    // A refused root is not added; nothing reached the file.
    await checkOf('/etc/passwd', 'not-a-directory');
    await page.getByRole('button', { name: 'Add root' }).click();
    await expect(page.getByRole('list', { name: 'Extra roots' }).getByText('/etc/passwd', { exact: true }).count()).resolves.toBe(0);
    await expect(input.inputValue()).resolves.toBe('/etc/passwd');
    expect(await savedSettings()).toEqual(before);
    await deskPage.expectClean([EXTRA_TOKEN, EXTRA_KEY]);
  });

  it('a theme change applies once saved, and persists across a reload', async () => {
    const deskPage = await ui.open({ colorScheme: 'light' });
    const { page } = deskPage;
    const theme = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset.theme ?? 'system');
    const background = () => page.evaluate(() => (globalThis as unknown as PageGlobals).getComputedStyle((globalThis as unknown as PageGlobals).document.body).backgroundColor);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'System' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);
    expect(await theme()).toBe('system');
    const lightBackground = await background();

    // The theme is part of the one Settings form: chosen, then saved.
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => (await theme()) === 'dark', { timeoutMs: UI_TIMEOUT_MS, message: 'data-theme="dark" on <html>' });
    // The system says light; the pinned dark theme still wins.
    expect(await background()).not.toBe(lightBackground);
    await waitFor(async () => (await savedSettings()).theme === 'dark', { timeoutMs: UI_TIMEOUT_MS, message: 'theme "dark" in the settings file' });

    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Dark' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await theme()).toBe('dark');

    // And back to following the system.
    await page.getByRole('radio', { name: 'System' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => (await savedSettings()).theme === 'system', { timeoutMs: UI_TIMEOUT_MS, message: 'theme "system" saved' });
    await deskPage.expectClean([EXTRA_TOKEN, EXTRA_KEY]);
  });
});
