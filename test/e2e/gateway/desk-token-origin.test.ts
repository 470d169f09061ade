import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../integration/gateway/harness.js';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { DeskHarness } from '../support/desk-harness.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/** What the page scripts touch; the test tsconfig has no DOM lib. */
interface PageGlobals {
  localStorage: { length: number; getItem(key: string): string | null };
  location: { href: string };
}

/**
 * Finding 1 of the security review: cookies are not port-scoped, so a
 * server on another loopback port that Chromium visits as
 * `desk.localhost:<its port>` received the desk's session cookie and could
 * replay it. The desk API now takes a bearer that lives in the desk origin's
 * storage (origin = scheme + host + port).
 */
describe.skipIf(missing)('desk API credential is bound to the desk origin (real Chromium)', () => {
  let harness: DeskHarness;
  let browser: Browser;
  let squatter: Server;
  let squatterPort: number;
  const squatterSaw: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    harness = await DeskHarness.start();
    await harness.addAgent('alpha', { token: 'e2e-alpha-token-canary-0002' });
    squatter = createServer((req, res) => {
      squatterSaw.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/html' });
      // Its own page, then a same-site request of its own: the one that carried the desk cookie before.
      res.end(req.url === '/' ? '<!doctype html><title>other port</title><script>fetch("/again", { credentials: "include" })</script>' : 'ok');
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    squatterPort = (squatter.address() as AddressInfo).port;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => squatter?.close(resolve));
    await harness?.close();
  });

  it('the UI keeps the token in its own origin storage; another port of desk.localhost gets nothing to replay', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.desk.gateway.deskLoginUrl());
    await page.getByText('alpha', { exact: true }).first().waitFor();
    // Out of the address bar, into localStorage of http://desk.localhost:PORT.
    expect(page.url()).not.toContain('desk-token');
    expect(page.url().startsWith(`http://desk.localhost:${harness.port}/`)).toBe(true);
    const stored = await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.getItem('agent-desk:desk-token'));
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await context.cookies(`http://desk.localhost:${harness.port}/`)).toEqual([]);

    const other = await context.newPage();
    await other.goto(`http://desk.localhost:${squatterPort}/`);
    await other.waitForFunction(() => true);
    await expect.poll(() => squatterSaw.length).toBeGreaterThanOrEqual(2);
    const seen = await other.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.length);
    expect(seen).toBe(0);
    const received = JSON.stringify(squatterSaw);
    expect(received).not.toContain(stored!);
    expect(received).not.toContain('__Host-desk-session');

    // Replaying whatever the other port received, with a forged Origin, opens nothing.
    const id = harness.recordOf('alpha')!.id;
    for (const headers of squatterSaw) {
      const replay = await send(harness.port, {
        host: `desk.localhost:${harness.port}`,
        path: `/api/agents/${id}/open`,
        method: 'POST',
        headers: { ...(headers.cookie ? { cookie: headers.cookie } : {}), origin: `http://desk.localhost:${harness.port}` },
      });
      expect(replay.status).toBe(401);
    }
    await context.close();
  }, 90_000);
});
