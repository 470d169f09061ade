import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutableAgent } from '../../../main/core/agents/agent-source.js';
import { createGateway, type Gateway } from '../../../main/core/gateway/gateway.js';
import { startFakeAgent, type FakeAgent, type ReceivedRequest } from '../../fixtures/fake-agent.js';
import { hostileWidget, victimWidget, type HostileAttempt, type HostileParams } from '../../fixtures/hostile-widget.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';
import { chromiumMissing, chromiumSuite } from '../support/browser.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/** Just what the framing test's page script touches. */
interface FrameDocument {
  document: {
    createElement(tag: 'iframe'): { id: string; src: string; onload: (() => void) | null };
    body: { append(node: unknown): void };
  };
}

const TOKEN = 'hostile0e2e0canary0token0000000000000000000000ff';
const VICTIM_KEY = 'victim-secret';
const VICTIM_SECRET = 'victim0localstorage0canary0d1e7';
const INSTALL_KEY = Buffer.alloc(32, 0x33);

/** What the page scripts below touch; the test tsconfig has no DOM lib. */
interface PageGlobals {
  __report?: HostileAttempt[];
  __messages: string[];
  open(url: string): unknown;
  location: { href: string };
}

describe.skipIf(missing)('a hostile widget in real Chromium reaches nothing but itself', () => {
  let fake: FakeAgent;
  let source: StaticAgentSource;
  let agent: RoutableAgent;
  let gateway: Gateway;
  const logs: string[] = [];
  const deskCalls: string[] = [];

  /**
   * The test's own desk page (a fixture, not the product UI): frames the agent, records every
   * message it receives. Like the product, the page itself is public and asks the desk API (which
   * needs the bearer from the login fragment) for the agent's enter URL.
   */
  const deskHandler = (req: IncomingMessage, res: ServerResponse): void => {
    deskCalls.push(`${req.method} ${req.url}`);
    if (req.url === '/api/frame') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(gateway.agentEnterUrl(agent.record.id));
      return;
    }
    if (req.url !== '/') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"fixture"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><title>desk</title><h1>desk fixture</h1>` +
        `<script>window.__messages = []; addEventListener('message', function (e) { window.__messages.push(e.origin + ' ' + JSON.stringify(e.data)); });` +
        `var token = (/desk-token=([A-Za-z0-9_-]+)/.exec(location.hash) || [])[1];` +
        `if (token) fetch('/api/frame', { headers: { authorization: 'Bearer ' + token } }).then(function (r) { return r.ok ? r.text() : ''; }).then(function (url) {` +
        ` if (!url) return; var f = document.createElement('iframe'); f.id = 'agent'; f.src = url; f.width = 600; f.height = 300; document.body.append(f); });</script>`,
    );
  };

  beforeAll(async () => {
    fake = await startFakeAgent({ token: TOKEN, name: 'alpha', widgets: [hostileWidget('hostile'), victimWidget('victim', VICTIM_KEY, VICTIM_SECRET)] });
    source = new StaticAgentSource();
    agent = source.add({
      name: 'alpha',
      port: fake.port,
      token: TOKEN,
      widgets: [
        { id: 'hostile-hostile', mount: 'hostile', title: 'Totally harmless widget', state: 'running' },
        { id: 'victim-victim', mount: 'victim', title: 'Victim widget', state: 'running' },
      ],
    });
    gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, deskHandler, installKey: INSTALL_KEY, log: (line) => logs.push(line) });
    await gateway.listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  // After the hooks above: the browser closes before the gateway and the agent.
  const chromium = chromiumSuite();

  const origin = (host: string) => `http://${host}`;
  const agentHost = () => `${agent.record.label}.localhost:${gateway.port}`;
  const widgetHost = (mount: string) => gateway.widgetHost(agent.record.id, mount)!;
  const texts: string[] = [];

  async function openDesk(): Promise<Page> {
    const desk = await chromium.context.newPage();
    await desk.goto(gateway.deskLoginUrl());
    await desk.getByText('desk fixture').waitFor();
    const frame = await waitFor(() => desk.frames().find((f) => f.url() === `${origin(agentHost())}/chat/`), {
      timeoutMs: 15_000,
      message: 'the agent inside the desk frame',
    });
    await frame.getByText('sessions: 0').waitFor({ timeout: 15_000 });
    return desk;
  }

  it('tries everything, and every attempt fails; no token, session cookie or other widget data reaches it', async () => {
    const desk = await openDesk();
    // The agent also open top-level, and the victim widget open with a secret in its storage.
    const agentPage = await chromium.context.newPage();
    await agentPage.goto(gateway.agentEnterUrl(agent.record.id));
    await agentPage.getByText('sessions: 0').waitFor();
    const victim = await chromium.context.newPage();
    await victim.goto(gateway.widgetEnterUrl(agent.record.id, 'victim'));
    expect(victim.url()).toBe(`${origin(widgetHost('victim'))}/chat/widgets/victim/`);
    await victim.getByText('yes').waitFor();

    const hostileUrl = gateway.widgetEnterUrl(agent.record.id, 'hostile');
    const stolenGrant = new URL(gateway.agentEnterUrl(agent.record.id)).searchParams.get('g')!;
    const params: HostileParams = {
      agentOrigin: origin(agentHost()),
      basePath: '/chat',
      agentPort: fake.port,
      otherWidgetOrigin: origin(widgetHost('victim')),
      otherWidgetPath: '/chat/widgets/victim/',
      deskOrigin: origin(`desk.localhost:${gateway.port}`),
      guessedToken: 'deadbeef'.repeat(6),
      stolenGrant,
      replayedGrant: new URL(hostileUrl).searchParams.get('g')!,
      ownPath: '/chat/widgets/hostile/',
      victimStorageKey: VICTIM_KEY,
    };
    fake.setWidgets([hostileWidget('hostile', params), victimWidget('victim', VICTIM_KEY, VICTIM_SECRET)]);
    const seenBefore = new Set<ReceivedRequest>(fake.requests);
    const deskCallsBefore = deskCalls.length;

    // The desk opens the widget in a new tab, keeping an opener (the product uses noopener; this is worse).
    const [hostile] = await Promise.all([chromium.context.waitForEvent('page'), desk.evaluate((url: string) => void (globalThis as unknown as PageGlobals).open(url), hostileUrl)]);
    await hostile.waitForURL(`${origin(widgetHost('hostile'))}/chat/widgets/hostile/`, { timeout: 15_000 });
    await hostile.locator('#report[data-done]').waitFor({ timeout: 170_000 });
    const report = await hostile.evaluate(() => (globalThis as unknown as PageGlobals).__report ?? []);

    // It really ran everything.
    expect(report.find((attempt) => attempt.name === 'fixture')).toBeUndefined();
    expect(report.length).toBeGreaterThan(80);
    for (const name of ['agent host API: fetch cors with credentials', 'desk API: form POST', '127.0.0.1 direct: bearer guess', 'other widget host: WebSocket', 'cookie toss Domain=localhost', 'window.opener', "other widget's localStorage through an iframe"]) {
      expect(report.map((attempt) => attempt.name)).toContain(name);
    }
    const through = report.filter((attempt) => attempt.outcome !== 'blocked');
    expect(through, JSON.stringify(through, null, 1)).toEqual([]);

    // Nothing secret in anything the widget could read.
    const cookies = await chromium.context.cookies();
    const sessionValues = cookies.filter((cookie) => cookie.name.startsWith('__Host-')).map((cookie) => cookie.value);
    expect(sessionValues.length).toBeGreaterThanOrEqual(4);
    const readable = JSON.stringify(report) + (await hostile.content()) + (await hostile.evaluate(() => JSON.stringify((globalThis as unknown as { localStorage: unknown }).localStorage)));
    for (const secret of [TOKEN, VICTIM_SECRET, stolenGrant, ...sessionValues]) expect(readable).not.toContain(secret);

    // Server side: nothing reached the agent except the widget's own files, the desk API never ran, no cookie was tossed.
    const arrived = fake.requests.filter((request) => !seenBefore.has(request));
    for (const request of arrived) {
      const credentialed = request.headers.authorization === `Bearer ${TOKEN}`;
      if (credentialed) expect(request.url, 'only the hostile widget files went through the gateway').toMatch(/^\/chat\/widgets\/hostile\/(|hostile\.js|params\.json)$/);
      else expect(JSON.stringify(request.headers), 'direct requests carry no token').not.toContain(TOKEN);
    }
    expect(arrived.filter((request) => request.url.startsWith('/chat/widgets/victim'))).toEqual([]);
    expect(arrived.some((request) => request.headers.authorization === undefined && request.url.startsWith('/chat/v1/'))).toBe(true);
    // The UI page is public (it holds nothing); the API behind the bearer never ran.
    expect(deskCalls.slice(deskCallsBefore).filter((call) => / \/api\b/.test(call))).toEqual([]);
    expect(cookies.filter((cookie) => cookie.domain === 'localhost' || cookie.domain === '.localhost' || cookie.name.startsWith('tossed'))).toEqual([]);
    expect(await desk.evaluate(() => (globalThis as unknown as PageGlobals).__messages)).toEqual([]);
    expect(desk.url().split('#')[0]).toBe(`http://desk.localhost:${gateway.port}/`);
    expect(logs.some((line) => line.includes('refused a widget grant'))).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);

    // The stolen grant was never redeemed by any of the attempts: it still opens the agent.
    const stolen = await chromium.context.newPage();
    await stolen.goto(`${origin(agentHost())}/__desk/enter?g=${stolenGrant}`);
    expect(stolen.url()).toBe(`${origin(agentHost())}/chat/`);
    texts.push(await desk.content(), await agentPage.content(), await victim.content());
    for (const page of [stolen, hostile, victim, agentPage]) await page.close();
    await desk.close();
    // A ceiling for ~90 browser attempts on a slow machine, not a speed assertion.
  }, 180_000);

  it('refuses to be framed: inside the desk the hostile widget never runs, so it cannot touch top or parent', async () => {
    const desk = await openDesk();
    const seenBefore = new Set<ReceivedRequest>(fake.requests);
    const url = gateway.widgetEnterUrl(agent.record.id, 'hostile');
    const answers: Array<{ url: string; status: number }> = [];
    desk.on('response', (response) => answers.push({ url: response.url(), status: response.status() }));
    await desk.evaluate(
      (src: string) =>
        new Promise<void>((resolve) => {
          const doc = (globalThis as unknown as FrameDocument).document;
          const frame = doc.createElement('iframe');
          frame.id = 'widget';
          frame.onload = () => resolve();
          frame.src = src;
          doc.body.append(frame);
        }),
      url,
    );
    expect(answers).toContainEqual({ url, status: 403 });
    const frame = await (await desk.$('#widget'))!.contentFrame();
    expect(await frame!.locator('#report').count()).toBe(0);
    const arrived = fake.requests.filter((request) => !seenBefore.has(request));
    expect(arrived.filter((request) => request.url.startsWith('/chat/widgets/hostile'))).toEqual([]);
    // The grant was not spent in the frame: it still opens the widget top-level.
    const topLevel = await chromium.context.newPage();
    await topLevel.goto(url);
    expect(topLevel.url()).toBe(`${origin(widgetHost('hostile'))}/chat/widgets/hostile/`);
    await topLevel.close();
    expect(await desk.evaluate(() => (globalThis as unknown as PageGlobals).__messages)).toEqual([]);
    expect(desk.url().split('#')[0]).toBe(`http://desk.localhost:${gateway.port}/`);
    await desk.close();
  });

  it('no page the browser saw holds the agent token', () => {
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain(TOKEN);
  });
});
