/**
 * The desk's attention polling alone, in a process of its own so its CPU is
 * its own: a real AttentionCenter with the desk's default intervals (3 s
 * while a run is active, 10 s otherwise) over the real upstream client, for
 * the agents whose ports and tokens the parent passes (none: the baseline, an
 * idle process with the same code loaded). Counts its items over IPC.
 */
import { AttentionCenter, createAgentHttp } from '../../main/core/attention/index.js';
import { StaticAgentSource } from '../../test/fixtures/static-agent-source.js';
import { answerRequests } from './ipc.js';

const tokens = (process.env.BENCH_ATTENTION_TOKENS ?? '').split(',').filter(Boolean);
const ports = (process.env.BENCH_ATTENTION_PORTS ?? '').split(',').filter(Boolean).map(Number);
if (ports.length !== tokens.length) throw new Error('BENCH_ATTENTION_TOKENS and BENCH_ATTENTION_PORTS need one entry each per agent');

const source = new StaticAgentSource();
for (const [index, token] of tokens.entries()) {
  const { record } = source.add({ name: `agent-${index}`, port: ports[index]!, token, basePath: '/chat' });
  record.health.status = 'online';
  source.update(record.id, {});
}
const http = createAgentHttp();
const center = new AttentionCenter({ agents: source, http });
center.start();

answerRequests({
  items: () => center.list().length,
});

process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

process.on('SIGTERM', () => {
  void center
    .close()
    .then(() => http.close())
    .then(() => process.exit(0));
});
