import { afterEach, describe, expect, it } from 'vitest';
import { frameAncestorsFor } from '../../../main/core/gateway/index.js';
import { enterAgent, send, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('embedder origins (the Electron app frames agents from app://desk)', () => {
  it('adds the app origin to frame-ancestors of proxied agent responses', async () => {
    h = await startHarness({ gateway: { embedderOrigins: ['app://desk'] } });
    const cookie = await enterAgent(h);
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toMatch(new RegExp(`^frame-ancestors http://${h.deskHost} app://desk; frame-src `));
  });

  it('adds it to the gateway’s own pages on agent hosts too', async () => {
    h = await startHarness({ gateway: { embedderOrigins: ['app://desk'] } });
    const reply = await send(h.port, { host: h.host, path: '/chat/', headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-security-policy']).toContain(`frame-ancestors http://${h.deskHost} app://desk`);
  });

  it('refuses anything that is not a plain origin, so no CSP can be injected', () => {
    expect(frameAncestorsFor('http://desk.localhost:1', ['app://desk'])).toBe('http://desk.localhost:1 app://desk');
    for (const bad of ["app://desk; script-src 'unsafe-inline'", '*', 'https://evil.example/path', "'self'"]) {
      expect(() => frameAncestorsFor('http://desk.localhost:1', [bad])).toThrow(/not a plain origin/);
    }
  });
});
