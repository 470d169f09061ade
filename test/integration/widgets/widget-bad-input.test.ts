import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WidgetMountError } from '../../../main/core/gateway/widgets/widget-hosts.js';
import { REDIRECT_BLOCKED_PATH } from '../../../main/core/gateway/widgets/widget-policy.js';
import type { FakeWidget } from '../../fixtures/fake-agent.js';
import { waitFor } from '../../helpers/wait-for.js';
import { send } from '../gateway/harness.js';
import { CANARY_TOKEN, everything, startWidgetHarness, TOP_LEVEL, type WidgetHarness } from './widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function widget(files: FakeWidget['files']): FakeWidget {
  return { id: 'bad', mount: 'bad', title: 'Bad widget', state: 'running', files };
}

describe('widget bad input', () => {
  it('refuses mount names outside ^[a-z0-9][a-z0-9-]{0,63}$ and percent-encoded ones with a clear error', async () => {
    const harness = await startWidgetHarness([]);
    h = harness;
    const id = harness.agent.record.id;
    for (const mount of ['', 'Clock', '-x', 'a_b', 'a/b', '..', 'a'.repeat(65), 'é']) {
      expect(() => harness.gateway.widgetEnterUrl(id, mount), mount).toThrow(WidgetMountError);
      expect(harness.gateway.widgetHost(id, mount)).toBeUndefined();
    }
    expect(() => harness.gateway.widgetEnterUrl(id, '%63lock')).toThrow(/percent-encoded widget mount names are refused/);
    expect(() => harness.gateway.widgetEnterUrl(id, 'Clock')).toThrow(/lower-case letters, digits and hyphens/);
    expect(() => harness.gateway.widgetEnterUrl('a-nobody-aaaaaa', 'clock')).toThrow(/unknown agent/);
    // Nothing was routed by the refused attempts.
    expect(h.gateway.widgetHost(id, 'clock')).toBeDefined();
    expect((await send(h.port, { host: h.gateway.widgetHost(id, 'clock')!, path: '/' })).status).toBe(421);
  });

  it('a widget redirecting to its agent host or to 127.0.0.1:<port> is sent to the blocked-redirect page instead', async () => {
    const targets = {
      '/to-agent': 'placeholder',
      '/to-upstream': 'placeholder',
      '/to-other-port': 'http://127.0.0.1:1/x',
      '/to-localhost': 'http://localhost:8081/chat/',
      '/scheme-relative': '//evil.example/',
      '/fine': 'next/page',
    };
    h = await startWidgetHarness([widget({})]);
    targets['/to-agent'] = `http://${h.agentHost}/chat/v1/sessions/status`;
    targets['/to-upstream'] = `http://127.0.0.1:${h.fake.port}/chat/?token=${CANARY_TOKEN}`;
    h.fake.setWidgets([widget(Object.fromEntries(Object.entries(targets).map(([path, location]) => [path, { status: 302, headers: { location } }])))]);
    const cookie = await h.enterWidget('bad');
    const host = h.widgetHost('bad');
    for (const [path, location] of Object.entries(targets)) {
      const reply = await send(h.port, { host, path: `/chat/widgets/bad${path}`, headers: { cookie } });
      expect(reply.status, path).toBe(302);
      expect(reply.headers.location, path).toBe(path === '/fine' ? location : REDIRECT_BLOCKED_PATH);
      expect(everything(reply)).not.toContain(CANARY_TOKEN);
    }
    const page = await send(h.port, { host, path: REDIRECT_BLOCKED_PATH, headers: { cookie, ...TOP_LEVEL } });
    expect(page.status).toBe(502);
    expect(page.body).toMatch(/tried to send the browser to an address outside its own origin/);
    expect(page.body).not.toContain('127.0.0.1');
    expect(h.logs.some((line) => line.includes('redirected off its host'))).toBe(true);
    expect(h.logs.join('\n')).not.toMatch(/127\.0\.0\.1:\d+\/chat|evil\.example|token/);
  });

  it('a widget answering with Set-Cookie for Domain=localhost gets no cookie through', async () => {
    const setCookie = ['toss=1; Domain=localhost; Path=/', 'toss2=1; Domain=.localhost; Path=/; SameSite=None; Secure', '__Host-desk-session=forged; Path=/; Secure'];
    h = await startWidgetHarness([widget({ '/cookie': { body: 'ok', headers: { 'set-cookie': setCookie } } })]);
    const cookie = await h.enterWidget('bad');
    const reply = await send(h.port, { host: h.widgetHost('bad'), path: '/chat/widgets/bad/cookie', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('ok');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('a widget that never answers gets a 504 page with the widget baseline, and the gateway stays up', async () => {
    h = await startWidgetHarness([widget({ '/hang': { behaviour: 'hang' } })], { gateway: { responseHeaderTimeoutMs: 300 } });
    const cookie = await h.enterWidget('bad');
    const host = h.widgetHost('bad');
    const page = await send(h.port, { host, path: '/chat/widgets/bad/hang', headers: { cookie, ...TOP_LEVEL } });
    expect(page.status).toBe(504);
    expect(page.body).toMatch(/not answering/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    const api = await send(h.port, { host, path: '/chat/widgets/bad/hang', headers: { cookie } });
    expect(api.status).toBe(504);
    expect(JSON.parse(api.body).error.code).toBe('agent-unavailable');
    expect(everything(page) + everything(api)).not.toContain(CANARY_TOKEN);
    await waitFor(() => h!.fake.counters.open === 0, { message: 'the hung upstream requests to be closed' });
  });

  it('a widget that streams forever streams through; a client that leaves, or the agent going away, ends it upstream', async () => {
    h = await startWidgetHarness([widget({ '/stream': { behaviour: 'stream' } })]);
    const cookie = await h.enterWidget('bad');
    const host = h.widgetHost('bad');
    const readFirstChunk = () =>
      new Promise<{ chunk: string; close: () => void; closed: Promise<void> }>((resolve, reject) => {
        const req = httpRequest({ hostname: '127.0.0.1', port: h!.port, path: '/chat/widgets/bad/stream', headers: { host, cookie }, agent: false }, (res) => {
          const closed = new Promise<void>((done) => res.once('close', () => done()));
          res.once('data', (chunk: Buffer) => resolve({ chunk: chunk.toString(), close: () => req.destroy(), closed }));
          res.on('error', () => undefined);
        });
        req.on('error', () => undefined);
        req.once('error', reject);
        req.end();
      });
    const first = await readFirstChunk();
    expect(first.chunk).toMatch(/^chunk 0/);
    first.close();
    await waitFor(() => h!.fake.counters.streamsAborted === 1, { message: 'the upstream stream to be aborted after the client left' });

    const second = await readFirstChunk();
    h.source.remove(h.agent.record.id);
    await second.closed;
    await waitFor(() => h!.fake.counters.streamsAborted === 2, { message: 'the upstream stream to end when the agent was removed' });
  });
});

describe('widget WebSockets', () => {
  it('proxies a WebSocket inside the widget tree with the widget session; refuses everything else', async () => {
    const { WebSocket } = await import('ws');
    h = await startWidgetHarness([{ id: 'w', mount: 'chat', title: 'Chat', state: 'running' }, { id: 'x', mount: 'other', title: 'Other', state: 'running' }]);
    const cookie = await h.enterWidget('chat');
    const host = h.widgetHost('chat');
    const own = `http://${host}`;
    const open = (path: string, headers: Record<string, string>) =>
      new Promise<{ opened: boolean; first?: string; status?: number }>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${h!.port}${path}`, { headers: { host, ...headers } });
        ws.once('message', (data) => {
          resolve({ opened: true, first: String(data) });
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => {
          resolve({ opened: false, status: res.statusCode });
          res.resume();
        });
        ws.once('error', () => resolve({ opened: false }));
      });
    const ok = await open('/chat/widgets/chat/__ws', { cookie, origin: own });
    expect(ok.opened).toBe(true);
    const upstreamHeaders = JSON.parse(ok.first!) as Record<string, string>;
    expect(upstreamHeaders.authorization).toBe(`Bearer ${CANARY_TOKEN}`);
    expect(upstreamHeaders.cookie).toBeUndefined();
    expect(await open('/chat/widgets/chat/__ws', { origin: own })).toMatchObject({ opened: false, status: 401 });
    expect(await open('/chat/widgets/chat/__ws', { cookie, origin: `http://${h.agentHost}` })).toMatchObject({ opened: false, status: 403 });
    expect(await open('/chat/__test/ws', { cookie, origin: own })).toMatchObject({ opened: false, status: 404 });
    expect(await open('/chat/widgets/other/__ws', { cookie, origin: own })).toMatchObject({ opened: false, status: 404 });
    const agentCookie = await h.enterAgent();
    expect(await open('/chat/widgets/chat/__ws', { cookie: agentCookie, origin: own })).toMatchObject({ opened: false, status: 401 });
    expect(h.fake.counters.wsConnections).toBe(1);
  });
});
