import type { FakeAgent } from '../../fixtures/fake-agent.js';
import { waitFor } from '../../helpers/wait-for.js';
import { UI_TIMEOUT_MS } from './desk-page.js';

/**
 * Waits until the agent's status has been polled twice more: the desk has
 * then seen whatever the test changed before the call (the first of the two
 * may have been in flight already). Used between starting and finishing a
 * run, so attention sees it active before it ends.
 */
export async function twoMorePolls(fake: FakeAgent): Promise<void> {
  // The fake keeps its last 200 requests: count from the last one seen now (gone from the list: many came since).
  const mark = fake.requests.at(-1);
  const pollsSince = () => {
    const from = mark === undefined ? 0 : fake.requests.indexOf(mark);
    if (from === -1) return Infinity;
    return fake.requests.slice(from + 1).filter((request) => request.url.endsWith('/v1/sessions/status')).length;
  };
  await waitFor(() => pollsSince() >= 2, { timeoutMs: UI_TIMEOUT_MS, message: 'two status polls after the change' });
}
