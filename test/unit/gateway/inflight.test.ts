import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InflightStreams } from '../../../main/core/gateway/inflight.js';

async function close(stream: PassThrough): Promise<void> {
  const closed = once(stream, 'close');
  stream.destroy();
  await closed;
}

describe('InflightStreams', () => {
  it('ends only the open streams of the agent asked about, and counts them', async () => {
    const inflight = new InflightStreams();
    const a = [new PassThrough(), new PassThrough(), new PassThrough(), new PassThrough()];
    const b = new PassThrough();
    for (const stream of a) inflight.add('a', stream, false);
    inflight.add('b', b, false);
    // Closed in the middle, at the head and at the tail of the list.
    await close(a[1]!);
    await close(a[3]!);
    await close(a[0]!);
    expect(inflight.endAgent('a')).toBe(1);
    expect(a[2]!.destroyed).toBe(true);
    expect(b.destroyed).toBe(false);
    expect(inflight.endAgent('a')).toBe(0);
    expect(inflight.endAgent('b')).toBe(1);
  });

  it('keeps working after every stream of an agent closed (the list empties and refills)', async () => {
    const inflight = new InflightStreams();
    const first = new PassThrough();
    inflight.add('a', first, false);
    await close(first);
    const second = new PassThrough();
    inflight.add('a', second, false);
    expect(inflight.endAgent('a')).toBe(1);
    expect(second.destroyed).toBe(true);
  });

  it('ends upgraded sockets on endUpgraded, but not ones that already closed', async () => {
    const inflight = new InflightStreams();
    const open = new PassThrough();
    const closed = new PassThrough();
    inflight.add('a', open, true);
    inflight.add('a', closed, true);
    await close(closed);
    let destroyedAgain = false;
    closed.destroy = () => {
      destroyedAgain = true;
      return closed;
    };
    inflight.endUpgraded();
    expect(open.destroyed).toBe(true);
    expect(destroyedAgain).toBe(false);
    expect(inflight.endAgent('a')).toBe(0);
  });
});
