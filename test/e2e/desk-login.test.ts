import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './support/browser.js';
import { DeskHarness } from './support/desk-harness.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('browser mode: log in and open an agent (real Chromium)', () => {
  let harness: DeskHarness;
  let browser: Browser;

  beforeAll(async () => {
    harness = await DeskHarness.start();
    await harness.addAgent('alpha', { token: 'e2e-alpha-token-canary-0001' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('logs in through the printed link and shows the agent online in the directory', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.desk.gateway.deskLoginUrl());
    expect(new URL(page.url()).host).toBe(`desk.localhost:${harness.port}`);
    await page.getByText('alpha', { exact: true }).first().waitFor();
    await page.screenshot({ path: '/tmp/desk-login.png' });
    const html = await page.content();
    expect(html).not.toContain('e2e-alpha-token-canary-0001');
    await context.close();
  });
});
