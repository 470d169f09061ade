import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why end-to-end browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
}

/**
 * Debian's Chromium, headless. As root it needs --no-sandbox; the network
 * flags stop it from calling home on a machine without internet.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * One Chromium and one context in it for the calling describe block, as its
 * beforeAll/afterAll. Call it after the hooks that start the servers the
 * pages visit: vitest runs after-hooks as a stack, so the context and the
 * browser close before those servers do.
 */
export function chromiumSuite(): { readonly context: BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  return {
    get context() {
      if (!context) throw new Error('chromiumSuite: no browser context yet (use it inside a test or a hook that runs after its beforeAll)');
      return context;
    },
  };
}
