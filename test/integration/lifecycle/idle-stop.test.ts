import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { enterAgentCookie, proxiedGet } from './lifecycle-http.js';
import { freePort, LifecycleHarness } from './lifecycle-harness.js';

let h: LifecycleHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A desk whose agent alpha was started and is online; a "minute" of 300 ms, looked at every 50 ms: the rule, not the clock, is under test. */
async function startedAlpha() {
  const harness = await LifecycleHarness.create();
  h = harness;
  await harness.addWorkspace('alpha', await freePort());
  const desk = await harness.start({ idleStop: { checkMs: 50, minuteMs: 300 } });
  const id = harness.id('alpha');
  desk.lifecycle.run(id, 'start');
  await harness.waitFor('alpha', 'online', (r) => r.health.status === 'online');
  return { harness, desk, id };
}

describe('idle stop (real desk, fake term-llm and docker)', () => {
  it('the gateway stamps each proxied request; an agent left idle for the set minutes is stopped with its own stop command', async () => {
    const { harness, desk, id } = await startedAlpha();

    expect(desk.gateway.lastRequestAt(id)).toBeUndefined();
    const cookie = await enterAgentCookie(desk, id);
    const before = Date.now();
    expect((await proxiedGet(desk, id, '/chat/healthz', cookie)).status).toBe(200);
    expect(desk.gateway.lastRequestAt(id)).toBeGreaterThanOrEqual(before);
    expect(harness.record('alpha')!.health.status).toBe('online'); // idle stop is off by default

    await desk.settings.update({ idleStopMinutes: 1 });
    await harness.waitFor('alpha', 'stopped by idle stop', (r) => r.health.status === 'offline' && r.runtime.container === 'stopped');
    const stops = (await harness.runtime.calls()).filter((call) => call.tool === 'term-llm' && call.argv[1] === 'stop');
    expect(stops).toEqual([{ tool: 'term-llm', argv: ['contain', 'stop', 'alpha'], xdg: harness.configHome }]);
    expect(harness.logs.some((line) => line.startsWith(`idle stop: ${id} had no requests and no active runs for 1 min`))).toBe(true);
  });

  it('an open stream (an agent page\'s events or WebSocket) is use going on: no idle stop until it closes', async () => {
    const { harness, desk, id } = await startedAlpha();
    const cookie = await enterAgentCookie(desk, id);
    const origin = desk.gateway.origin(harness.record('alpha')!.label);
    const sse = httpRequest({ hostname: '127.0.0.1', port: desk.gateway.port, method: 'POST', path: '/chat/v1/responses', agent: false, headers: { host: new URL(origin).host, cookie, 'content-type': 'application/json' } });
    sse.on('error', () => {});
    sse.end(JSON.stringify({ stream: true, forever: true, intervalMs: 50 }));
    const stream = await new Promise<IncomingMessage>((resolve) => sse.on('response', resolve));
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    stream.resume();

    await desk.settings.update({ idleStopMinutes: 1 });
    // Two idle "minutes" pass with the stream open: it still counts as a request now.
    const opened = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const looked = Date.now();
    expect(desk.gateway.lastRequestAt(id)).toBeGreaterThanOrEqual(looked);
    expect(looked - opened).toBeGreaterThanOrEqual(600);
    expect(harness.record('alpha')!.health.status).toBe('online');
    expect((await harness.runtime.calls()).some((call) => call.argv[1] === 'stop')).toBe(false);

    // The page goes away: the count starts from then, and the agent is stopped.
    sse.destroy();
    await harness.waitFor('alpha', 'stopped by idle stop once the stream closed', (r) => r.runtime.container === 'stopped');
  });
});
