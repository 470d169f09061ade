import { afterEach, describe, expect, it } from 'vitest';
import type { FakeWidget } from '../../fixtures/fake-agent.js';
import { send } from '../gateway/harness.js';
import { BROWSER_FETCH, CANARY_TOKEN, everything, FRAMED, startWidgetHarness, TOP_LEVEL, type WidgetHarness } from './widget-harness.js';

const CLOCK: FakeWidget = { id: 'w1', mount: 'clock', title: 'Clock <3', state: 'running', html: '<p id="clock">clock page</p>' };

let h: WidgetHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Follows an enter URL on its widget host; returns the final reply (and checks the path it landed on). */
async function followEnter(harness: WidgetHarness, location: string, headers: Record<string, string> = {}) {
  const url = new URL(location);
  expect(url.host).toBe(harness.widgetHost('clock'));
  expect(url.pathname).toBe('/__desk/enter');
  const enter = await send(harness.port, { host: url.host, path: url.pathname + url.search, headers });
  expect(enter.status).toBe(302);
  const cookie = enter.headers['set-cookie']![0]!.split(';')[0]!;
  const page = await send(harness.port, { host: url.host, path: enter.headers.location!, headers: { cookie } });
  return { target: enter.headers.location!, page };
}

describe('widget navigations on the agent host', () => {
  it('a top-level navigation to {base}/widgets/<mount>/… redirects to the widget host with a fresh grant', async () => {
    h = await startWidgetHarness([CLOCK]);
    const cookie = await h.enterAgent();
    const before = h.fake.counters.requests;
    const nav = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/sub/page?x=1', headers: { cookie, ...TOP_LEVEL } });
    expect(nav.status).toBe(302);
    expect(nav.headers['cache-control']).toBe('no-store');
    expect(nav.headers['referrer-policy']).toBe('no-referrer');
    expect(h.fake.counters.requests).toBe(before); // the widget page never rendered on the agent origin
    const { target } = await followEnter(h, nav.headers.location!);
    expect(target).toBe('/chat/widgets/clock/sub/page?x=1');
    // The slash-less form lands on the slash form; every navigation mints a new grant.
    const bare = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock', headers: { cookie, ...TOP_LEVEL } });
    expect(bare.headers.location).not.toBe(nav.headers.location);
    const { target: slash, page } = await followEnter(h, bare.headers.location!);
    expect(slash).toBe('/chat/widgets/clock/');
    expect(page.body).toBe('<p id="clock">clock page</p>');
  });

  it('a framed navigation gets the gateway page naming agent and widget, with a new-tab link that mints a grant when clicked', async () => {
    h = await startWidgetHarness([CLOCK]);
    const cookie = await h.enterAgent();
    // The agent's own page, framed by the desk, navigates itself: a same-origin navigation.
    const framed = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/?a=b', headers: { cookie, ...FRAMED, 'sec-fetch-site': 'same-origin' } });
    expect(framed.status).toBe(200);
    // Another site's frame pointing here gets the gateway's pointer page, never the widget page or the agent.
    const foreign = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/?a=b', headers: { cookie, ...FRAMED, 'sec-fetch-site': 'cross-site' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('widget-link');
    expect(framed.headers['content-security-policy']).toContain(`frame-ancestors http://desk.localhost:${h.port}`);
    expect(framed.body).toContain('<strong>Clock &#60;3</strong> is a widget of <strong>bob</strong>');
    const link = /<a id="open-widget" href="([^"]+)" target="_blank" rel="noopener noreferrer">/.exec(framed.body)?.[1];
    expect(link).toMatch(/^\/__desk\/widget-link\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(framed.body).not.toContain('__desk/enter');

    // The click opens a top-level tab on the agent host: same-origin, but the framed (partitioned) cookie is not sent.
    const click = await send(h.port, { host: h.agentHost, path: link!, headers: TOP_LEVEL });
    expect(click.status).toBe(302);
    const { target, page } = await followEnter(h, click.headers.location!);
    expect(target).toBe('/chat/widgets/clock/?a=b');
    expect(page.status).toBe(200);
    // Clicked again later (within its lifetime): a new grant each time.
    const again = await send(h.port, { host: h.agentHost, path: link!, headers: TOP_LEVEL });
    expect(again.headers.location).not.toBe(click.headers.location);
    for (const reply of [framed, click, again]) expect(everything(reply)).not.toContain(CANARY_TOKEN);
  });

  it('a tampered, foreign or expired widget link gets a clear page, and no grant', async () => {
    let now = Date.now();
    h = await startWidgetHarness([CLOCK], { gateway: { now: () => now } });
    const cookie = await h.enterAgent();
    const framed = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/', headers: { cookie, ...FRAMED } });
    const link = /href="(\/__desk\/widget-link[^"]+)"/.exec(framed.body)![1]!;
    for (const bad of [`${link}x`, '/__desk/widget-link', '/__desk/widget-link?t=abc.def']) {
      const reply = await send(h.port, { host: h.agentHost, path: bad, headers: TOP_LEVEL });
      expect(reply.status, bad).toBe(403);
      expect(reply.body).toMatch(/Reload the agent/);
      expect(reply.headers.location).toBeUndefined();
    }
    // Another site cannot use the link (cross-site navigations to the agent host get the desk pointer page).
    const cross = await send(h.port, { host: h.agentHost, path: link, headers: { ...TOP_LEVEL, 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    expect(cross.headers.location).toBeUndefined();
    now += 10 * 60_000;
    expect((await send(h.port, { host: h.agentHost, path: link, headers: TOP_LEVEL })).status).toBe(403);
  });

  it("the agent's own fetch calls to its widget paths are proxied as before", async () => {
    h = await startWidgetHarness([CLOCK]);
    const cookie = await h.enterAgent();
    const fetched = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/', headers: { cookie, ...BROWSER_FETCH } });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toBe('<p id="clock">clock page</p>');
    const plain = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock', headers: { cookie } });
    expect(plain.status).toBe(307);
    expect(h.fake.requests.at(-1)!.url).toBe('/chat/widgets/clock');
  });

  it('navigations still need the agent session, and bad mounts get a 400 page', async () => {
    h = await startWidgetHarness([CLOCK]);
    const none = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/', headers: TOP_LEVEL });
    expect(none.status).toBe(401);
    expect(none.headers.location).toBeUndefined();
    const cookie = await h.enterAgent();
    for (const path of ['/chat/widgets/Clock/', '/chat/widgets/%63lock/', '/chat/widgets/-x/', `/chat/widgets/${'a'.repeat(65)}/`]) {
      const reply = await send(h.port, { host: h.agentHost, path, headers: { cookie, ...TOP_LEVEL } });
      expect(reply.status, path).toBe(400);
      expect(reply.body).toMatch(/widget mount|percent-encoded/);
    }
  });
});
