import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../../main/core/desk.js';
import { isWidgetLabel } from '../../../main/core/hosts/index.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { startTestDesk, writeTestWorkspace } from '../../helpers/test-desk.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { cookieOf, deskTokenOf, pathOf, send } from '../gateway/harness.js';

const TOKEN = 'desk0widget0canary0token00000000000000000000000a';
const API_KEY = 'sk-desk-widget-canary-api-key';

let tmp: TempDir;
let fake: FakeAgent;
let desk: Desk | undefined;
const logs: string[] = [];

async function start(): Promise<Desk> {
  return startTestDesk(tmp, { log: (line) => logs.push(line) });
}

beforeEach(async () => {
  tmp = await tempDir('agent-desk-widgets-');
  fake = await startFakeAgent({
    token: TOKEN,
    name: 'bob',
    widgets: [
      { id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p>clock</p>' },
      { id: 'w2', mount: 'broken', title: 'Broken', state: 'error', error: 'exit status 1' },
    ],
  });
  await writeTestWorkspace(tmp, 'bob', fake.port, TOKEN, `ANTHROPIC_API_KEY=${API_KEY}\n`);
});

afterEach(async () => {
  await desk?.close();
  desk = undefined;
  await fake.close();
  await tmp.remove();
});

async function widgetsOf(d: Desk) {
  return waitFor(() => {
    const record = d.registry.list()[0];
    return record && record.widgets.length === 2 && record.widgets.every((w) => w.host) ? record : undefined;
  }, { timeoutMs: 10_000, message: 'widget records with hosts' });
}

describe('widgets in the desk', () => {
  it('directory records carry mount, title, state, error and the widget host; hosts survive a restart (install key)', async () => {
    desk = await start();
    const record = await widgetsOf(desk);
    const port = desk.gateway.port;
    const [clock, broken] = record.widgets;
    expect(clock).toEqual({ id: 'w1', mount: 'clock', title: 'Clock', state: 'running', host: expect.stringMatching(new RegExp(`^w-[a-z2-7]{26}\\.localhost:${port}$`)) });
    expect(broken).toEqual({ id: 'w2', mount: 'broken', title: 'Broken', state: 'error', error: 'exit status 1', host: expect.any(String) });
    expect(isWidgetLabel(clock!.host!.split('.')[0]!)).toBe(true);
    expect(clock!.host).not.toBe(broken!.host);
    const keyFile = (await fs.readdir(path.join(tmp.path, 'config'))).find((name) => /key/i.test(name));
    expect(keyFile).toBeDefined();
    expect((await fs.stat(path.join(tmp.path, 'config', keyFile!))).mode & 0o777).toBe(0o600);

    // The listed widget is routed at once (no explicit open needed): `/` redirects into it.
    expect((await send(port, { host: clock!.host!, path: '/' })).status).toBe(302);

    const labels = record.widgets.map((w) => w.host!.split('.')[0]);
    await desk.close();
    desk = await start();
    const again = await widgetsOf(desk);
    expect(again.widgets.map((w) => w.host!.split('.')[0])).toEqual(labels);
  });

  it('POST /api/agents/:id/widgets/:mount/open returns a widget enter URL that opens the widget', async () => {
    desk = await start();
    const record = await widgetsOf(desk);
    const port = desk.gateway.port;
    const deskHost = `desk.localhost:${port}`;
    const login = pathOf(desk.gateway.deskLoginUrl());
    const authorization = `Bearer ${deskTokenOf((await send(port, { host: login.host, path: login.path })).headers.location)}`;
    const headers = { authorization, origin: `http://${deskHost}` };
    const open = await send(port, { host: deskHost, path: `/api/agents/${record.id}/widgets/clock/open`, method: 'POST', headers });
    expect(open.status).toBe(200);
    const { url } = JSON.parse(open.body) as { url: string };
    const enter = pathOf(url);
    expect(enter.host).toBe(record.widgets[0]!.host);
    expect(enter.path).toMatch(/^\/__desk\/enter\?g=[^&]+&to=%2Fchat%2Fwidgets%2Fclock%2F$/);
    const redeemed = await send(port, { host: enter.host, path: enter.path });
    expect(redeemed.status).toBe(302);
    const page = await send(port, { host: enter.host, path: redeemed.headers.location!, headers: { cookie: cookieOf(redeemed) } });
    expect(page).toMatchObject({ status: 200, body: '<p>clock</p>' });

    // A mount the health list does not know yet can still be opened explicitly (the agent decides whether it exists).
    expect((await send(port, { host: deskHost, path: `/api/agents/${record.id}/widgets/fresh/open`, method: 'POST', headers })).status).toBe(200);

    // The gateway refuses an encoded mount before the API sees it.
    const encoded = await send(port, { host: deskHost, path: `/api/agents/${record.id}/widgets/%63lock/open`, method: 'POST', headers });
    expect(encoded.status).toBe(400);
    expect(encoded.body).toMatch(/percent-encoded/);
    for (const mount of ['Clock', '-x', 'a_b', 'a'.repeat(65)]) {
      const bad = await send(port, { host: deskHost, path: `/api/agents/${record.id}/widgets/${mount}/open`, method: 'POST', headers });
      expect(bad.status, mount).toBe(400);
      expect(JSON.parse(bad.body).error.message).toMatch(/widget mount/);
    }
    expect((await send(port, { host: deskHost, path: '/api/agents/a-nobody-aaaaaa/widgets/clock/open', method: 'POST', headers })).status).toBe(404);
    // Without the desk's Origin (another site), no URL.
    expect((await send(port, { host: deskHost, path: `/api/agents/${record.id}/widgets/clock/open`, method: 'POST', headers: { authorization } })).status).toBe(403);
    const all = open.body + JSON.stringify(desk.registry.list()) + logs.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(API_KEY);
  });
});
