import { afterEach, describe, expect, it } from 'vitest';
import { enterAgent, pathOf, send, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('encoded paths that an agent would decode differently', () => {
  it('refuses an encoded "widgets" segment before it reaches the agent with the bearer', async () => {
    h = await startHarness({ fake: { widgets: [{ id: 'w', mount: 'app', title: 'App', state: 'running' }] } });
    const cookie = await enterAgent(h);
    const before = h.fake.counters.requests;
    for (const path of ['/chat/wid%67ets/app/', '/chat/%77idgets/app/', '/chat/widgets/%61pp/']) {
      const reply = await send(h.port, {
        host: h.host,
        path,
        headers: { cookie, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      });
      expect(reply.status, path).toBe(400);
      expect(reply.body).toMatch(/percent-encoded letters/);
    }
    expect(h.fake.counters.requests).toBe(before);
  });

  it('sends a non-ASCII `to` to the base path instead of failing after the grant is spent', async () => {
    h = await startHarness();
    const { host, path } = pathOf(h.gateway.agentEnterUrl(h.agent.record.id, '/chat/\u0101'));
    const reply = await send(h.port, { host, path });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/chat/');
    expect(reply.headers['set-cookie']).toBeDefined();
  });

  it('does not spend the desk login link on a HEAD request (link previewers)', async () => {
    h = await startHarness();
    const login = pathOf(h.gateway.deskLoginUrl());
    expect((await send(h.port, { ...login, method: 'HEAD' })).status).toBe(405);
    expect((await send(h.port, login)).status).toBe(302);
  });
});
