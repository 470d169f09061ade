import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why end-to-end browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
}

/**
 * How the tests' Chromium treats framed storage (docs/testing.md):
 * - `user`: as a user's Chromium runs — third-party storage partitioned and
 *   allowed, popups blocked without a click. Playwright's defaults change
 *   both; this configuration takes them back.
 * - `framed-storage-denied`: Playwright's own storage defaults (third-party
 *   storage partitioning off, so a framed site's storage follows the
 *   third-party cookie block): what a user gets with "block third-party
 *   cookies", in private windows, in browsers that block cross-site storage.
 *   Popups are blocked without a click here too.
 */
export type BrowserConfig = 'user' | 'framed-storage-denied';
export const BROWSER_CONFIGS: readonly BrowserConfig[] = ['user', 'framed-storage-denied'];

/** The Playwright default whose feature list turns third-party storage partitioning off. */
const STORAGE_FEATURE = 'ThirdPartyStoragePartitioning';
/** Playwright's default that lets every window.open through; a user's browser blocks popups without a click. */
const POPUPS_ALLOWED = '--disable-popup-blocking';

/**
 * Debian's Chromium, headless. As root it needs --no-sandbox; the network
 * flags stop it from calling home on a machine without internet.
 */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let playwrightDefaults: Promise<string[]> | undefined;

/**
 * Playwright's own default arguments, read from a Chromium it launched
 * (`Browser.getBrowserCommandLine` answers only with --enable-automation).
 * `ignoreDefaultArgs` matches whole arguments, so the exact feature list is
 * needed; reading it keeps this right when Playwright changes that list.
 */
function playwrightDefaultArgs(): Promise<string[]> {
  playwrightDefaults ??= (async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...BASE_ARGS, '--enable-automation'] });
    try {
      const session = await browser.newBrowserCDPSession();
      const { arguments: args } = (await session.send('Browser.getBrowserCommandLine')) as { arguments: string[] };
      return args;
    } finally {
      await browser.close();
    }
  })();
  return playwrightDefaults;
}

/** The launch options of one configuration (exported for the test that pins them). */
export async function launchOptionsFor(config: BrowserConfig): Promise<LaunchOptions> {
  const base: LaunchOptions = { executablePath: CHROMIUM_PATH, headless: true, args: [...BASE_ARGS] };
  if (config === 'framed-storage-denied') return { ...base, ignoreDefaultArgs: [POPUPS_ALLOWED] };
  const disableFeatures = (await playwrightDefaultArgs()).find((arg) => arg.startsWith('--disable-features=') && arg.includes(STORAGE_FEATURE));
  if (disableFeatures === undefined) throw new Error(`Playwright no longer disables ${STORAGE_FEATURE}: review test/e2e/support/browser.ts and docs/testing.md`);
  // Keep the rest of Playwright's list (no calls home, no HTTPS upgrades of loopback URLs).
  const kept = disableFeatures
    .slice('--disable-features='.length)
    .split(',')
    .filter((feature) => feature !== STORAGE_FEATURE);
  return { ...base, ignoreDefaultArgs: [disableFeatures, POPUPS_ALLOWED], args: [...BASE_ARGS, `--disable-features=${kept.join(',')}`] };
}

/** Chromium in one of the two configurations; `user` unless a test is about denied framed storage. */
export async function launchChromium(config: BrowserConfig = 'user'): Promise<Browser> {
  return chromium.launch(await launchOptionsFor(config));
}

/**
 * One Chromium and one context in it for the calling describe block, as its
 * beforeAll/afterAll. Call it after the hooks that start the servers the
 * pages visit: vitest runs after-hooks as a stack, so the context and the
 * browser close before those servers do.
 */
export function chromiumSuite(config: BrowserConfig = 'user'): { readonly context: BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchChromium(config);
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
