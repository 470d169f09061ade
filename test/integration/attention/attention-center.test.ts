import { afterEach, describe, expect, it } from 'vitest';
import { AttentionCenter, createAgentHttp } from '../../../main/core/attention/index.js';
import type { AgentHttp, AttentionChange } from '../../../main/core/attention/index.js';
import type { HealthStatus } from '../../../preload/contract.js';
import { startFakeAgent } from '../../fixtures/fake-agent.js';
import type { FakeAgent } from '../../fixtures/fake-agent.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';
import { waitFor } from '../../helpers/wait-for.js';

const CANARY = 'attention-canary-token-0123456789abcdef0123456789';
const FAST = { activeIntervalMs: 40, idleIntervalMs: 80 };
let cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface Setup {
  fake: FakeAgent;
  source: StaticAgentSource;
  center: AttentionCenter;
  id: string;
  changes: AttentionChange[];
  setHealth(status: HealthStatus): void;
}

async function setup(opts: { http?: AgentHttp } = {}): Promise<Setup> {
  const fake = await startFakeAgent({ name: 'alpha', token: CANARY });
  const source = new StaticAgentSource();
  const id = source.add({ name: 'alpha', port: fake.port, token: CANARY }).record.id;
  const http = opts.http ?? createAgentHttp();
  const center = new AttentionCenter({ agents: source, http, ...FAST });
  const changes: AttentionChange[] = [];
  center.onChange((change) => changes.push(change));
  cleanup.push(() => fake.close(), () => http.close(), () => center.close());
  const setHealth = (status: HealthStatus): void => {
    source.byId(id)!.record.health.status = status;
    source.update(id, {});
  };
  setHealth('online');
  center.start();
  return { fake, source, center, id, changes, setHealth };
}

const kinds = (center: AttentionCenter) => center.list().map((item) => `${item.kind}:${item.sessionId}`);

describe('attention center against a fake term-llm agent', () => {
  it('approval and question items appear, answers reach the agent with the bearer and no client credential, and leave', async () => {
    const { fake, center, changes } = await setup();
    fake.sessions.startRun('s1', 'Refactor parser');
    const approvalId = fake.sessions.requestApproval('s1', { title: 'rm -rf build' });
    fake.sessions.askUser('s1', [{ question: 'Which branch?', options: [{ label: 'main' }, { label: 'dev' }] }]);
    await waitFor(() => center.list().length === 2, { message: 'two items' });
    const approval = center.list().find((item) => item.kind === 'approval')!;
    expect(approval).toMatchObject({ agentName: 'alpha', sessionId: 's1', sessionTitle: 'Refactor parser', title: 'rm -rf build' });
    expect(approval.options?.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(center.counts(approval.agentId)).toEqual({ needsYou: 2, finished: 0 });

    await center.answer({ itemId: approval.id, choice: 1 });
    const question = center.list().find((item) => item.kind === 'question')!;
    await center.answer({ itemId: question.id, answers: ['dev'] });
    expect(fake.sessions.answers.map((a) => [a.kind, a.body])).toEqual([
      ['approval', { approval_id: approvalId, choice: 1 }],
      ['ask_user', { call_id: expect.stringMatching(/^call-/), answers: [{ question_index: 0, header: '', selected: 'dev', is_custom: false, is_multi_select: false }] }],
    ]);
    for (const received of fake.sessions.answers) {
      expect(received.headers.authorization).toBe(`Bearer ${CANARY}`);
      expect(received.headers.cookie).toBeUndefined();
      expect(received.headers['x-api-key']).toBeUndefined();
    }
    await waitFor(() => center.list().length === 0, { message: 'answered items gone' });
    expect(JSON.stringify(changes)).not.toContain(CANARY);
  });

  it('a multi-select question is answered with every chosen option, in the shape term-llm takes', async () => {
    const { fake, center } = await setup();
    fake.sessions.startRun('s1', 'Release');
    const callId = fake.sessions.askUser('s1', [
      { header: 'Checks', question: 'Which checks?', multi_select: true, options: [{ label: 'lint', description: '' }, { label: 'test', description: '' }, { label: 'e2e', description: '' }] },
      { header: 'Why', question: 'Why now?' },
    ]);
    await waitFor(() => center.list().length === 1, { message: 'the question' });
    const item = center.list()[0]!;
    expect(item.questions?.[0]).toMatchObject({ options: ['lint', 'test', 'e2e'], multiSelect: true });
    // Refused in main, before anything is sent: one string for a multi-select, an unknown or repeated option.
    for (const answers of [['lint', 'x'], [['lint', 'nope'], 'x'], [['test', 'test'], 'x'], [[], 'x'], [['lint'], ['x']]]) {
      await expect(center.answer({ itemId: item.id, answers })).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect(fake.sessions.answers).toEqual([]);

    await center.answer({ itemId: item.id, answers: [['lint', 'e2e'], 'release day'] });
    expect(fake.sessions.answers.map((a) => a.body)).toEqual([
      {
        call_id: callId,
        answers: [
          { question_index: 0, header: 'Checks', selected: 'lint, e2e', selected_list: ['lint', 'e2e'], is_custom: false, is_multi_select: true },
          { question_index: 1, header: 'Why', selected: 'release day', is_custom: true, is_multi_select: false },
        ],
      },
    ]);
    expect(fake.sessions.pendingQuestions('s1')).toEqual([]);
    await waitFor(() => center.list().length === 0, { message: 'the answered question gone' });
  });

  it('an item answered elsewhere disappears on the next poll; answering it then is a 409 that changes nothing', async () => {
    const { fake, center } = await setup();
    fake.sessions.startRun('s1');
    const approvalId = fake.sessions.requestApproval('s1', { title: 'make deploy' });
    await waitFor(() => center.list().length === 1, { message: 'the approval' });
    const item = center.list()[0]!;
    // The agent's own UI answers it.
    const { rawRequest } = await import('../../fixtures/fake-agent/http-client.js');
    await rawRequest(`${fake.url}/chat/v1/sessions/s1/approval`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CANARY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ approval_id: approvalId, choice: 0 }),
    });
    await waitFor(() => center.list().length === 0, { message: 'the item to disappear on the next poll' });
    const before = fake.sessions.answers.length;
    await expect(center.answer({ itemId: item.id, choice: 0 })).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(fake.sessions.answers.length).toBe(before);
  });

  it('an answer the agent no longer expects is a 409 and the item goes', async () => {
    const { fake, center } = await setup();
    fake.sessions.startRun('s1');
    fake.sessions.requestApproval('s1', { title: 'x' });
    await waitFor(() => center.list().length === 1, { message: 'the approval' });
    const item = center.list()[0]!;
    // Gone on the agent, not yet polled: the agent answers 404.
    fake.sessions.finishRun('s1');
    fake.sessions.startRun('s1');
    await expect(center.answer({ itemId: item.id, choice: 0 })).rejects.toMatchObject({ code: 'conflict' });
    expect(center.list().filter((i) => i.kind === 'approval')).toEqual([]);
  });

  it('bad answers are refused before anything is sent', async () => {
    const { fake, center } = await setup();
    fake.sessions.startRun('s1');
    fake.sessions.requestApproval('s1', { title: 'x' });
    await waitFor(() => center.list().length === 1, { message: 'the approval' });
    const item = center.list()[0]!;
    await expect(center.answer({ itemId: item.id, choice: 7 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(center.answer({ itemId: item.id, answers: ['a'] })).rejects.toMatchObject({ code: 'bad-request' });
    expect(fake.sessions.answers).toEqual([]);
  });

  it('finished: active → idle makes an item unless the agent is on screen in a focused window; seen clears it', async () => {
    const { fake, center, id, changes } = await setup();
    fake.sessions.startRun('s1', 'Weekly report');
    await waitFor(() => changes.length > 0 || fake.counters.requests > 3, { message: 'first polls' });
    await waitFor(() => fake.requests.some((r) => r.url.endsWith('/s1/state')), { message: 's1 state fetched' });
    fake.sessions.finishRun('s1');
    await waitFor(() => kinds(center).includes('finished:s1'), { message: 'finished item' });
    expect(center.counts(id)).toEqual({ needsYou: 0, finished: 1 });
    expect(changes.flatMap((c) => c.fresh).map((i) => i.kind)).toContain('finished');
    center.seen(id);
    expect(center.list()).toEqual([]);

    center.reportFocus({ agentId: id, focused: true });
    fake.sessions.startRun('s1');
    await waitFor(() => fake.requests.filter((r) => r.url.endsWith('/s1/state')).length >= 3, { message: 'state polled while running' });
    fake.sessions.finishRun('s1');
    const seenRequests = fake.counters.requests;
    await waitFor(() => fake.counters.requests > seenRequests + 3, { message: 'polls after finishing' });
    expect(center.list()).toEqual([]);
  });

  it('failed: online → offline mid-run makes a failed item; polling stops while offline', async () => {
    const { fake, center, id, setHealth } = await setup();
    fake.sessions.startRun('s1');
    await waitFor(() => fake.requests.some((r) => r.url.endsWith('/s1/state')), { message: 'run seen' });
    setHealth('offline');
    expect(center.list().map((i) => [i.kind, i.title])).toEqual([['failed', 'went offline during a run']]);
    const requests = fake.counters.requests;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.counters.requests).toBe(requests);
    center.seen(id, 's1');
    expect(center.list()).toEqual([]);
  });

  it('garbage, huge bodies, HTML, 500s and malformed state produce no item and no crash', async () => {
    const { fake, center, source, id } = await setup();
    fake.sessions.startRun('s1');
    fake.sessions.requestApproval('s1', { title: 'bad options', options: [{ label: 'x', index: 'zero' }] });
    fake.sessions.askUser('s1', [{ nope: true }]);
    await waitFor(() => fake.requests.filter((r) => r.url.endsWith('/s1/state')).length >= 2, { message: 'state polled' });
    expect(center.list()).toEqual([]);
    for (const mode of ['garbage', 'huge', 'html', 'status500', 'reset'] as const) {
      fake.setMode(mode);
      const before = fake.counters.requests;
      await waitFor(() => fake.counters.requests > before + 1, { message: `polls in ${mode} mode` });
      expect(center.list()).toEqual([]);
    }
    fake.setMode('ok');
    fake.sessions.setRawState('s1', JSON.stringify({ active_run: true, pending_things: [{ kind: 'unknown' }], pending_approvals: 'x' }));
    await waitFor(() => fake.counters.requests > 0 && center.list().length === 0, { message: 'still nothing' });
    fake.sessions.setRawState('s1', undefined);
    fake.sessions.requestApproval('s1', { title: 'good one' });
    await waitFor(() => center.list().map((i) => i.title).includes('good one'), { message: 'a well-formed approval still comes through' });
    expect(source.probes).not.toContain(id);
  });

  it('status is polled with If-None-Match; state only while a run is active or after a change', async () => {
    const { fake } = await setup();
    fake.setSessions([{ id: 'idle', short_title: 'Idle', long_title: 'Idle', message_count: 1, last_message_at: 1, transcript_rev: 1 }]);
    await waitFor(() => fake.requests.filter((r) => r.url.endsWith('/status')).length >= 3, { message: 'three status polls' });
    const polls = fake.requests.filter((r) => r.url.endsWith('/v1/sessions/status'));
    expect(polls.slice(1).every((r) => typeof r.headers['if-none-match'] === 'string')).toBe(true);
    expect(fake.requests.some((r) => r.url.includes('/idle/state'))).toBe(false);
  });

  it('a 401 from the agent asks health to re-probe and fails the active run', async () => {
    const { fake, center, source, id } = await setup();
    fake.sessions.startRun('s1');
    await waitFor(() => fake.requests.some((r) => r.url.endsWith('/s1/state')), { message: 'run seen' });
    fake.setToken('rotated');
    await waitFor(() => source.probes.includes(id), { message: 'a re-probe request' });
    expect(kinds(center)).toEqual(['failed:s1']);
  });

  it('one state fetch refused (401) while the agent stays online: the next polls read status whole and the approval comes back', async () => {
    const { fake, center, source, id } = await setup();
    fake.sessions.startRun('s1', 'Refactor parser');
    fake.sessions.requestApproval('s1', { title: 'rm -rf build' });
    await waitFor(() => kinds(center).includes('approval:s1'), { message: 'the approval' });
    // Status stays unchanged (304 with the kept ETag) from here on; only the state fetch is refused.
    fake.setMode('status401', { only: '/v1/sessions/s1/state' });
    await waitFor(() => source.probes.includes(id), { message: 'the refused state fetch' });
    fake.setMode('ok');
    await waitFor(() => kinds(center).join() === 'approval:s1', { message: 'the approval back, the failed item gone' });
    expect(center.list()[0]).toMatchObject({ kind: 'approval', title: 'rm -rf build', sessionTitle: 'Refactor parser' });
    expect(center.counts(id)).toEqual({ needsYou: 1, finished: 0 });
  });
});

describe('attention center: one clock for every agent (ADR 0029)', () => {
  it('agents that came online at different moments are polled on the same grid', async () => {
    const TICK = 500;
    const source = new StaticAgentSource();
    const http = createAgentHttp();
    // The center's clock reads performance.now(), as the fake does when a request arrives: one time line.
    const center = new AttentionCenter({ agents: source, http, activeIntervalMs: TICK, idleIntervalMs: TICK * 2 });
    cleanup.push(() => http.close(), () => center.close());
    center.start();
    const fakes: FakeAgent[] = [];
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
      const fake = await startFakeAgent({ name, token: CANARY });
      cleanup.push(() => fake.close());
      fake.sessions.startRun('s1', 'Busy');
      fakes.push(fake);
      const { record } = source.add({ name, port: fake.port, token: CANARY });
      record.health.status = 'online';
      source.update(record.id, {});
      // Each comes online at its own moment, its first poll at once: on timers of their own they
      // would keep those phases (all four near the grid by chance: under 1% of runs).
      await new Promise((resolve) => setTimeout(resolve, 90));
    }
    const statusPolls = (fake: FakeAgent) => fake.requests.filter((r) => r.url.endsWith('/v1/sessions/status')).map((r) => r.at);
    await waitFor(() => fakes.every((fake) => statusPolls(fake).length >= 4), { timeoutMs: 15_000, message: 'four status polls each' });
    // From its second poll on, every agent's status poll arrives just after a tick of the one grid
    // (signed: a timer may fire a fraction of a millisecond before performance.now() reaches the tick).
    const offsets = fakes.flatMap((fake) => statusPolls(fake).slice(1)).map((at) => ((at % TICK) + TICK / 2) % TICK - TICK / 2);
    expect(offsets.length).toBeGreaterThanOrEqual(12);
    for (const offset of offsets) {
      expect(offset).toBeGreaterThan(-5);
      expect(offset).toBeLessThan(TICK / 4);
    }
  });
});
