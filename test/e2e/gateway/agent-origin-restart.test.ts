import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from '../../../main/core/desk.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { chromiumMissing, chromiumSuite } from '../support/browser.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const TOKEN = 'origin0restart0canary0token0000000000000000000ab';

/** A port that was free a moment ago: the desk must come back on the same one (the port is part of the origin). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * ADR 0020 in a real browser: an agent's origin (and so what its UI keeps in
 * the browser) is the same after a restart of the same install, and another
 * install — like an upgrade from the old guessable labels — gives the agent a
 * fresh origin with fresh storage. The fake agent's page counts its starts in
 * its origin's localStorage ("visits: N").
 */
describe.skipIf(missing)('agent origins across desk restarts (real Chromium, real desk)', () => {
  let tmp: TempDir;
  let fake: FakeAgent;
  let port: number;
  let desk: Desk | undefined;

  beforeAll(async () => {
    tmp = await tempDir('agent-desk-origin-restart-');
    fake = await startFakeAgent({ token: TOKEN, name: 'alpha' });
    const dir = path.join(tmp.path, 'roots', 'alpha');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, '.env'), `WEB_PORT=${fake.port}\nWEB_TOKEN=${TOKEN}\n`, { mode: 0o600 });
    port = await freePort();
  });

  afterAll(async () => {
    await desk?.close();
    await fake?.close();
    await tmp?.remove();
  });

  const chromium = chromiumSuite();

  /** Starts the desk of one install on the fixed port, opens alpha in a tab, returns its origin and visit count. */
  async function openAlpha(install: string): Promise<{ origin: string; visits: string | null }> {
    await desk?.close();
    desk = await startDesk({
      port,
      flagRoots: [path.join(tmp.path, 'roots')],
      configDir: path.join(tmp.path, `config-${install}`),
      mode: 'browser',
      version: 'e2e',
      env: { XDG_CONFIG_HOME: path.join(tmp.path, 'xdg') },
      healthIntervalMs: 200,
    });
    const current = desk;
    const record = await waitFor(() => current.registry.list().find((r) => r.name === 'alpha' && r.health.status === 'online'), {
      timeoutMs: 10_000,
      message: 'alpha online',
    });
    const page: Page = await chromium.context.newPage();
    try {
      await page.goto(current.gateway.agentEnterUrl(record.id));
      await page.locator('#storage').waitFor({ timeout: 15_000 });
      return { origin: new URL(page.url()).origin, visits: await page.locator('#storage').textContent() };
    } finally {
      await page.close();
    }
  }

  it('the same install keeps the origin and its storage; another install starts the agent afresh on a new origin', async () => {
    const first = await openAlpha('one');
    expect(first.origin).toMatch(new RegExp(`^http://a-alpha-[a-z2-7]{16}\\.localhost:${port}$`));
    expect(first.visits).toBe('visits: 1');

    const again = await openAlpha('one');
    expect(again).toEqual({ origin: first.origin, visits: 'visits: 2' });

    const elsewhere = await openAlpha('two');
    expect(elsewhere.origin).not.toBe(first.origin);
    expect(elsewhere.visits).toBe('visits: 1');
  });
});
