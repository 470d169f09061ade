import type { FakeAgent } from '../../fixtures/fake-agent.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TIMEOUT_MS } from './desk-page.js';

/**
 * Waits until the desk's attention poller has seen the session's run
 * active: the poller fetches `/v1/sessions/<id>/state` only for sessions
 * its status list showed active (or pending, or changed), and it applies
 * that list before the fetch. Counting `sessions/status` requests would
 * prove nothing: the health probe asks for the same path. Used between
 * starting and finishing a run, so attention sees it active before it ends.
 */
export async function attentionSawRun(fake: FakeAgent, sessionId: string): Promise<void> {
  const mark = fake.counters.requests;
  const statePath = `/v1/sessions/${encodeURIComponent(sessionId)}/state`;
  const fetchedSince = () => fake.requestsSince(mark).some((request) => request.url.endsWith(statePath));
  await waitFor(fetchedSince, { timeoutMs: UI_TIMEOUT_MS, message: `the attention poller to fetch ${statePath}` });
}
