import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { RENDERER_DIR } from '../support/desk-harness.js';
import { API_KEY, freePort, LifecycleHarness, TOKEN } from '../../integration/lifecycle/lifecycle-harness.js';
import { axeViolations } from './axe.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/**
 * Lifecycle from the user's side: the real desk and gateway serving the
 * built UI, fake `term-llm` and `docker` first (and alone) on PATH, which
 * start and stop a fake agent process on the workspace's WEB_PORT.
 */
describe.skipIf(missing)('UI: start, watch and stop an agent (real Chromium, real desk, fake term-llm/docker)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  let browser: Browser;
  let h: LifecycleHarness;
  let page: Page;
  const deskBodies: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.context().close();
    await h?.close();
    deskBodies.length = 0;
  });

  async function openDesk(settings: { startOnOpen: boolean }, colorScheme: 'light' | 'dark' = 'light'): Promise<string> {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start({ staticDir: RENDERER_DIR });
    await desk.settings.update(settings);
    await h.waitFor('alpha', 'offline, no container yet', (r) => r.health.status === 'offline' && r.runtime.container === 'missing');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
    page = await context.newPage();
    // Everything the desk host answers is kept, to look for the token and the API key.
    page.on('response', (response) => {
      if (new URL(response.url()).hostname !== 'desk.localhost') return;
      void response.text().then((body) => deskBodies.push(body), () => undefined);
    });
    await page.goto(desk.gateway.deskLoginUrl());
    await page.locator('.desk').waitFor({ timeout: UI_TIMEOUT_MS });
    return h.id('alpha');
  }

  async function agentPageLoaded(id: string): Promise<void> {
    const iframe = page.getByTestId(`agent-pane-${id}`).locator('iframe.agent-frame');
    await iframe.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const frame = await (await iframe.elementHandle())!.contentFrame();
    await frame!.locator('#agent-name', { hasText: 'alpha' }).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  function expectNoSecrets(text: string): void {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(API_KEY);
  }

  it('Start from the directory shows progress and the log; once up the agent view loads; Stop from the sidebar menu', async () => {
    const id = await openDesk({ startOnOpen: false });
    const card = page.getByTestId(`agent-card-${id}`);
    await card.getByTestId('container-state').filter({ hasText: 'no container yet' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await card.getByText('Logs').click();
    const log = card.getByRole('log', { name: 'Log of alpha' });
    await log.waitFor({ timeout: UI_TIMEOUT_MS });

    // By keyboard: the pressed Start gives way to Cancel (then Stop/Restart); focus stays in the group.
    await card.getByRole('button', { name: 'Start alpha' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: /^(Cancel start of|Stop|Restart) alpha$/ }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction(
      () => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('.lifecycle-controls') != null,
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
    // The command line as typed, then its output (the fake prints the token and an API key: scrubbed).
    await log.getByText(/\$ XDG_CONFIG_HOME=\S+ term-llm contain start alpha/).waitFor({ timeout: UI_TIMEOUT_MS });
    await log.getByText('WEB_TOKEN=[redacted] ANTHROPIC_API_KEY=[redacted]', { exact: false }).waitFor({ timeout: UI_TIMEOUT_MS });
    await card.locator('.status-badge[data-status="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    // The container's own log follows while the view is open.
    await log.getByText('alpha listening on', { exact: false }).waitFor({ timeout: UI_TIMEOUT_MS });
    expectNoSecrets((await log.textContent()) ?? '');
    // The card with its controls, container state and an open log: no axe violations.
    expect(await axeViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Open alpha' }).click();
    await agentPageLoaded(id);

    const sidebarButton = page.getByTestId(`sidebar-item-${id}`).getByRole('button').first();
    await sidebarButton.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'alpha actions' });
    await menu.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await axeViolations(page)).toEqual([]);
    await menu.getByRole('menuitem', { name: 'Stop' }).click();
    await page.getByTestId(`sidebar-item-${id}`).locator('.status-badge[data-status="offline"]').waitFor({ timeout: UI_TIMEOUT_MS });
    // The kept page gets the banner; the offline view offers Start again.
    await page.getByTestId('agent-down-banner').getByRole('button', { name: 'Start alpha' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect((await h.runtime.calls()).filter((call) => call.tool === 'term-llm').map((call) => call.argv.slice(0, 3))).toEqual([
      ['contain', 'start', 'alpha'],
      ['contain', 'stop', 'alpha'],
    ]);
    expectNoSecrets(await page.content());
    expectNoSecrets(deskBodies.join('\n'));

    // Settings: each root's runtime and resolved command, start-on-open, idle stop.
    await page.getByRole('button', { name: 'Settings' }).click();
    const runtimes = page.getByRole('list', { name: 'Runtime per root' });
    await runtimes.getByText(/term-llm contain start <name>/).first().waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await axeViolations(page)).toEqual([]);
    // The custom commands' fields (one argument per line), with the problem they name before Save.
    await runtimes.getByLabel(h.root).selectOption('custom');
    await runtimes.getByLabel('Start command', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opening an offline agent starts it ("start agents when opened"); the view loads by itself', async () => {
    const id = await openDesk({ startOnOpen: true }, 'dark');
    await page.getByRole('button', { name: 'Open alpha' }).click();
    const pane = page.getByTestId(`agent-pane-${id}`);
    await pane.getByRole('log', { name: 'Log of alpha' }).getByText(/term-llm contain start alpha/).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await axeViolations(page)).toEqual([]); // the offline view with Start's progress and the log tail, dark theme
    await agentPageLoaded(id);
    expect((await h.runtime.calls()).filter((call) => call.tool === 'term-llm')).toHaveLength(1);
    expectNoSecrets(await page.content());
  });
});

describe.skipIf(missing)('the gateway’s offline page: Start in a real browser', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  let browser: Browser;
  let h: LifecycleHarness;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('the button’s form POST carries the page’s own Origin; the agent starts and the page comes up after a reload', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start({ staticDir: RENDERER_DIR });
    await h.waitFor('alpha', 'offline, no container yet', (r) => r.health.status === 'offline' && r.runtime.container === 'missing');
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      // A top-level tab on the agent's origin, entered with a grant as the desk would.
      await tab.goto(desk.gateway.agentEnterUrl(h.id('alpha')));
      await tab.getByRole('heading', { name: 'alpha is offline' }).waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await axeViolations(tab)).toEqual([]);
      await tab.getByRole('button', { name: 'Start alpha' }).click();
      await h.waitFor('alpha', 'online after the page’s Start', (r) => r.health.status === 'online');
      expect((await h.runtime.calls()).filter((call) => call.tool === 'term-llm').map((call) => call.argv[1])).toEqual(['start']);
      await tab.reload();
      await tab.locator('#agent-name', { hasText: 'alpha' }).waitFor({ timeout: UI_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });
});
