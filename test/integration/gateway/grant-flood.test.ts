import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeWidget } from '../../fixtures/fake-agent.js';
import { cookieOf, pathOf, send } from './harness.js';
import { CANARY_TOKEN, everything, FRAMED, startWidgetHarness, TOP_LEVEL, type WidgetHarness } from '../widgets/widget-harness.js';

/** More mints than the old global set held (4,096): before per-agent caps, this evicted everyone's grants. */
const FLOOD = 4_200;
const CLOCK: FakeWidget = { id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p>clock</p>' };

let h: WidgetHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Sends `count` GETs over a few keep-alive connections; returns how many got each status. */
async function flood(port: number, host: string, path: string, headers: Record<string, string>, count: number): Promise<Map<number, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const statuses = new Map<number, number>();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request({ hostname: '127.0.0.1', port, path, headers: { host, ...headers }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  try {
    for (let sent = 0; sent < count; sent += 50) await Promise.all(Array.from({ length: Math.min(50, count - sent) }, one));
  } finally {
    agent.destroy();
  }
  return statuses;
}

/** Redeems an enter URL the way a browser arriving from the desk would; returns the status. */
async function redeem(port: number, url: string): Promise<number> {
  return (await send(port, { ...pathOf(url), headers: TOP_LEVEL })).status;
}

/** The "open in a new tab" link of the agent host's gateway page for a framed widget navigation. */
async function widgetLink(harness: WidgetHarness): Promise<string> {
  const cookie = await harness.enterAgent();
  const framed = await send(harness.port, { host: harness.agentHost, path: '/chat/widgets/clock/', headers: { cookie, ...FRAMED } });
  return /href="(\/__desk\/widget-link[^"]+)"/.exec(framed.body)![1]!;
}

describe('grants cannot be flooded away', () => {
  it("one agent's flood of grants does not evict another agent's fresh grant", async () => {
    h = await startWidgetHarness([CLOCK]);
    const eve = h.source.add({ name: 'eve', port: h.fake.port, token: h.fake.token, basePath: h.fake.basePath });
    const eveGrant = h.gateway.agentEnterUrl(eve.record.id);
    const bobOldWidget = h.gateway.widgetEnterUrl(h.agent.record.id, 'clock');
    // bob's own session asks for widget grants over and over (each top-level navigation mints one).
    const cookie = await h.enterAgent();
    const statuses = await flood(h.port, h.agentHost, '/chat/widgets/clock/', { cookie, ...TOP_LEVEL }, FLOOD);
    expect(statuses.get(302)).toBe(FLOOD);
    // And the desk asks for bob again and again.
    for (let i = 0; i < FLOOD; i++) h.gateway.agentEnterUrl(h.agent.record.id);
    expect(await redeem(h.port, eveGrant)).toBe(302);
    // bob's newest grant works; its oldest went first, within bob's own share only.
    expect(await redeem(h.port, h.gateway.agentEnterUrl(h.agent.record.id))).toBe(302);
    expect(await redeem(h.port, bobOldWidget)).toBe(403);
  });

  it("a widget link's flood evicts no other grant: not its agent's, not another agent's", async () => {
    h = await startWidgetHarness([CLOCK]);
    const eve = h.source.add({ name: 'eve', port: h.fake.port, token: h.fake.token, basePath: h.fake.basePath });
    const link = await widgetLink(h);
    const eveGrant = h.gateway.agentEnterUrl(eve.record.id);
    const bobGrant = h.gateway.agentEnterUrl(h.agent.record.id);
    const bobWidget = h.gateway.widgetEnterUrl(h.agent.record.id, 'clock');
    // No session needed: whoever holds the link can click it as often as they like.
    const statuses = await flood(h.port, h.agentHost, link, TOP_LEVEL, FLOOD);
    expect(statuses.get(429)).toBeGreaterThan(FLOOD - 10);
    expect(await redeem(h.port, eveGrant)).toBe(302);
    expect(await redeem(h.port, bobGrant)).toBe(302);
    expect(await redeem(h.port, bobWidget)).toBe(302);
  });

  it('a widget link mints a few grants a minute; the next click gets a short 429 with Retry-After, then works again', async () => {
    let now = Date.now();
    h = await startWidgetHarness([CLOCK], { gateway: { now: () => now } });
    const link = await widgetLink(h);
    const minted: string[] = [];
    for (;;) {
      const click = await send(h.port, { host: h.agentHost, path: link, headers: TOP_LEVEL });
      if (click.status !== 302) {
        expect(click.status).toBe(429);
        expect(Number(click.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(click.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(click.headers['content-type']).toMatch(/^text\/plain/);
        expect(click.body.length).toBeLessThan(200);
        expect(click.body).toMatch(/too many|try again/i);
        expect(click.headers.location).toBeUndefined();
        expect(everything(click)).not.toContain(CANARY_TOKEN);
        expect(everything(click)).not.toContain(`127.0.0.1:${h.fake.port}`);
        break;
      }
      minted.push(click.headers.location!);
      expect(minted.length).toBeLessThanOrEqual(10);
    }
    expect(minted.length).toBeGreaterThanOrEqual(3);
    // The grants it did mint all work (in this order, the oldest first).
    for (const url of minted) expect(await redeem(h.port, url)).toBe(302);
    // Another link of the same agent has its own allowance.
    const other = await widgetLink(h);
    expect((await send(h.port, { host: h.agentHost, path: other, headers: TOP_LEVEL })).status).toBe(302);
    now += 60_000;
    expect((await send(h.port, { host: h.agentHost, path: link, headers: TOP_LEVEL })).status).toBe(302);
  });

  it("one agent's flood of sessions signs out neither another agent nor its own agent page", async () => {
    h = await startWidgetHarness([CLOCK], { gateway: { maxSessions: 300, maxSessionsPerAgent: 100 } });
    const eve = h.source.add({ name: 'eve', port: h.fake.port, token: h.fake.token, basePath: h.fake.basePath });
    const eveCookie = cookieOf(await send(h.port, { ...pathOf(h.gateway.agentEnterUrl(eve.record.id)), headers: TOP_LEVEL }));
    const bobCookie = await h.enterAgent();
    // bob's page turns widget grants into widget sessions, one after another.
    for (let i = 0; i < 400; i++) {
      const nav = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/', headers: { cookie: bobCookie, ...TOP_LEVEL } });
      expect(await redeem(h.port, nav.headers.location!)).toBe(302);
    }
    const eveHost = `${eve.record.label}.localhost:${h.port}`;
    expect((await send(h.port, { host: eveHost, path: '/chat/__test/echo', headers: { cookie: eveCookie } })).status).toBe(200);
    expect((await send(h.port, { host: h.agentHost, path: '/chat/__test/echo', headers: { cookie: bobCookie } })).status).toBe(200);
  });
});
