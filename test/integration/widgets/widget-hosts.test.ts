import { afterEach, describe, expect, it } from 'vitest';
import { isWidgetLabel, widgetLabel } from '../../../main/core/hosts/index.js';
import { createGateway } from '../../../main/core/gateway/gateway.js';
import { WIDGET_BASELINE_HEADERS } from '../../../main/core/gateway/widgets/widget-headers.js';
import type { FakeWidget } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { pathOf, send } from '../gateway/harness.js';
import { BROWSER_FETCH, CANARY_TOKEN, everything, INSTALL_KEY, reported, startWidgetHarness, TOP_LEVEL, type WidgetHarness } from './widget-harness.js';

const CLOCK: FakeWidget = { id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p id="clock">clock page</p>' };
const TIMER: FakeWidget = { id: 'w2', mount: 'timer', title: 'Timer', state: 'running', html: '<p>timer page</p>' };

let h: WidgetHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('widget hosts: one origin per (agent, mount)', () => {
  it('derives labels with the install key: stable across gateways, distinct per agent and mount', async () => {
    h = await startWidgetHarness([CLOCK, TIMER]);
    const id = h.agent.record.id;
    const clock = h.widgetHost('clock');
    expect(clock).toBe(`${widgetLabel(INSTALL_KEY, id, 'clock')}.localhost:${h.port}`);
    expect(isWidgetLabel(clock.split('.')[0]!)).toBe(true);
    expect(h.widgetHost('timer')).not.toBe(clock);

    // A restart (a new gateway with the same install key) gives the same origin; another key does not.
    const source = new StaticAgentSource();
    source.add({ name: 'bob', port: h.fake.port, token: CANARY_TOKEN });
    source.add({ name: 'eve', port: h.fake.port, token: CANARY_TOKEN });
    const again = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, installKey: Buffer.from(INSTALL_KEY) });
    const other = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, installKey: Buffer.alloc(32, 1) });
    await again.listen();
    await other.listen();
    try {
      expect(again.widgetHost(id, 'clock')!.split('.')[0]).toBe(clock.split('.')[0]);
      expect(other.widgetHost(id, 'clock')!.split('.')[0]).not.toBe(clock.split('.')[0]);
      const eve = source.list().find((record) => record.name === 'eve')!.id;
      expect(again.widgetHost(eve, 'clock')).not.toBe(again.widgetHost(id, 'clock'));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('routes only labels it computed: a well-formed unknown widget label is 421', async () => {
    h = await startWidgetHarness([CLOCK]);
    const unknown = `w-${'a'.repeat(26)}.localhost:${h.port}`;
    expect((await send(h.port, { host: unknown, path: '/chat/widgets/clock/' })).status).toBe(421);
    // A label computed for a mount the agent never listed nor anyone opened is not routed either.
    const unlisted = h.gateway.widgetHost(h.agent.record.id, 'never-listed')!;
    expect((await send(h.port, { host: unlisted, path: '/' })).status).toBe(421);
    expect((await send(h.port, { host: h.widgetHost('clock'), path: '/' })).status).toBe(302);
  });

  it('serves only {base}/widgets/<mount>/ of its agent, path unchanged; / and the slash-less form redirect there', async () => {
    h = await startWidgetHarness([CLOCK, TIMER]);
    const cookie = await h.enterWidget('clock');
    const host = h.widgetHost('clock');
    const page = await send(h.port, { host, path: '/chat/widgets/clock/?x=1', headers: { cookie, ...BROWSER_FETCH } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<p id="clock">clock page</p>');
    expect(h.fake.requests.at(-1)!.url).toBe('/chat/widgets/clock/?x=1');
    expect(h.fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${CANARY_TOKEN}`);
    expect(h.fake.requests.at(-1)!.headers.cookie).toBeUndefined();
    expect(await send(h.port, { host, path: '/', headers: { cookie } })).toMatchObject({ status: 302, headers: { location: '/chat/widgets/clock/' } });
    expect(await send(h.port, { host, path: '/chat/widgets/clock?a=b', headers: { cookie } })).toMatchObject({ status: 302, headers: { location: '/chat/widgets/clock/?a=b' } });

    const before = h.fake.counters.requests;
    for (const path of [
      '/chat/',
      '/chat/healthz',
      '/chat/v1/sessions/status',
      '/chat/admin/widgets/status',
      '/chat/widgets/timer/',
      '/chat/widgets/clockwork/',
      '/chat/__test/echo',
      '/__desk/widget-link?t=x',
      '/__desk/logout',
      '/api/agents',
      '/sw.js',
    ]) {
      const reply = await send(h.port, { host, path, headers: { cookie, ...BROWSER_FETCH } });
      expect(reply.status, path).toBe(404);
      expect(reply.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
    // A percent-encoded mount is refused even earlier, by the gateway's path check.
    const encoded = await send(h.port, { host, path: '/chat/widgets/%63lock/', headers: { cookie, ...BROWSER_FETCH } });
    expect(encoded.status).toBe(400);
    expect(encoded.body).toMatch(/percent-encoded/);
    const post = await send(h.port, { host, path: '/chat/v1/responses', method: 'POST', headers: { cookie, origin: `http://${host}`, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(404);
    expect(h.fake.counters.requests).toBe(before);
  });

  it('sends the baseline headers on proxied and on its own answers, keeping the widget CSP', async () => {
    const csp = "default-src 'self'; img-src data:";
    h = await startWidgetHarness([{ ...CLOCK, files: { '/csp': { body: 'hi', headers: { 'content-security-policy': csp, 'permissions-policy': 'camera=*' } } } }]);
    const cookie = await h.enterWidget('clock');
    const host = h.widgetHost('clock');
    const proxied = await send(h.port, { host, path: '/chat/widgets/clock/csp', headers: { cookie } });
    expect(proxied.status).toBe(200);
    expect(proxied.headers).toMatchObject(WIDGET_BASELINE_HEADERS);
    // Node joins repeated headers it does not know with ", ": both policies arrive, each enforced.
    expect(proxied.headers['content-security-policy']).toBe(`${csp}, frame-ancestors 'none'`);
    expect(proxied.headers['permissions-policy']).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\), usb=\(\), serial=\(\), hid=\(\), clipboard-read=\(\)/);
    for (const path of ['/', '/nope', '/chat/widgets/clock/', '/__desk/enter?g=bad']) {
      const reply = await send(h.port, { host, path, headers: path === '/chat/widgets/clock/' ? {} : { cookie } });
      expect(reply.headers, path).toMatchObject(WIDGET_BASELINE_HEADERS);
      expect(reply.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
  });
});

describe('widget sessions', () => {
  it('a widget grant opens its widget once; replayed, expired, agent and other-widget grants get the how-to-reopen page', async () => {
    let now = Date.now();
    h = await startWidgetHarness([CLOCK, TIMER], { gateway: { now: () => now } });
    const id = h.agent.record.id;
    const url = h.gateway.widgetEnterUrl(id, 'clock');
    const { host, path } = pathOf(url);
    expect(host).toBe(h.widgetHost('clock'));
    const first = await send(h.port, { host, path });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/chat/widgets/clock/');
    expect(first.headers['set-cookie']![0]).toMatch(/^__Host-desk-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);

    const replay = await send(h.port, { host, path });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatch(/expired or was already used/);
    expect(replay.body).toMatch(/open the widget again/i);
    expect(replay.headers['set-cookie']).toBeUndefined();

    const expiring = pathOf(h.gateway.widgetEnterUrl(id, 'clock'));
    now += 61_000;
    expect((await send(h.port, { host, path: expiring.path })).status).toBe(403);

    const agentGrant = new URL(h.gateway.agentEnterUrl(id)).searchParams.get('g')!;
    expect((await send(h.port, { host, path: `/__desk/enter?g=${agentGrant}` })).status).toBe(403);
    const timerGrant = new URL(h.gateway.widgetEnterUrl(id, 'timer')).searchParams.get('g')!;
    expect((await send(h.port, { host, path: `/__desk/enter?g=${timerGrant}` })).status).toBe(403);
    const clockGrant = new URL(h.gateway.widgetEnterUrl(id, 'clock')).searchParams.get('g')!;
    expect((await send(h.port, { host: h.agentHost, path: `/__desk/enter?g=${clockGrant}` })).status).toBe(403);
    expect(h.logs.filter((line) => line.includes('refused a widget grant')).length).toBeGreaterThanOrEqual(3);
  });

  it('a widget session works on its own host only; an agent session never works on a widget host', async () => {
    h = await startWidgetHarness([CLOCK, TIMER]);
    const clockCookie = await h.enterWidget('clock');
    const agentCookie = await h.enterAgent();
    const clock = h.widgetHost('clock');
    const timer = h.widgetHost('timer');
    expect((await send(h.port, { host: clock, path: '/chat/widgets/clock/', headers: { cookie: clockCookie } })).status).toBe(200);
    expect((await send(h.port, { host: clock, path: '/chat/widgets/clock/', headers: { cookie: agentCookie } })).status).toBe(401);
    expect((await send(h.port, { host: clock, path: '/chat/widgets/clock/' })).status).toBe(401);
    expect((await send(h.port, { host: timer, path: '/chat/widgets/timer/', headers: { cookie: clockCookie } })).status).toBe(401);
    expect((await send(h.port, { host: h.agentHost, path: '/chat/', headers: { cookie: clockCookie } })).status).toBe(401);
    expect((await send(h.port, { host: `desk.localhost:${h.port}`, path: '/api/agents', headers: { cookie: clockCookie } })).status).toBe(401);
    const page = await send(h.port, { host: clock, path: '/chat/widgets/clock/', headers: TOP_LEVEL });
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/Open the widget from Agent Desk/);
  });

  it('refuses other sites: cross-site fetches, foreign Origins, cross-site navigations and frames', async () => {
    h = await startWidgetHarness([CLOCK]);
    const cookie = await h.enterWidget('clock');
    const host = h.widgetHost('clock');
    const path = '/chat/widgets/clock/';
    const cross = await send(h.port, { host, path, headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' } });
    expect(cross.status).toBe(403);
    const foreign = await send(h.port, { host, path, method: 'POST', headers: { cookie, origin: `http://${h.agentHost}` }, body: 'x' });
    expect(foreign.status).toBe(403);
    for (const dest of ['document', 'iframe']) {
      const nav = await send(h.port, { host, path, headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': dest } });
      expect(nav.status, dest).toBe(403);
      expect(nav.body).toMatch(/Open this widget from Agent Desk/);
    }
    // The desk opens widgets in a new tab: enter itself may arrive cross-site, and answers with a same-origin hop.
    const { path: enter } = pathOf(h.gateway.widgetEnterUrl(h.agent.record.id, 'clock'));
    const opened = await send(h.port, { host, path: enter, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('http-equiv="refresh" content="0;url=/chat/widgets/clock/"');
    expect(opened.headers['set-cookie']).toHaveLength(1);
    expect(opened.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    // Inside a frame (any parent) enter refuses before spending the grant.
    const { path: framedEnter } = pathOf(h.gateway.widgetEnterUrl(h.agent.record.id, 'clock'));
    const framed = await send(h.port, { host, path: framedEnter, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(framed.status).toBe(403);
    expect(framed.headers['set-cookie']).toBeUndefined();
    expect((await send(h.port, { host, path: framedEnter })).status).toBe(302);
  });

  it('forgets hosts that leave the list (revoking their sessions), keeps explicit opens, and all of them when the agent goes', async () => {
    h = await startWidgetHarness([CLOCK, TIMER]);
    const id = h.agent.record.id;
    const clockCookie = await h.enterWidget('clock');
    const clock = h.widgetHost('clock');
    const timer = h.widgetHost('timer');
    // clock was opened explicitly (widgetEnterUrl): it leaves the list but stays routed, its session too.
    h.source.update(id, { widgets: reported([TIMER]) });
    expect((await send(h.port, { host: clock, path: '/chat/widgets/clock/', headers: { cookie: clockCookie } })).status).toBe(200);
    const timerCookie = await h.enterWidget('timer');
    h.source.update(id, { widgets: [] });
    expect((await send(h.port, { host: timer, path: '/chat/widgets/timer/', headers: { cookie: timerCookie } })).status).toBe(200);

    h.source.update(id, { widgets: reported([TIMER]) });
    h.source.remove(id);
    expect((await send(h.port, { host: clock, path: '/chat/widgets/clock/', headers: { cookie: clockCookie } })).status).toBe(421);
    expect((await send(h.port, { host: timer, path: '/' })).status).toBe(421);
  });

  it('a widget known only from the list loses its host when it leaves the list, and gets it back', async () => {
    h = await startWidgetHarness([CLOCK, TIMER]);
    const id = h.agent.record.id;
    const timer = h.widgetHost('timer');
    expect((await send(h.port, { host: timer, path: '/' })).status).toBe(302);
    h.source.update(id, { widgets: reported([CLOCK]) });
    expect((await send(h.port, { host: timer, path: '/' })).status).toBe(421);
    h.source.update(id, { widgets: reported([CLOCK, TIMER]) });
    expect((await send(h.port, { host: timer, path: '/' })).status).toBe(302);
  });

  it('the token change revokes widget sessions too; the agent token never reaches a widget client or a log', async () => {
    h = await startWidgetHarness([CLOCK]);
    const id = h.agent.record.id;
    const cookie = await h.enterWidget('clock');
    const host = h.widgetHost('clock');
    const replies = [
      await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie } }),
      await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie, ...TOP_LEVEL } }),
      await send(h.port, { host, path: '/nope', headers: { cookie, ...TOP_LEVEL } }),
    ];
    await h.fake.stop();
    replies.push(await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie, ...TOP_LEVEL } }));
    replies.push(await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie } }));
    expect(replies.at(-1)!.status).toBe(502);
    await h.fake.restart();
    h.source.update(id, { token: 'rotated0token0000000000000000000000000000000000' });
    replies.push(await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie } }));
    expect(replies.at(-1)!.status).toBe(401);
    for (const reply of replies) expect(everything(reply)).not.toContain(CANARY_TOKEN);
    expect(h.logs.join('\n')).not.toContain(CANARY_TOKEN);
  });
});
