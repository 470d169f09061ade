import { afterEach, describe, expect, it } from 'vitest';
import type { FakeWidget } from '../../fixtures/fake-agent.js';
import { send, sendRaw } from '../gateway/harness.js';
import { BROWSER_FETCH, CANARY_TOKEN, everything, FRAMED, startWidgetHarness, TOP_LEVEL, type WidgetHarness } from './widget-harness.js';

/**
 * Issue 9's suspicion about `{base}//widgets/<m>/`: the gateway decides
 * "widget path or not" on the literal path, so a router behind it that reads
 * `//` as `/` (unlike Go's ServeMux, which answers 301 to the cleaned path)
 * would serve a widget as a document on the agent's origin, with the agent's
 * session. The fake agent here is such a lenient router (`slashes: 'collapse'`).
 * The gateway refuses empty path segments outright, on every host, before
 * anything reaches the agent.
 */
const CLOCK: FakeWidget = { id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p id="clock">clock page</p>' };

const AGENT_HOST_PATHS = [
  '/chat//widgets/clock/',
  '/chat///widgets/clock/',
  '/chat//widgets/clock',
  '/chat/widgets//clock/',
  '/chat//widgets//clock//',
  '/chat//widgets/clock/?x=1',
];

/** Ways out of a widget's tree a lenient router could read from a doubled slash. */
const WIDGET_HOST_PATHS = [
  '/chat/widgets/clock//chat/v1/sessions/status',
  '/chat/widgets/clock///v1/sessions/status',
  '/chat//v1/sessions/status',
  '/chat/widgets//v1/sessions/status',
  '/chat//widgets/clock/',
];

const ENCODED = ['/chat/%2fwidgets/clock/', '/chat%2f/widgets/clock/', '/chat/widgets%2Fclock/', '/chat/%2F%2Fwidgets/clock/'];

let h: WidgetHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('doubled slashes before widgets/ (issue 9 suspicion)', () => {
  it('the lenient fake really does read `//` as `/` (so the tests below would see an escape)', async () => {
    h = await startWidgetHarness([CLOCK], { slashes: 'collapse' });
    const direct = await fetch(`http://127.0.0.1:${h.fake.port}/chat//widgets/clock/`, { headers: { authorization: `Bearer ${CANARY_TOKEN}` } });
    expect(await direct.text()).toBe('<p id="clock">clock page</p>');
  });

  it('on an agent host, with the agent session, no doubled-slash path reaches the agent: 400, the widget never renders on the agent origin', async () => {
    h = await startWidgetHarness([CLOCK], { slashes: 'collapse' });
    const cookie = await h.enterAgent();
    const before = h.fake.counters.requests;
    for (const path of AGENT_HOST_PATHS) {
      for (const headers of [TOP_LEVEL, FRAMED, BROWSER_FETCH]) {
        const reply = await send(h.port, { host: h.agentHost, path, headers: { cookie, ...headers } });
        expect(reply.status, `${path} ${headers['sec-fetch-dest']}`).toBe(400);
        expect(reply.body).toContain('empty path segments');
        expect(reply.body).not.toContain('clock page');
        expect(everything(reply)).not.toContain(CANARY_TOKEN);
      }
    }
    for (const path of ENCODED) {
      const reply = await send(h.port, { host: h.agentHost, path, headers: { cookie, ...TOP_LEVEL } });
      expect(reply.status, path).toBe(400);
    }
    expect(h.fake.counters.requests).toBe(before);
    // The literal widget path still leaves the agent host (302 to the widget's own origin), as before.
    const widget = await send(h.port, { host: h.agentHost, path: '/chat/widgets/clock/', headers: { cookie, ...TOP_LEVEL } });
    expect(widget.status).toBe(302);
  });

  it('a WebSocket upgrade with a doubled slash is refused on the agent host', async () => {
    h = await startWidgetHarness([CLOCK], { slashes: 'collapse' });
    const cookie = await h.enterAgent();
    const before = h.fake.counters.requests;
    const answer = await sendRaw(
      h.port,
      `GET /chat//widgets/clock/ws HTTP/1.1\r\nHost: ${h.agentHost}\r\nCookie: ${cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(h.fake.counters.requests).toBe(before);
  });

  it.each(['collapse', 'literal'] as const)('a widget session cannot reach agent content through `//` (upstream reads slashes: %s)', async (slashes) => {
    h = await startWidgetHarness([CLOCK], { slashes });
    const cookie = await h.enterWidget('clock');
    const host = h.widgetHost('clock');
    const before = h.fake.counters.requests;
    for (const path of [...WIDGET_HOST_PATHS, ...ENCODED]) {
      for (const headers of [TOP_LEVEL, BROWSER_FETCH]) {
        const reply = await send(h.port, { host, path, headers: { cookie, ...headers } });
        expect(reply.status, path).toBe(400);
        expect(reply.body).not.toContain('sessions');
        expect(everything(reply)).not.toContain(CANARY_TOKEN);
      }
    }
    expect(h.fake.counters.requests).toBe(before);
    // The widget's own tree is still served.
    const own = await send(h.port, { host, path: '/chat/widgets/clock/', headers: { cookie, ...TOP_LEVEL } });
    expect(own.body).toBe('<p id="clock">clock page</p>');
  });
});
