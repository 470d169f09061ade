import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { RoutableAgent } from '../../../main/core/agents/agent-source.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../../main/core/gateway/gateway.js';
import { UpstreamClient } from '../../../main/core/upstream/index.js';
import { startFakeAgent, type FakeAgent, type FakeAgentOptions } from '../../fixtures/fake-agent.js';
import { startRawUpstream, type RawUpstream } from '../../fixtures/raw-upstream.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';

export interface Harness {
  fake: FakeAgent;
  source: StaticAgentSource;
  agent: RoutableAgent;
  gateway: Gateway;
  port: number;
  /** `<agent label>.localhost:PORT` */
  host: string;
  deskHost: string;
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeAgentOptions;
  gateway?: Partial<Omit<GatewayOptions, 'agents' | 'port'>>;
  name?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeAgent({ token: 'f'.repeat(48), ...options.fake });
  const source = new StaticAgentSource();
  const agent = source.add({ name: options.name ?? 'bob', port: fake.port, token: fake.token, basePath: fake.basePath });
  const logs: string[] = [];
  const gateway = createGateway({
    port: 0,
    bindHosts: ['127.0.0.1'],
    agents: source,
    log: (line) => logs.push(line),
    ...options.gateway,
  });
  await gateway.listen();
  const port = gateway.port;
  return {
    fake,
    source,
    agent,
    gateway,
    port,
    host: `${agent.record.label}.localhost:${port}`,
    deskHost: `desk.localhost:${port}`,
    logs,
    async close() {
      await gateway.close();
      await fake.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

export interface RequestOptions {
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** node:http to 127.0.0.1 with a chosen Host header; no agent pooling, no environment proxy. */
export function send(port: number, opts: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: opts.host, ...opts.headers }, agent: false },
      (res) => collect(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function collect(res: IncomingMessage): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      const raw = Buffer.concat(chunks);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8'), raw });
    });
    res.on('error', reject);
  });
}

/** Path and query of a full URL (requests go to 127.0.0.1 with the URL's host as Host). */
export function pathOf(url: string): { host: string; path: string } {
  const u = new URL(url);
  return { host: u.host, path: u.pathname + u.search };
}

/** Redeems a fresh grant for the agent and returns the Cookie header value. */
export async function enterAgent(h: Harness, agentId = h.agent.record.id, to?: string): Promise<string> {
  const { host, path } = pathOf(h.gateway.agentEnterUrl(agentId, to));
  const reply = await send(h.port, { host, path });
  if (reply.status !== 302) throw new Error(`enter answered ${reply.status}: ${reply.body}`);
  return cookieOf(reply);
}

/** Redeems the desk login link and returns the `Authorization` header value it hands the UI (`Bearer <token>`). */
export async function enterDesk(h: Harness): Promise<string> {
  const { host, path } = pathOf(h.gateway.deskLoginUrl());
  const reply = await send(h.port, { host, path });
  if (reply.status !== 302) throw new Error(`desk enter answered ${reply.status}`);
  return `Bearer ${deskTokenOf(reply.headers.location)}`;
}

/** The token in a desk login's redirect (`/#desk-token=<token>`). */
export function deskTokenOf(location: string | undefined): string {
  const match = /#desk-token=([A-Za-z0-9_-]{43})$/.exec(location ?? '');
  if (!match) throw new Error(`no desk token in ${location}`);
  return match[1]!;
}

export function cookieOf(reply: Reply): string {
  const setCookie = reply.headers['set-cookie']?.[0];
  if (!setCookie) throw new Error('no Set-Cookie');
  return setCookie.split(';')[0]!;
}

/** Writes raw bytes and returns everything the server sends until it closes (or `idleMs` passes). */
export function sendRaw(port: number, text: string | Buffer, idleMs = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer = setTimeout(() => socket.destroy(), idleMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), idleMs);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', reject);
    socket.write(text);
  });
}

/** A desk handler for tests: echoes what it saw as JSON. */
export function echoDeskHandler(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ method: req.method, url: req.url });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}

export function echoed(reply: Reply): { method: string; url: string; headers: Record<string, string | string[] | undefined>; rawHeaders: string[] } {
  if (reply.status !== 200) throw new Error(`echo answered ${reply.status}: ${reply.body}`);
  return JSON.parse(reply.body);
}

export interface RawGateway {
  upstream: RawUpstream;
  /** The gateway's upstream client, injected so a test can read its pool stats. */
  client: UpstreamClient;
  gateway: Gateway;
  /** `<agent label>.localhost:PORT` */
  host: string;
  /** An agent session cookie for `host`. */
  cookie: string;
  close(): Promise<void>;
}

/** A gateway in front of a raw TCP agent stand-in (test/fixtures/raw-upstream.ts), entered once. */
export async function startRawGateway(name: string, token: string): Promise<RawGateway> {
  const upstream = await startRawUpstream();
  const source = new StaticAgentSource();
  const agent = source.add({ name, port: upstream.port, token, basePath: '/chat' });
  const client = new UpstreamClient();
  const gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: source, upstream: client });
  await gateway.listen();
  const host = `${agent.record.label}.localhost:${gateway.port}`;
  const cookie = cookieOf(await send(gateway.port, pathOf(gateway.agentEnterUrl(agent.record.id))));
  return {
    upstream,
    client,
    gateway,
    host,
    cookie,
    async close() {
      await gateway.close();
      await client.close();
      await upstream.close();
    },
  };
}
