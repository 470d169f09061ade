import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from '../../../main/core/desk.js';
import type { AgentRecord, DeskApi, DeskEvent } from '../../../preload/contract.js';
import { startFakeAgent, type FakeAgent } from '../../fixtures/fake-agent.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

export const CANARY_TOKEN = 'contract0suite0canary0token0000000000000000000c';
const PROVIDER_KEY = 'sk-contract-suite-canary-provider-key';

/** One transport under test: the renderer's DeskApi connected to a running desk. */
export interface Transport {
  api: DeskApi;
  /** Everything the transport carried, as text, for the canary check. */
  wire(): string;
  close(): Promise<void> | void;
}

export interface TransportFactory {
  mode: 'electron' | 'browser';
  connect(desk: Desk): Promise<Transport>;
}

/**
 * The desk contract as the renderer sees it, run unchanged over each
 * transport (Electron IPC and HTTP + SSE): a real desk (startDesk: settings,
 * discovery, health, registry, gateway) on a temp root holding one workspace
 * whose agent is a fake term-llm server. What differs between transports
 * (login, the IPC sender check) lives in the factory, not here.
 */
export function describeDeskContract(name: string, factory: TransportFactory): void {
  describe(`desk contract over ${name}`, () => {
    let agent: FakeAgent;
    let dirs: TempDir;
    let desk: Desk;
    let transport: Transport;
    let api: DeskApi;
    let agentId: string;

    beforeAll(async () => {
      agent = await startFakeAgent({ token: CANARY_TOKEN, widgets: [{ id: 'w1', mount: 'clock', title: 'Clock', state: 'running', html: '<p>12:00</p>' }] });
      dirs = await tempDir('agent-desk-contract-');
      const workspace = path.join(dirs.path, 'roots', 'alpha');
      await mkdir(workspace, { recursive: true });
      await writeFile(path.join(workspace, '.env'), `WEB_PORT=${agent.port}\nWEB_TOKEN=${CANARY_TOKEN}\nWEB_BASE_PATH=/chat\nANTHROPIC_API_KEY=${PROVIDER_KEY}\n`);
      desk = await startDesk({
        port: 0,
        flagRoots: [path.join(dirs.path, 'roots')],
        configDir: path.join(dirs.path, 'config'),
        mode: factory.mode,
        version: '0.0.0-contract',
        env: { HOME: dirs.path, XDG_CONFIG_HOME: path.join(dirs.path, 'xdg') },
        healthIntervalMs: 200,
      });
      transport = await factory.connect(desk);
      api = transport.api;
      agentId = await waitFor(
        async () => (await api.invoke('agents:list', undefined)).find((record) => record.name === 'alpha' && record.health.status === 'online')?.id,
        { timeoutMs: 15_000, message: 'alpha to be listed online' },
      );
    }, 60_000);

    afterAll(async () => {
      await transport?.close();
      await desk?.close();
      await agent?.close();
      await dirs?.remove();
    });

    it('desk:info names the mode and the gateway port', async () => {
      const info = await api.invoke('desk:info', undefined);
      expect(info.mode).toBe(factory.mode);
      expect(info.gatewayPort).toBe(desk.gateway.port);
      expect(info.roots.some((root) => root.source === 'flag' && root.state === 'ok')).toBe(true);
    });

    it('agents:list gives the workspace with its widgets and health', async () => {
      const [record] = (await api.invoke('agents:list', undefined)).filter((candidate) => candidate.id === agentId);
      expect(record).toMatchObject({ name: 'alpha', state: 'ready', label: agentId });
      expect(record!.widgets.map((widget) => widget.mount)).toEqual(['clock']);
    });

    it('agents:open and widgets:open answer enter URLs on the agent and widget hosts', async () => {
      const { url } = await api.invoke('agents:open', { id: agentId });
      expect(new URL(url).host).toBe(`${agentId}.localhost:${desk.gateway.port}`);
      const widget = await api.invoke('widgets:open', { agentId, mount: 'clock' });
      expect(new URL(widget.url).hostname).toMatch(/^w-[a-z2-7]{26}\.localhost$/);
    });

    it('refuses bad requests with the same error code on every transport', async () => {
      await expect(api.invoke('agents:open', { id: 'no-such-agent' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(api.invoke('widgets:open', { agentId, mount: 'Bad Mount' })).rejects.toMatchObject({ code: 'bad-request' });
      await expect(api.invoke('settings:update', { theme: 'purple' } as never)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/theme must be/) });
    });

    it('settings:update answers the new settings and pushes settings:changed to subscribers', async () => {
      const events: DeskEvent[] = [];
      const unsubscribe = api.subscribe((event) => events.push(event));
      try {
        const next = await api.invoke('settings:update', { theme: 'dark', hibernateAfterMinutes: 5 });
        expect(next).toMatchObject({ theme: 'dark', hibernateAfterMinutes: 5, port: 47800 });
        expect(await api.invoke('settings:get', undefined)).toEqual(next);
        const pushed = await waitFor(
          () => events.find((event) => event.channel === 'settings:changed' && event.payload.settings.theme === 'dark'),
          { timeoutMs: 10_000, message: 'settings:changed on the subscription' },
        );
        expect(pushed.channel).toBe('settings:changed');
      } finally {
        unsubscribe();
      }
    });

    it('agents:watch streams the record until closed, and refuses an unknown agent the same way', async () => {
      const chunks: AgentRecord[] = [];
      const ends: unknown[] = [];
      const close = api.stream('agents:watch', { id: agentId }, { chunk: (record) => chunks.push(record), end: (error) => ends.push(error) });
      await waitFor(() => chunks.length > 0 && desk.service.openStreamCount === 1, { timeoutMs: 10_000, message: 'first chunk' });
      expect(chunks[0]).toMatchObject({ id: agentId, name: 'alpha' });
      close();
      await waitFor(() => desk.service.openStreamCount === 0, { timeoutMs: 10_000, message: 'the desk stops the stream' });
      expect(ends).toEqual([]);

      const refused: unknown[] = [];
      api.stream('agents:watch', { id: 'no-such-agent' }, { chunk: () => refused.push('chunk'), end: (error) => refused.push(error) });
      await waitFor(() => refused.length > 0, { timeoutMs: 10_000, message: 'refusal' });
      expect(refused).toEqual([{ code: 'not-found', message: 'no agent with id "no-such-agent"' }]);
    });

    it('never carries the agent token or another .env value (canary)', async () => {
      await api.invoke('agents:list', undefined);
      const text = transport.wire();
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(CANARY_TOKEN);
      expect(text).not.toContain(PROVIDER_KEY);
    });
  });
}
