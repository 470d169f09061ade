import type { ClientRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseDeadlines } from '../../../main/core/gateway/response-deadlines.js';
import { waitFor } from '../../helpers/wait-for.js';

/** Stand-ins for upstream requests: the class only reads `destroyed` and hands them back. */
function fakeRequest(): ClientRequest {
  return { destroyed: false } as unknown as ClientRequest;
}

describe('ResponseDeadlines', () => {
  let deadlines: ResponseDeadlines | undefined;
  afterEach(() => deadlines?.close());

  it('expires requests still waiting past the deadline, and only those', async () => {
    let now = 0;
    const expired: ClientRequest[] = [];
    deadlines = new ResponseDeadlines(100, (r) => expired.push(r), () => now);
    const answered = fakeRequest();
    const waiting = fakeRequest();
    const late = fakeRequest();
    deadlines.start(answered);
    deadlines.start(waiting);
    now = 50;
    deadlines.start(late);
    deadlines.done(answered);
    now = 120;
    await waitFor(() => expired.length === 1, { message: 'first deadline swept' });
    expect(expired).toEqual([waiting]);
    now = 200;
    await waitFor(() => expired.length === 2, { message: 'second deadline swept' });
    expect(expired).toEqual([waiting, late]);
    expect(deadlines.size).toBe(0);
  });

  it('forgets destroyed requests without expiring them', async () => {
    let now = 0;
    const expired: ClientRequest[] = [];
    deadlines = new ResponseDeadlines(40, (r) => expired.push(r), () => now);
    const gone = fakeRequest();
    deadlines.start(gone);
    (gone as { destroyed: boolean }).destroyed = true;
    now = 100;
    await waitFor(() => deadlines!.size === 0, { message: 'destroyed entry dropped' });
    expect(expired).toEqual([]);
  });
});
