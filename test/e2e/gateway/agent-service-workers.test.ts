import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutableAgent } from '../../../main/core/agents/agent-source.js';
import { createGateway, type Gateway } from '../../../main/core/gateway/gateway.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';
import { chromiumMissing, chromiumSuite } from '../support/browser.js';
import { reachedBesidesUpdateChecks } from '../support/worker-update-checks.js';

/** The page scripts below run in Chromium; the test tsconfig has no DOM lib, so this declares what they touch. */
interface PageElement {
  src: string;
  srcdoc: string;
  data: string;
  href: string;
  target: string;
  onload: (() => void) | null;
  append(...nodes: PageElement[]): void;
  click(): void;
}
declare const document: {
  createElement(tag: string): PageElement;
  body: PageElement;
  addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string; blockedURI: string }) => void): void;
};
declare const navigator: { serviceWorker: { ready: Promise<{ active: { scriptURL: string } | null }>; controller: object | null } };
declare const location: { href: string };
declare const window: { URL: { createObjectURL(blob: unknown): string }; Blob: new (parts: string[], options: { type: string }) => unknown };

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const TOKENS = {
  rebuild: 'e2e0rebuild0canary0token000000000000000000000r',
  pass: 'e2e0pass0canary0token0000000000000000000000000p',
  beta: 'e2e0beta0canary0token00000000000000000000000000b',
};

/**
 * Issue 9 finding 3 with the agents' service workers in play (term-llm's UI
 * registers `{base}/sw.js`). Agents framed in the desk share one cookie
 * partition, so a worker alpha registered there also runs for navigations
 * into alpha's scope that beta's page starts. What Chromium does with them:
 * a worker that passes navigations through (`fetch(event.request)`) keeps
 * them cross-site (the gateway refuses them); a worker that rebuilds them
 * from the URL sends them same-origin, with beta's chosen path. Beta's page
 * therefore may not frame or embed another gateway host at all
 * (`frame-src`/`object-src` appended to every agent response).
 */
describe.skipIf(missing)('service workers of agents in real Chromium: one agent’s page cannot carry requests into another', () => {
  let rebuilding: FakeAgent;
  let passing: FakeAgent;
  let beta: FakeAgent;
  let gateway: Gateway;
  const agents = new Map<string, RoutableAgent>();

  /** The test's own minimal desk page: `/?frame=<agent name>` frames that agent through a fresh grant. */
  const deskHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const name = new URL(req.url ?? '/', 'http://desk').searchParams.get('frame');
    const agent = name === null ? undefined : agents.get(name);
    const frame = agent === undefined ? '' : `<iframe id="agent" src="${gateway.agentEnterUrl(agent.record.id)}" width="800" height="600"></iframe>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>desk</title><h1>desk fixture</h1>${frame}`);
  };

  beforeAll(async () => {
    rebuilding = await startFakeAgent({ token: TOKENS.rebuild, name: 'rebuild', serviceWorker: 'rebuild' });
    passing = await startFakeAgent({ token: TOKENS.pass, name: 'pass', serviceWorker: 'pass-through' });
    beta = await startFakeAgent({ token: TOKENS.beta, name: 'beta' });
    const source = new StaticAgentSource();
    agents.set('rebuild', source.add({ name: 'rebuild', port: rebuilding.port, token: TOKENS.rebuild }));
    agents.set('pass', source.add({ name: 'pass', port: passing.port, token: TOKENS.pass }));
    agents.set('beta', source.add({ name: 'beta', port: beta.port, token: TOKENS.beta }));
    gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, deskHandler });
    await gateway.listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await rebuilding?.close();
    await passing?.close();
    await beta?.close();
  });

  // After the hooks above: the browser closes before the gateway and the agents.
  const chromium = chromiumSuite();

  const originOf = (name: string): string => `http://${agents.get(name)!.record.label}.localhost:${gateway.port}`;

  /** Frames `name` in the desk fixture (its grant, its session in the desk's partition) and returns its frame once loaded. */
  const frameInDesk = async (page: Page, name: string): Promise<Frame> => {
    await page.goto(`http://desk.localhost:${gateway.port}/?frame=${name}`);
    const frame = await waitFor(() => page.frames().find((f) => f.url() === `${originOf(name)}/chat/`), { timeoutMs: 15_000, message: `${name} inside the desk` });
    await frame.waitForLoadState('load');
    return frame;
  };

  /** The agent's own page registered its worker, and the worker is active: navigations into `/chat/` now go through it. */
  const workerActive = (frame: Frame | Page): Promise<string | undefined> =>
    frame.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);

  it('beta’s page cannot frame or embed another agent: Chromium blocks it before any request, so even a worker that rebuilds navigations never runs', async () => {
    const page = await chromium.context.newPage();
    await page.goto(gateway.deskLoginUrl());
    // The target first, so the desk's partition holds its session and its active worker.
    expect(await workerActive(await frameInDesk(page, 'rebuild'))).toBe(`${originOf('rebuild')}/chat/sw.js`);
    const betaFrame = await frameInDesk(page, 'beta');
    const before = rebuilding.counters.requests;

    const outcome = await betaFrame.evaluate(async (base: string) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
      const loaded = (element: PageElement): Promise<void> =>
        new Promise((resolve) => {
          element.onload = () => resolve();
        });
      const frames: Promise<void>[] = [];
      const addFrame = (set: (frame: PageElement) => void): void => {
        const frame = document.createElement('iframe');
        frames.push(loaded(frame));
        set(frame);
        document.body.append(frame);
      };
      addFrame((f) => (f.src = `${base}/chat/chosen-frame?x=1`));
      // Documents that inherit the page's policy (srcdoc, blob:) or start afresh (data:) framing the target in turn.
      const nested = (name: string): string => `<iframe src="${base}/chat/chosen-${name}?x=1"></iframe>`;
      addFrame((f) => (f.srcdoc = nested('srcdoc')));
      addFrame((f) => (f.src = window.URL.createObjectURL(new window.Blob([nested('blob')], { type: 'text/html' }))));
      addFrame((f) => (f.src = `data:text/html,${encodeURIComponent(nested('data'))}`));
      const object = document.createElement('object');
      object.data = `${base}/chat/chosen-object?x=1`;
      document.body.append(object);
      const embed = document.createElement('embed');
      embed.src = `${base}/chat/chosen-embed?x=1`;
      document.body.append(embed);
      // A frame's load event waits for the frames inside it: once all have fired, every navigation was sent or blocked.
      await Promise.all(frames);
      return violations;
    }, originOf('rebuild'));

    // Reported in beta's own document: the frame, the object and the embed.
    const base = originOf('rebuild');
    expect(outcome).toEqual(expect.arrayContaining([`frame-src ${base}`, `object-src ${base}`]));
    expect(outcome.filter((v) => v.startsWith('object-src'))).toHaveLength(2);
    // Nothing of beta's choosing reached the target; Chromium's own check of the worker script may.
    expect(reachedBesidesUpdateChecks(rebuilding.requestsSince(before), '/chat/sw.js')).toEqual([]);
    await page.close();
  });

  it('links and the frame’s own navigation stay cross-site through a worker that passes navigations on: the gateway answers with the page pointing to the desk', async () => {
    // The target's worker registered in both partitions beta's navigations can land in: the desk's (frames) and its own (tabs).
    const tab = await chromium.context.newPage();
    await tab.goto(gateway.agentEnterUrl(agents.get('pass')!.record.id));
    await tab.waitForURL(`${originOf('pass')}/chat/`);
    expect(await workerActive(tab)).toBe(`${originOf('pass')}/chat/sw.js`);
    await tab.close();
    const page = await chromium.context.newPage();
    await page.goto(gateway.deskLoginUrl());
    expect(await workerActive(await frameInDesk(page, 'pass'))).toBe(`${originOf('pass')}/chat/sw.js`);
    const betaFrame = await frameInDesk(page, 'beta');
    const before = passing.counters.requests;
    const target = originOf('pass');

    // A link to a new tab (the user clicks it), then beta's frame navigating itself into the target's scope.
    const popup = page.context().waitForEvent('page');
    await betaFrame.evaluate((url: string) => {
      const link = document.createElement('a');
      link.href = url;
      link.target = '_blank';
      document.body.append(link);
      link.click();
    }, `${target}/chat/chosen-link?x=1`);
    const opened = await popup;
    await opened.waitForLoadState('load');
    const frameUrl = `${target}/chat/chosen-self?x=1`;
    await betaFrame.evaluate((url: string) => {
      location.href = url;
    }, frameUrl);
    const navigated = await waitFor(() => page.frames().find((f) => f.url() === frameUrl), { timeoutMs: 15_000, message: 'beta’s frame on the target' });
    await navigated.waitForLoadState('load');

    for (const landed of [opened, navigated]) {
      // The worker answered the navigation (the document is its client), with what the gateway said: the pointer page.
      expect(await landed.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await landed.content()).toContain(`http://desk.localhost:${gateway.port}/`);
    }
    expect(reachedBesidesUpdateChecks(passing.requestsSince(before), '/chat/sw.js')).toEqual([]);
    await opened.close();
    await page.close();
  });
});
