/**
 * The real gateway (createGateway) in a process of its own, so its RSS and
 * sockets are its own. One ready agent points at the bench upstream; the
 * parent asks for enter URLs, resource counts and a GC over IPC.
 */
import { createGateway } from '../../main/core/gateway/index.js';
import { StaticAgentSource } from '../../test/fixtures/static-agent-source.js';
import { answerRequests, resourceCounts } from './ipc.js';

const token = process.env.BENCH_UPSTREAM_TOKEN ?? '';
const upstreamPort = Number(process.env.BENCH_UPSTREAM_PORT);
if (token === '' || !Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  throw new Error('BENCH_UPSTREAM_TOKEN and BENCH_UPSTREAM_PORT are required');
}

const agents = new StaticAgentSource();
const agent = agents.add({ name: 'bench', port: upstreamPort, token, basePath: '/chat' });
const gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents });
await gateway.listen();
/** Sockets the gateway holds with no connection at all (listening, IPC): what "all closed" means. */
const idleSockets = resourceCounts().sockets;

answerRequests({
  enter: () => ({ url: gateway.agentEnterUrl(agent.record.id, '/chat/ping'), label: agent.record.label }),
  stats: () => {
    const memory = process.memoryUsage();
    return { rss: memory.rss, heapUsed: memory.heapUsed, idleSockets, ...resourceCounts() };
  },
  gc: () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error('start the gateway child with --expose-gc');
    gc();
    return true;
  },
});

process.stdout.write(`${JSON.stringify({ ready: true, port: gateway.port })}\n`);

process.on('SIGTERM', () => {
  void gateway.close().then(() => process.exit(0));
});
