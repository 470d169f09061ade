import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutableAgent } from '../../../main/core/agents/agent-source.js';
import { createGateway, type Gateway } from '../../../main/core/gateway/gateway.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';
import { chromiumMissing, chromiumSuite } from '../support/browser.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const TOKEN = 'widget0nav0e2e0canary0token000000000000000000ee';

/** What the page scripts touch; the test tsconfig has no DOM lib. */
interface PageGlobals {
  location: { href: string; assign(url: string): void };
  fetch(url: string): Promise<{ status: number; text(): Promise<string> }>;
}

describe.skipIf(missing)('opening widgets from an agent page in real Chromium', () => {
  let fake: FakeAgent;
  let agent: RoutableAgent;
  let gateway: Gateway;

  const deskHandler = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>desk</title><h1>desk fixture</h1><iframe id="agent" src="${gateway.agentEnterUrl(agent.record.id)}" width="600" height="300"></iframe>`);
  };

  beforeAll(async () => {
    fake = await startFakeAgent({ token: TOKEN, name: 'alpha', widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running' }] });
    const source = new StaticAgentSource();
    agent = source.add({ name: 'alpha', port: fake.port, token: TOKEN, widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running' }] });
    gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, deskHandler, installKey: Buffer.alloc(32, 9) });
    await gateway.listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  // After the hooks above: the browser closes before the gateway and the agent.
  const chromium = chromiumSuite();

  const widgetOrigin = () => `http://${gateway.widgetHost(agent.record.id, 'clock')}`;
  const agentOrigin = () => gateway.origin(agent.record.label);

  it('a top-level agent page navigating to its widget lands on the widget origin, running there', async () => {
    const page = await chromium.context.newPage();
    await page.goto(gateway.agentEnterUrl(agent.record.id));
    await page.getByText('sessions: 0').waitFor();
    // The agent's own fetch of a widget path still works (proxied, not redirected).
    const fetched = await page.evaluate(async () => {
      const response = await (globalThis as unknown as PageGlobals).fetch('widgets/clock/');
      return { status: response.status, text: await response.text() };
    });
    expect(fetched.status).toBe(200);
    expect(fetched.text).toContain('widget-title');
    await page.evaluate(() => (globalThis as unknown as PageGlobals).location.assign('widgets/clock/'));
    await page.waitForURL(`${widgetOrigin()}/chat/widgets/clock/`);
    await page.getByText('widget app.js loaded: clock').waitFor();
    await page.close();
  });

  it('inside the desk frame, the navigation shows the gateway page; its link opens the widget in a new tab', async () => {
    const desk = await chromium.context.newPage();
    await desk.goto(gateway.deskLoginUrl());
    const frame = await waitFor(() => desk.frames().find((f) => f.url() === `${agentOrigin()}/chat/`), { timeoutMs: 15_000, message: 'agent in the desk frame' });
    await frame.getByText('sessions: 0').waitFor();
    await frame.evaluate(() => (globalThis as unknown as PageGlobals).location.assign('widgets/clock/'));
    await frame.waitForURL(`${agentOrigin()}/chat/widgets/clock/`);
    await frame.getByText('Clock is a widget of alpha').waitFor();
    const link = frame.locator('#open-widget');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    const [tab] = await Promise.all([chromium.context.waitForEvent('page'), link.click()]);
    await tab.waitForURL(`${widgetOrigin()}/chat/widgets/clock/`, { timeout: 15_000 });
    await tab.getByText('widget app.js loaded: clock').waitFor();
    expect(await tab.evaluate(() => (globalThis as unknown as { opener: unknown }).opener)).toBeNull();
    // The desk stayed where it was.
    expect(desk.url().split('#')[0]).toBe(`http://desk.localhost:${gateway.port}/`);
    for (const text of [await desk.content(), await frame.content(), await tab.content()]) expect(text).not.toContain(TOKEN);
    await tab.close();
    await desk.close();
  });
});
