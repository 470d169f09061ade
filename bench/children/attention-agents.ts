/**
 * The attention bench's agents: fake term-llm serves (test/fixtures/fake-agent)
 * in a process of their own, so their CPU is not the desk's. The tokens come
 * from the parent (BENCH_ATTENTION_TOKENS, one per agent); with BENCH_ATTENTION_ACTIVE=1
 * every agent has a run going and an approval pending (the 3 s poll, with a
 * state fetch each time), else a few idle sessions (the 10 s poll). Prints the ports.
 */
import { startFakeAgent, type FakeAgent } from '../../test/fixtures/fake-agent.js';
import { answerRequests } from './ipc.js';

const tokens = (process.env.BENCH_ATTENTION_TOKENS ?? '').split(',').filter(Boolean);
if (tokens.length === 0) throw new Error('BENCH_ATTENTION_TOKENS is required');
const active = process.env.BENCH_ATTENTION_ACTIVE === '1';

const agents: FakeAgent[] = [];
for (const [index, token] of tokens.entries()) {
  const now = Date.now();
  const sessions = Array.from({ length: 5 }, (_, n) => ({
    id: `s${n}`,
    short_title: `Session ${n}`,
    long_title: `Session ${n} of agent ${index}`,
    active_run: false,
    message_count: 4 + n,
    last_message_at: now - n * 60_000,
    transcript_rev: n + 1,
  }));
  const agent = await startFakeAgent({ name: `agent-${index}`, token, sessions });
  if (active) {
    agent.sessions.startRun('s0', 'Refactor parser');
    agent.sessions.requestApproval('s0', { title: 'rm -rf build' });
  }
  agents.push(agent);
}

answerRequests({
  // Every request the agents answered so far (status polls and state fetches).
  requests: () => agents.reduce((sum, agent) => sum + agent.counters.requests, 0),
});

process.stdout.write(`${JSON.stringify({ ready: true, ports: agents.map((agent) => agent.port) })}\n`);

process.on('SIGTERM', () => {
  void Promise.all(agents.map((agent) => agent.close())).then(() => process.exit(0));
});
