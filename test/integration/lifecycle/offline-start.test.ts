import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../../main/core/desk.js';
import { enterAgentCookie, proxiedGet } from './lifecycle-http.js';
import { freePort, LifecycleHarness, TOKEN } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NAVIGATE = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' };

function originOf(desk: Desk, id: string): string {
  return desk.gateway.origin(desk.registry.list().find((record) => record.id === id)!.label);
}

async function startCalls(harness: LifecycleHarness): Promise<number> {
  return (await harness.runtime.calls()).filter((call) => call.tool === 'term-llm' && call.argv[1] === 'start').length;
}

describe('the gateway’s offline page offers Start (POST /__desk/start, same origin only)', () => {
  it('offers the button where the root can start the agent; only the agent’s own origin, with its session, can press it', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    await h.addWorkspace('beta', await freePort());
    const desk = await h.start();
    const id = h.id('alpha');
    await h.waitFor('alpha', 'held offline (no container)', (r) => r.health.status === 'offline' && r.runtime.container === 'missing');
    const cookie = await enterAgentCookie(desk, id);
    const own = originOf(desk, id);

    const page = await proxiedGet(desk, id, '/chat/', cookie, NAVIGATE);
    expect(page.status).toBe(503);
    expect(page.body).toContain('<form method="post" action="/__desk/start"><button type="submit">Start alpha</button></form>');
    expect(page.body).not.toContain(TOKEN);

    const post = (headers: Record<string, string>, withCookie = cookie) => proxiedGet(desk, id, '/__desk/start', withCookie, { ...NAVIGATE, ...headers }, 'POST');
    // Another site's form (a web page, another agent, a widget): refused before anything runs.
    expect((await post({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: originOf(desk, h.id('beta')), 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // No Origin at all: not a form of the agent's page.
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    // The right Origin without the session.
    expect((await post({ origin: own, 'sec-fetch-site': 'same-origin' }, '')).status).toBe(401);
    expect((await proxiedGet(desk, id, '/__desk/start', cookie, NAVIGATE)).status).toBe(405);
    expect(await startCalls(h)).toBe(0);

    const pressed = await post({ origin: own, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' });
    expect(pressed.status).toBe(303);
    expect(pressed.headers.location).toBe('/chat/');
    // Meanwhile the page says it is starting, without another button.
    const starting = await proxiedGet(desk, id, '/chat/', cookie, NAVIGATE);
    if (starting.status === 503) {
      expect(starting.body).toContain('alpha is starting');
      expect(starting.body).not.toContain('<form');
    }
    await h.waitFor('alpha', 'online after the page’s Start', (r) => r.health.status === 'online');
    expect(await startCalls(h)).toBe(1);
    expect((await proxiedGet(desk, id, '/chat/healthz', cookie)).status).toBe(200);
  });

  it('a root without a start command gets the explanation only, and the POST is refused in words', async () => {
    h = await LifecycleHarness.create();
    await h.addWorkspace('alpha', await freePort());
    const desk = await h.start();
    await desk.settings.update({ runtimes: { [h.root]: { kind: 'none' } } });
    const id = h.id('alpha');
    await h.waitFor('alpha', 'runtime none, offline', (r) => r.runtime.kind === 'none' && r.health.status === 'offline');
    const cookie = await enterAgentCookie(desk, id);
    const page = await proxiedGet(desk, id, '/chat/', cookie, NAVIGATE);
    expect(page.body).toContain('alpha is offline');
    expect(page.body).not.toContain('<form');
    const post = await proxiedGet(desk, id, '/__desk/start', cookie, { ...NAVIGATE, origin: originOf(desk, id), 'sec-fetch-site': 'same-origin' }, 'POST');
    expect(post.status).toBe(409);
    expect(post.body).toContain('Its root has no start command');
    expect(await startCalls(h)).toBe(0);
  });
});
