import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../main/core/gateway/cookies.js';
import { createGateway } from '../../../main/core/gateway/gateway.js';
import { cookieOf, deskTokenOf, echoDeskHandler, echoed, enterAgent, enterDesk, pathOf, send, startHarness, type Harness } from './harness.js';

const NAV = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none', accept: 'text/html' };

describe('gateway grants and sessions', () => {
  let h: Harness;
  let t = 1_000_000;
  afterEach(async () => {
    await h.close();
  });
  const start = (extra: Parameters<typeof startHarness>[0] = {}) =>
    startHarness({ ...extra, gateway: { deskHandler: echoDeskHandler, now: () => t, ...extra.gateway } });

  it('without a session: a 401 page for navigations, JSON 401 for the rest; nothing upstream', async () => {
    h = await start();
    const page = await send(h.port, { host: h.host, path: '/chat/', headers: NAV });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // The way back exists in both placements: Reload in the desk's frame; a tab of its own has none.
    expect(page.body).toContain('press <strong>Reload</strong> beside the agent’s name; if the agent has a tab of its own, close that tab, then choose the agent in the desk’s sidebar or directory.');
    const api = await send(h.port, { host: h.host, path: '/chat/v1/sessions/status' });
    expect(api.status).toBe(401);
    const { error } = JSON.parse(api.body);
    expect(error.code).toBe('no-session');
    // The agent UI's own calls get the page's words, not "open it again from Agent Desk".
    expect(error.message).toContain('Agent Desk was restarted, the agent’s token changed, or the page was opened outside Agent Desk.');
    expect(error.message).toContain('press Reload beside the agent’s name; if the agent has a tab of its own, close that tab, then choose the agent in the desk’s sidebar or directory.');
    expect(h.fake.counters.requests).toBe(0);
  });

  it('exchanges a grant for a __Host- cookie and redirects to the same-host path', async () => {
    h = await start();
    const { host, path } = pathOf(h.gateway.agentEnterUrl(h.agent.record.id, '/chat/s/1?x=2'));
    expect(host).toBe(h.host);
    const reply = await send(h.port, { host, path });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/chat/s/1?x=2');
    const setCookie = reply.headers['set-cookie']![0]!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned$`));
    const through = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: cookieOf(reply) } });
    expect(through.status).toBe(200);
  });

  it('defaults `to` to the base path and refuses open redirects', async () => {
    h = await start();
    for (const to of [undefined, 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/chat/../x']) {
      const { host, path } = pathOf(h.gateway.agentEnterUrl(h.agent.record.id, to));
      const reply = await send(h.port, { host, path });
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toBe('/chat/');
    }
  });

  it('refuses forged, expired, replayed and other-host grants with a clear page', async () => {
    h = await start();
    const other = h.source.add({ name: 'eve', port: h.fake.port, token: 'e'.repeat(48) });
    const expectRefused = async (host: string, path: string) => {
      const reply = await send(h.port, { host, path });
      expect(reply.status).toBe(403);
      expect(reply.body).toMatch(/this link has expired/i);
      expect(reply.body).toContain('choose the agent in the desk’s sidebar or directory');
      expect(reply.headers['set-cookie']).toBeUndefined();
    };
    // replayed
    const once = pathOf(h.gateway.agentEnterUrl(h.agent.record.id));
    expect((await send(h.port, once)).status).toBe(302);
    await expectRefused(once.host, once.path);
    // expired
    const late = pathOf(h.gateway.agentEnterUrl(h.agent.record.id));
    t += 60_000;
    await expectRefused(late.host, late.path);
    // other host: a grant for bob presented on eve's host (and it stays unusable on bob's)
    const stolen = pathOf(h.gateway.agentEnterUrl(h.agent.record.id));
    await expectRefused(`${other.record.label}.localhost:${h.port}`, stolen.path);
    // forged: flip the payload
    const g = new URL(h.gateway.agentEnterUrl(h.agent.record.id)).searchParams.get('g')!;
    const [body, mac] = g.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600_000 })).toString('base64url');
    await expectRefused(h.host, `/__desk/enter?g=${forged}.${mac}`);
    await expectRefused(h.host, '/__desk/enter?g=garbage');
    await expectRefused(h.host, '/__desk/enter');
    // a desk grant does not open an agent
    const desk = new URL(h.gateway.deskLoginUrl()).searchParams.get('g')!;
    await expectRefused(h.host, `/__desk/enter?g=${desk}`);
    expect(h.logs.join('\n')).toMatch(/refused a grant on the agent host \(used\)/);
  });

  it('a spent desk login link and a desk page without a session point to the newest link in the terminal', async () => {
    h = await startHarness({ gateway: { deskHandler: echoDeskHandler } });
    const login = pathOf(h.gateway.deskLoginUrl());
    expect((await send(h.port, login)).status).toBe(302);
    const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' };
    const spent = await send(h.port, { ...login, headers: navigate });
    expect(spent.status).toBe(403);
    expect(spent.body).toContain('newest login link');
    expect(spent.body).not.toMatch(/open the agent again/i);
    // The UI page itself is public; its API calls without the bearer say where to go.
    const signedOut = await send(h.port, { host: h.deskHost, path: '/api/agents', headers: navigate });
    expect(signedOut.status).toBe(401);
    expect(JSON.parse(signedOut.body).error.message).toContain('newest login link');
    // Every page the gateway writes has a main landmark.
    expect(spent.body).toMatch(/<main><h1>/);
  });

  it('treats tampered cookies and cookies of another host as absent', async () => {
    h = await start();
    const other = h.source.add({ name: 'eve', port: h.fake.port, token: h.fake.token });
    const cookie = await enterAgent(h);
    const value = cookie.split('=')[1]!;
    const tampered = `${SESSION_COOKIE}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    for (const c of [tampered, `${SESSION_COOKIE}=x`, `${SESSION_COOKIE}=${value}; ${SESSION_COOKIE}=zz`, 'other=1']) {
      const reply = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: c } });
      expect(reply.status === 401 || c.includes(`=${value};`)).toBe(true);
    }
    const otherHost = await send(h.port, { host: `${other.record.label}.localhost:${h.port}`, path: '/chat/__test/echo', headers: { cookie } });
    expect(otherHost.status).toBe(401);
    const deskHost = await send(h.port, { host: h.deskHost, path: '/api/agents', headers: { cookie } });
    expect(deskHost.status).toBe(401);
  });

  it('expires sessions', async () => {
    h = await start();
    const cookie = await enterAgent(h);
    t += 13 * 3600_000;
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } });
    expect(reply.status).toBe(401);
  });

  it('keeps memory bounded across 1,000 logins in a loop', async () => {
    h = await start({ gateway: { maxSessions: 100 } });
    const cookies: string[] = [];
    for (let i = 0; i < 1000; i++) cookies.push(await enterAgent(h));
    const oldest = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: cookies[0]! } });
    expect(oldest.status).toBe(401);
    const newest = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: cookies[999]! } });
    expect(newest.status).toBe(200);
    // 2,000 sequential round trips: about 9 s on a quiet 2-core machine, so room for a busy one.
  }, 60_000);

  it('revokes sessions when the agent is removed, its token changes, and at close', async () => {
    h = await start();
    const cookie = await enterAgent(h);
    h.source.update(h.agent.record.id, { token: h.fake.token }); // same token: nothing revoked
    expect((await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } })).status).toBe(200);
    h.source.update(h.agent.record.id, { token: 'n'.repeat(48) });
    expect((await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } })).status).toBe(401);
    h.fake.setToken('n'.repeat(48));
    const fresh = await enterAgent(h);
    const echo = echoed(await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie: fresh } }));
    expect(echo.headers.authorization).toBe(`Bearer ${'n'.repeat(48)}`);
    h.source.remove(h.agent.record.id);
    expect((await send(h.port, { host: h.host, path: '/chat/', headers: { cookie: fresh } })).status).toBe(421);
    expect(h.logs.join('\n')).toMatch(/removed; revoked 1 session/);
  });
});

describe('desk login and cross-site rules', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('desk link is single-use, a fresh one follows, and hands the UI a bearer in the fragment (no cookie)', async () => {
    h = await startHarness({ gateway: { deskHandler: echoDeskHandler } });
    const seen: string[] = [];
    h.gateway.onDeskLogin((url) => seen.push(url));
    const first = h.gateway.deskLoginUrl();
    const { host, path } = pathOf(first);
    const reply = await send(h.port, { host, path, headers: NAV });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toMatch(/^\/#desk-token=[A-Za-z0-9_-]{43}$/);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(first);
    expect(h.gateway.deskLoginUrl()).toBe(seen[0]);
    expect((await send(h.port, { host, path })).status).toBe(403);
    const second = await enterDesk(h);
    expect(second).not.toBe(`Bearer ${deskTokenOf(reply.headers.location)}`);
    for (const authorization of [second, `Bearer ${deskTokenOf(reply.headers.location)}`]) {
      const ui = await send(h.port, { host: h.deskHost, path: '/api/agents', headers: { authorization } });
      expect(JSON.parse(ui.body)).toEqual({ method: 'GET', url: '/api/agents' });
      expect(ui.headers['x-frame-options']).toBe('DENY');
      expect(ui.headers['x-content-type-options']).toBe('nosniff');
    }
    // `to` is kept as the path; the token is always the fragment.
    const to = pathOf(h.gateway.deskLoginUrl());
    const withTo = await send(h.port, { host: to.host, path: `${to.path}&to=${encodeURIComponent('/?agent=x#old')}` });
    expect(withTo.headers.location).toMatch(/^\/\?agent=x#desk-token=[A-Za-z0-9_-]{43}$/);
  });

  it('desk API: no valid bearer → 401 whatever cookies it carries; UI files need none; unsafe methods need the desk Origin', async () => {
    h = await startHarness({ gateway: { deskHandler: echoDeskHandler } });
    // The static UI is public: it holds no data, and it must load to read its token.
    expect((await send(h.port, { host: h.deskHost, path: '/' })).status).toBe(200);
    expect((await send(h.port, { host: h.deskHost, path: '/assets/index.js' })).status).toBe(200);
    const authorization = await enterDesk(h);
    const agentCookie = await enterAgent(h);
    const token = authorization.slice(7);
    const flipped = `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of ['/api', '/api/agents', '/api/events', '/api/info?x=1', '/api/agents/x/open']) {
      for (const headers of [
        {} as Record<string, string>,
        { cookie: agentCookie },
        { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
        { authorization: flipped },
        { authorization: `Basic ${token}` },
        { authorization: `Bearer ${token}x` },
        { authorization: 'Bearer' },
      ]) {
        const reply = await send(h.port, { host: h.deskHost, path, headers });
        expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(JSON.parse(reply.body)).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/newest login link/) } });
        expect(reply.headers['www-authenticate']).toBe('Bearer realm="agent-desk"');
      }
    }
    expect((await send(h.port, { host: h.deskHost, path: '/api/agents', headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    const origin = `http://${h.deskHost}`;
    expect((await send(h.port, { host: h.deskHost, path: '/api/agents/x/open', method: 'POST', headers: { authorization } })).status).toBe(403);
    expect((await send(h.port, { host: h.deskHost, path: '/api/agents/x/open', method: 'POST', headers: { authorization, origin: `http://${h.host}` } })).status).toBe(403);
    const ok = await send(h.port, { host: h.deskHost, path: '/api/agents/x/open', method: 'POST', headers: { authorization, origin } });
    expect(ok.status).toBe(200);
    const crossSite = await send(h.port, { host: h.deskHost, path: '/api/agents', headers: { authorization, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' } });
    expect(crossSite.status).toBe(403);
  });

  it('desk tokens die with the gateway: a new gateway on the same port refuses the old bearer', async () => {
    h = await startHarness({ gateway: { deskHandler: echoDeskHandler } });
    const authorization = await enterDesk(h);
    const port = h.port;
    await h.gateway.close();
    const next = createGateway({ port, bindHosts: ['127.0.0.1'], agents: h.source, deskHandler: echoDeskHandler });
    await next.listen();
    try {
      expect((await send(port, { host: h.deskHost, path: '/api/agents', headers: { authorization } })).status).toBe(401);
      const fresh = await enterDesk({ ...h, gateway: next });
      expect((await send(port, { host: h.deskHost, path: '/api/agents', headers: { authorization: fresh } })).status).toBe(200);
    } finally {
      await next.close();
    }
  });

  it('agent hosts refuse other sites: fetch, form POST, top-level links and frames (only enter links may arrive cross-site)', async () => {
    h = await startHarness();
    const cookie = await enterAgent(h);
    const own = `http://${h.host}`;
    const evil = 'http://a-eve-ghijkl.localhost:1';
    const base = { host: h.host, path: '/chat/__test/echo' };
    const fetchCross = await send(h.port, { ...base, headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: evil } });
    expect(fetchCross.status).toBe(403);
    const post = await send(h.port, { ...base, method: 'POST', body: 'a=1', headers: { cookie, origin: evil, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(post.status).toBe(403);
    const link = await send(h.port, { ...base, headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(link.status).toBe(403);
    expect(link.body).toContain(`http://${h.deskHost}/`);
    expect(h.fake.counters.requests).toBe(0);
    // Another agent's page framing this one (both framed in the desk share the cookie partition).
    const iframe = await send(h.port, { ...base, headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', accept: 'text/html' } });
    expect(iframe.status).toBe(403);
    expect(iframe.body).toContain(`http://${h.deskHost}/`);
    expect(h.fake.counters.requests).toBe(0);
    // The desk frames agents through enter links: served, and continued by a same-origin refresh page.
    const { host, path } = pathOf(h.gateway.agentEnterUrl(h.agent.record.id));
    const framedEnter = await send(h.port, { host, path, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(framedEnter.status).toBe(200);
    expect(framedEnter.body).toContain('http-equiv="refresh"');
    const landing = await send(h.port, { ...base, headers: { cookie: cookieOf(framedEnter), 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(landing.status).toBe(200);
    expect(h.fake.counters.requests).toBe(1);
    const sameOrigin = await send(h.port, { ...base, method: 'POST', body: '{}', headers: { cookie, origin: own, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } });
    expect(sameOrigin.status).toBe(200);
  });

  it('a cross-site top-level enter lands via a same-origin refresh page, not a 302', async () => {
    h = await startHarness();
    const { host, path } = pathOf(h.gateway.agentEnterUrl(h.agent.record.id));
    const reply = await send(h.port, { host, path, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('http-equiv="refresh" content="0;url=/chat/"');
    expect(reply.headers['set-cookie']).toHaveLength(1);
  });
});
