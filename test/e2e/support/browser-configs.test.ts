import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_CONFIGS, chromiumMissing, launchChromium, launchOptionsFor, type BrowserConfig } from './browser.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/** What the page scripts touch; the test tsconfig has no DOM lib. */
interface PageGlobals {
  document: { title: string };
  localStorage: { setItem(key: string, value: string): void };
  popupWithoutClick?: boolean;
}

// Runs at load, without a click (Playwright's evaluate would count as one).
const TOP_SCRIPT = `window.popupWithoutClick = window.open(location.href.replace('top.', 'framed.')) !== null;`;

const FRAMED_SCRIPT = `(function () {
  try { localStorage.setItem('k', '1'); document.title = 'storage ok'; }
  catch (error) { document.title = 'storage denied: ' + error.message; }
})();`;

/** Pins the two browser configurations the UI suite runs in (docs/testing.md): they differ exactly where they claim to. */
describe.skipIf(missing)('test browser configurations (real Chromium)', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/top.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(TOP_SCRIPT);
      } else if (req.url === '/framed.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(FRAMED_SCRIPT);
      } else if (req.headers.host?.startsWith('top.')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<iframe sandbox="allow-scripts allow-same-origin" src="http://framed.localhost:${port}/"></iframe><script src="/top.js"></script>`);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<title>loading</title><script src="/framed.js"></script>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function framedStorage(browser: Browser): Promise<{ framed: string; topLevel: boolean; popupWithoutClick: boolean }> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://top.localhost:${port}/`);
      const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
      await frame!.waitForFunction(() => (globalThis as unknown as PageGlobals).document.title !== 'loading');
      const framed = await frame!.title();
      const topLevel = await page.evaluate(() => {
        try {
          (globalThis as unknown as PageGlobals).localStorage.setItem('k', '1');
          return true;
        } catch {
          return false;
        }
      });
      const popupWithoutClick = await page.evaluate(() => (globalThis as unknown as PageGlobals).popupWithoutClick === true);
      return { framed, topLevel, popupWithoutClick };
    } finally {
      await context.close();
    }
  }

  it.each(BROWSER_CONFIGS)('%s: framed storage as documented, top-level storage always, popups only after a click', async (config: BrowserConfig) => {
    const browser = await launchChromium(config);
    try {
      const result = await framedStorage(browser);
      if (config === 'user') expect(result.framed).toBe('storage ok');
      else expect(result.framed).toMatch(/^storage denied: .*Access is denied/);
      expect(result.topLevel).toBe(true);
      expect(result.popupWithoutClick).toBe(false);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('the user configuration drops exactly the storage feature from Playwright\'s list', async () => {
    const options = await launchOptionsFor('user');
    const ignored = options.ignoreDefaultArgs as string[];
    const playwrightList = ignored.find((arg) => arg.startsWith('--disable-features='))!;
    const ours = options.args!.find((arg) => arg.startsWith('--disable-features='))!;
    expect(playwrightList.split(',')).toContain('ThirdPartyStoragePartitioning');
    expect(ours.split(',')).not.toContain('ThirdPartyStoragePartitioning');
    expect(ours.split(',').length).toBe(playwrightList.split(',').length - 1);
    expect(ignored).toContain('--disable-popup-blocking');
  }, 60_000);
});
