/**
 * Profiling aid (not part of `npm run bench`): the gateway, a bare undici
 * proxy and the upstream in ONE process, loaded by an in-process raw client
 * with a fixed number of requests. Everything runs on one thread, so the
 * process's CPU time per request hardly depends on what else the machine
 * runs (unlike requests/s); the proxies' own cost is each path's CPU/request
 * minus the direct path's. `node --import tsx bench/cpu-compare.ts [requests] [rounds]`.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createBareUndiciProxy } from './children/bare-undici-relay.js';
import { createGateway, SESSION_COOKIE } from '../main/core/gateway/index.js';
import { StaticAgentSource } from '../test/fixtures/static-agent-source.js';
import { RawConnection, rawRequest } from './support/raw-http.js';

const requests = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 7);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const token = randomBytes(24).toString('hex');
const bearer = `Bearer ${token}`;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

const upstream = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (process.env.DUMP && req.headers['x-dumped'] === undefined) console.log('upstream got', JSON.stringify(req.rawHeaders).replace(token, '<token>'));
  if (req.headers.authorization !== bearer) {
    res.writeHead(401, { 'content-length': 0 });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
  res.end('ok');
});
const upstreamPort = await listen(upstream);

// The bare undici proxy of bench/children/bare-undici-proxy.ts, in-process.
const { server: bare, pool } = createBareUndiciProxy(upstreamPort, token);
const barePort = await listen(bare);

type CreateGateway = typeof createGateway;
async function startGateway(create: CreateGateway, Source = StaticAgentSource): Promise<{ port: number; host: string; cookie: string; close(): Promise<void> }> {
  const agents = new Source();
  const agent = agents.add({ name: 'bench', port: upstreamPort, token, basePath: '/chat' });
  const gateway = create({ port: 0, bindHosts: ['127.0.0.1'], agents });
  await gateway.listen();
  const host = `${agent.record.label}.localhost:${gateway.port}`;
  const enter = new URL(gateway.agentEnterUrl(agent.record.id, '/chat/ping'));
  const cookie = await new Promise<string>((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port: gateway.port, path: enter.pathname + enter.search, headers: { host }, agent: false }, (res) => {
      res.resume();
      const line = (res.headers['set-cookie'] ?? []).map((l) => l.split(';')[0]!).find((p) => p.startsWith(`${SESSION_COOKIE}=`));
      if (line) resolve(line);
      else reject(new Error(`login failed: ${res.statusCode}`));
    })
      .on('error', reject)
      .end();
  });
  return { port: gateway.port, host, cookie, close: () => gateway.close() };
}
const gateway = await startGateway(createGateway);
// BASE=<dir of another checkout>: its gateway too, for an A/B in the same process.
const base = process.env.BASE
  ? await startGateway(
      ((await import(`${process.env.BASE}/main/core/gateway/index.ts`)) as { createGateway: CreateGateway }).createGateway,
      // Its own fixture: agent labels may be made differently there.
      ((await import(`${process.env.BASE}/test/fixtures/static-agent-source.ts`)) as { StaticAgentSource: typeof StaticAgentSource }).StaticAgentSource,
    )
  : undefined;

// Every path gets the same request headers a browser's fetch would carry, a session cookie included.
const common = { accept: '*/*', 'user-agent': 'cpu-compare' };
const paths = [
  { name: 'direct', port: upstreamPort, head: rawRequest('GET', '/chat/ping', { host: `127.0.0.1:${upstreamPort}`, ...common, cookie: gateway.cookie, authorization: bearer }) },
  { name: 'gateway', port: gateway.port, head: rawRequest('GET', '/chat/ping', { host: gateway.host, ...common, cookie: gateway.cookie }) },
  ...(base ? [{ name: 'gateway-base', port: base.port, head: rawRequest('GET', '/chat/ping', { host: base.host, ...common, cookie: base.cookie }) }] : []),
  { name: 'undici-bare', port: barePort, head: rawRequest('GET', '/chat/ping', { host: `127.0.0.1:${barePort}`, ...common, cookie: gateway.cookie }) },
];

async function run(port: number, head: Buffer, count: number): Promise<number> {
  const conns = await Promise.all(Array.from({ length: CONNECTIONS }, () => RawConnection.open(port)));
  let left = count;
  let bad = 0;
  const before = process.cpuUsage();
  await Promise.all(
    conns.map(async (conn) => {
      while (left > 0) {
        left -= 1;
        if ((await conn.send(head)) !== 200) bad += 1;
      }
    }),
  );
  const used = process.cpuUsage(before);
  for (const conn of conns) conn.close();
  if (bad > 0) throw new Error(`${bad} non-200 answers`);
  return (used.user + used.system) / count;
}

if (process.env.DUMP) {
  for (const p of paths) {
    const socket = net.connect(p.port, '127.0.0.1');
    socket.write(p.head);
    const text = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
    socket.destroy();
    console.log(`--- ${p.name} (${text.length} bytes)\n${text}`);
  }
}
// `only=<name>`: load one path only (for a CPU profile of it).
const only = process.env.ONLY;
const measured = only ? paths.filter((p) => p.name === only) : paths;
const results = new Map<string, number[]>(measured.map((p) => [p.name, []]));
for (const p of measured) await run(p.port, p.head, 5_000);
for (let round = 0; round < rounds; round++) {
  for (const p of measured) results.get(p.name)!.push(await run(p.port, p.head, requests));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of results) console.log(`${name.padEnd(12)} ${median(xs).toFixed(1)} µs CPU/request (${xs.map((x) => x.toFixed(0)).join(' ')})`);
if (!only) {
  // Per round: adjacent runs share the machine's state, so their difference is steadier than the medians'.
  const d = results.get('direct')!;
  const g = results.get('gateway')!;
  const b = results.get('undici-bare')!;
  const own = g.map((x, i) => x - d[i]!);
  const bareOwn = b.map((x, i) => x - d[i]!);
  console.log(`per round: gateway − bare ${median(g.map((x, i) => x - b[i]!)).toFixed(1)} µs; gateway own / bare own ${median(own.map((x, i) => x / bareOwn[i]!)).toFixed(3)}`);
  const gb = results.get('gateway-base');
  if (gb) console.log(`per round: gateway − gateway-base ${median(g.map((x, i) => x - gb[i]!)).toFixed(1)} µs; base own / bare own ${median(gb.map((x, i) => (x - d[i]!) / bareOwn[i]!)).toFixed(3)}`);
}
await gateway.close();
await base?.close();
await pool.destroy();
bare.closeAllConnections();
upstream.closeAllConnections();
bare.close();
upstream.close();
