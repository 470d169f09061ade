import type { RoutableAgent } from '../../../main/core/agents/agent-source.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../../main/core/gateway/gateway.js';
import type { ReportedWidget } from '../../../main/core/health/health-types.js';
import { startFakeAgent, type FakeAgent, type FakeAgentOptions, type FakeWidget } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { cookieOf, pathOf, send, type Reply } from '../gateway/harness.js';

export const INSTALL_KEY = Buffer.alloc(32, 0x5a);
/** Distinctive: it must never show up in anything a client or a log sees. */
export const CANARY_TOKEN = 'widget0canary0token0c4n4ry0000000000000000000077';

export interface WidgetHarness {
  fake: FakeAgent;
  source: StaticAgentSource;
  agent: RoutableAgent;
  gateway: Gateway;
  port: number;
  agentHost: string;
  logs: string[];
  /** `<widget label>.localhost:PORT` of a mount of this agent. */
  widgetHost(mount: string): string;
  /** Redeems a fresh widget grant; returns the Cookie header value. */
  enterWidget(mount: string): Promise<string>;
  enterAgent(): Promise<string>;
  close(): Promise<void>;
}

export function reported(widgets: FakeWidget[]): ReportedWidget[] {
  return widgets.map(({ id, mount, title, state }) => ({ id, mount, title, state }));
}

export async function startWidgetHarness(
  widgets: FakeWidget[],
  options: { gateway?: Partial<Omit<GatewayOptions, 'agents' | 'port'>>; listed?: string[]; slashes?: FakeAgentOptions['slashes'] } = {},
): Promise<WidgetHarness> {
  const fake = await startFakeAgent({ token: CANARY_TOKEN, name: 'bob', widgets, ...(options.slashes ? { slashes: options.slashes } : {}) });
  const source = new StaticAgentSource();
  const listed = options.listed ? widgets.filter((w) => options.listed!.includes(w.mount)) : widgets;
  const agent = source.add({ name: 'bob', port: fake.port, token: fake.token, basePath: fake.basePath, widgets: reported(listed) });
  const logs: string[] = [];
  const gateway = createGateway({
    port: 0,
    bindHosts: ['127.0.0.1'],
    agents: source,
    installKey: INSTALL_KEY,
    log: (line) => logs.push(line),
    ...options.gateway,
  });
  await gateway.listen();
  const port = gateway.port;
  const h: WidgetHarness = {
    fake,
    source,
    agent,
    gateway,
    port,
    agentHost: `${agent.record.label}.localhost:${port}`,
    logs,
    widgetHost: (mount) => gateway.widgetHost(agent.record.id, mount)!,
    async enterWidget(mount) {
      const { host, path } = pathOf(gateway.widgetEnterUrl(agent.record.id, mount));
      const reply = await send(port, { host, path });
      if (reply.status !== 302) throw new Error(`widget enter answered ${reply.status}: ${reply.body}`);
      return cookieOf(reply);
    },
    async enterAgent() {
      const { host, path } = pathOf(gateway.agentEnterUrl(agent.record.id));
      const reply = await send(port, { host, path });
      if (reply.status !== 302) throw new Error(`agent enter answered ${reply.status}`);
      return cookieOf(reply);
    },
    async close() {
      await gateway.close();
      await fake.close();
    },
  };
  return h;
}

/** Every header and the body of a reply, as one string (for canary checks). */
export function everything(reply: Reply): string {
  return JSON.stringify(reply.headers) + reply.body;
}

export const BROWSER_FETCH = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };
export const TOP_LEVEL = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
export const FRAMED = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' };
