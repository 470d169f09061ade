import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Frame } from 'playwright-core';
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
  name: string;
  value: string;
  method: string;
  action: string;
  target: string;
  enctype: string;
  href: string;
  rel: string;
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  append(...nodes: PageElement[]): void;
  submit(): void;
  click(): void;
}
declare const document: { createElement(tag: string): PageElement; body: PageElement };
declare const location: { host: string };

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

const TOKEN_ALPHA = 'e2e0alpha0canary0token0000000000000000000000000a';
const TOKEN_BETA = 'e2e0beta0canary0token00000000000000000000000000b';

describe.skipIf(missing)('gateway in real Chromium: per-agent origins, sessions, isolation', () => {
  let alpha: FakeAgent;
  let beta: FakeAgent;
  let source: StaticAgentSource;
  let gateway: Gateway;
  let alphaAgent: RoutableAgent;
  let betaAgent: RoutableAgent;
  const pageTexts: string[] = [];

  /** The test's own minimal desk page (not the product UI): it frames alpha through a fresh grant. */
  const deskHandler = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url !== '/' && req.url !== '/?frame=beta') {
      res.writeHead(404).end();
      return;
    }
    const src = gateway.agentEnterUrl((req.url === '/' ? alphaAgent : betaAgent).record.id);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>desk</title><h1>desk fixture</h1><iframe id="agent" src="${src}" width="800" height="600"></iframe>`);
  };

  beforeAll(async () => {
    alpha = await startFakeAgent({ token: TOKEN_ALPHA, name: 'alpha' });
    beta = await startFakeAgent({ token: TOKEN_BETA, name: 'beta' });
    source = new StaticAgentSource();
    alphaAgent = source.add({ name: 'alpha', port: alpha.port, token: TOKEN_ALPHA });
    betaAgent = source.add({ name: 'beta', port: beta.port, token: TOKEN_BETA });
    gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, deskHandler });
    await gateway.listen();
  });

  afterAll(async () => {
    await gateway?.close();
    await alpha?.close();
    await beta?.close();
  });

  // After the hooks above: the browser closes before the gateway and the agents.
  const chromium = chromiumSuite();

  const alphaHost = () => `${alphaAgent.record.label}.localhost:${gateway.port}`;

  it('logs in to the desk, frames alpha on its own origin and streams an SSE reply inside it', async () => {
    const page = await chromium.context.newPage();
    await page.goto(gateway.deskLoginUrl());
    // This fixture desk page does not adopt the token (the product UI does): it stays in the fragment, never sent to a server.
    expect(page.url()).toMatch(new RegExp(`^http://desk\\.localhost:${gateway.port}/#desk-token=[A-Za-z0-9_-]{43}$`));
    await page.getByText('desk fixture').waitFor();
    const frame = await waitFor(
      () => page.frames().find((f: Frame) => f.url() === `http://${alphaHost()}/chat/`),
      { timeoutMs: 15_000, message: 'alpha SPA inside the desk iframe' },
    );
    await frame.waitForLoadState('domcontentloaded');
    const streamed = await frame.evaluate(async () => {
      const response = await fetch('/chat/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stream: true, forever: true }),
      });
      const reader = response.body!.getReader();
      const { value } = await reader.read();
      await reader.cancel();
      return { status: response.status, type: response.headers.get('content-type'), first: new TextDecoder().decode(value) };
    });
    expect(streamed.status).toBe(200);
    expect(streamed.type).toMatch(/^text\/event-stream/);
    expect(streamed.first).toContain('response.output_text.delta');
    expect(alpha.counters.streamsStarted).toBe(1);
    await waitFor(() => alpha.counters.streamsAborted === 1, { message: 'cancelled stream closed upstream' });
    // The agent's own WebSocket works from inside the frame: bearer injected upstream, browser cookie stripped.
    const ws = await frame.evaluate(
      () =>
        new Promise<{ bearer: boolean; cookie: boolean; echo: string }>((resolve, reject) => {
          const socket = new WebSocket(`ws://${location.host}/chat/__test/ws`);
          let seen: Record<string, string> | undefined;
          socket.onmessage = (event) => {
            if (seen === undefined) {
              seen = JSON.parse(String(event.data)) as Record<string, string>;
              socket.send('hello');
              return;
            }
            resolve({ bearer: /^Bearer \S+$/.test(seen.authorization ?? ''), cookie: 'cookie' in seen, echo: String(event.data) });
            socket.close();
          };
          socket.onerror = () => reject(new Error('WebSocket failed'));
        }),
    );
    expect(ws).toEqual({ bearer: true, cookie: false, echo: 'hello' });
    expect(alpha.counters.wsConnections).toBe(1);
    pageTexts.push(await page.content(), await frame.content());
    await page.close();
  });

  it('a page on beta’s origin cannot read or drive alpha (fetch with credentials, form POST, WebSocket)', async () => {
    // Alpha also open top-level in this profile, so a cookie exists outside the desk partition too.
    const alphaPage = await chromium.context.newPage();
    await alphaPage.goto(gateway.agentEnterUrl(alphaAgent.record.id));
    expect(alphaPage.url()).toBe(`http://${alphaHost()}/chat/`);
    const attacker = await chromium.context.newPage();
    await attacker.goto(gateway.agentEnterUrl(betaAgent.record.id));
    expect(attacker.url()).toBe(`http://${betaAgent.record.label}.localhost:${gateway.port}/chat/`);

    const before = { ...alpha.counters };
    const target = `http://${alphaHost()}/chat`;
    const outcome = await attacker.evaluate(async (base: string) => {
      const result: Record<string, string> = {};
      // Control: beta's own API works from its page.
      result.own = String((await fetch('/chat/v1/sessions/status')).status);
      // Control: alpha's host is reachable from here (the gateway answers, opaquely).
      result.reachable = await fetch(`${base}/healthz`, { mode: 'no-cors' }).then(() => 'reachable', () => 'unreachable');
      try {
        const r = await fetch(`${base}/v1/sessions/status`, { credentials: 'include' });
        result.read = `read ${r.status}`;
      } catch {
        result.read = 'blocked';
      }
      await fetch(`${base}/v1/responses`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ stream: true, events: 1 }) }).catch(() => undefined);
      result.form = await new Promise<string>((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = 'sink';
        document.body.append(frame);
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = `${base}/v1/responses`;
        form.target = 'sink';
        form.enctype = 'text/plain';
        const input = document.createElement('input');
        input.name = '{"stream":true,"events":1,"x":"';
        input.value = '"}';
        form.append(input);
        document.body.append(form);
        frame.onload = () => resolve('submitted');
        form.submit();
      });
      result.ws = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${base.replace('http:', 'ws:')}/__test/ws`);
        ws.onopen = () => resolve('opened');
        ws.onerror = () => resolve('failed');
      });
      return result;
    }, target);

    expect(outcome.own).toBe('200');
    expect(outcome.reachable).toBe('reachable');
    expect(outcome.read).toBe('blocked');
    expect(outcome.form).toBe('submitted');
    expect(outcome.ws).toBe('failed');
    // Nothing of it reached alpha.
    expect(alpha.counters.requests).toBe(before.requests);
    expect(alpha.counters.streamsStarted).toBe(before.streamsStarted);
    expect(alpha.counters.wsConnections).toBe(before.wsConnections);
    pageTexts.push(await attacker.content(), await alphaPage.content());
    await attacker.close();
    await alphaPage.close();
  });

  it('a link opened from the desk in a new tab lands on the agent (same-origin refresh, not refused)', async () => {
    const desk = await chromium.context.newPage();
    await desk.goto(gateway.deskLoginUrl());
    const url = gateway.agentEnterUrl(alphaAgent.record.id);
    const [opened] = await Promise.all([
      chromium.context.waitForEvent('page'),
      desk.evaluate((href: string) => {
        const a = document.createElement('a');
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener';
        document.body.append(a);
        a.click();
      }, url),
    ]);
    await opened.waitForURL(`http://${alphaHost()}/chat/`, { timeout: 15_000 });
    const status = await opened.evaluate(async () => (await fetch('/chat/v1/sessions/status')).status);
    expect(status).toBe(200);
    // A reload of that tab is not a cross-site navigation: it still shows the agent.
    const reloaded = await opened.reload();
    expect(reloaded?.status()).toBe(200);
    expect(opened.url()).toBe(`http://${alphaHost()}/chat/`);
    pageTexts.push(await opened.content());
    await opened.close();
    await desk.close();
  });

  it('agents framed in the desk cannot reach each other: beta’s page frames, images and links alpha; alpha receives nothing', async () => {
    const page = await chromium.context.newPage();
    await page.goto(gateway.deskLoginUrl());
    // Alpha first, so the desk's cookie partition holds an alpha session that beta's frames would carry.
    await waitFor(() => page.frames().find((f: Frame) => f.url() === `http://${alphaHost()}/chat/`), { timeoutMs: 15_000, message: 'alpha inside the desk' });
    await page.goto(`http://desk.localhost:${gateway.port}/?frame=beta`);
    const betaFrame = await waitFor(
      () => page.frames().find((f: Frame) => f.url() === `http://${betaAgent.record.label}.localhost:${gateway.port}/chat/`),
      { timeoutMs: 15_000, message: 'beta inside the desk' },
    );
    await betaFrame.waitForLoadState('load');
    // Alpha's own page (now gone) may still have had requests in flight: wait until alpha is quiet.
    let quiet = -1;
    await waitFor(
      async () => {
        const count = alpha.counters.requests;
        if (count === quiet) return true;
        quiet = count;
        await new Promise((resolve) => setTimeout(resolve, 750));
        return alpha.counters.requests === count;
      },
      { timeoutMs: 15_000, message: 'alpha quiet' },
    );
    const before = alpha.counters.requests;
    const popup = page.context().waitForEvent('page');
    const outcome = await betaFrame.evaluate(async (base: string) => {
      const loaded = (element: PageElement): Promise<string> =>
        new Promise((resolve) => {
          element.onload = () => resolve('loaded');
          element.onerror = () => resolve('error');
        });
      const frame = document.createElement('iframe');
      const framed = loaded(frame);
      frame.src = `${base}/chat/`;
      document.body.append(frame);
      const image = document.createElement('img');
      const imaged = loaded(image);
      image.src = `${base}/chat/healthz`;
      document.body.append(image);
      const link = document.createElement('a');
      link.href = `${base}/chat/`;
      link.target = '_blank';
      document.body.append(link);
      link.click();
      return { frame: await framed, image: await imaged };
    }, `http://${alphaHost()}`);
    const opened = await popup;
    await opened.waitForLoadState('load');
    expect(outcome).toEqual({ frame: 'loaded', image: 'error' });
    // The frame and the new tab show the gateway's page pointing to the desk, not alpha.
    expect(await opened.content()).toContain(`http://desk.localhost:${gateway.port}/`);
    // Beta's frame of alpha is refused by the browser (frame-src in beta's CSP); its link lands on the pointer page.
    // A navigation into the scope of alpha's service worker may make Chromium check the worker's script: a fixed
    // path of alpha's own choosing, counted apart (agent-service-workers.test.ts has the worker cases).
    expect(reachedBesidesUpdateChecks(alpha.requestsSince(before), '/chat/sw.js')).toEqual([]);
    pageTexts.push(await opened.content(), await betaFrame.content());
    await opened.close();
    await page.close();
  });

  it('no page the browser saw holds a token', () => {
    expect(pageTexts.length).toBeGreaterThan(3);
    const all = pageTexts.join('\n');
    expect(all).not.toContain(TOKEN_ALPHA);
    expect(all).not.toContain(TOKEN_BETA);
  });
});
