import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../common/disposable-store.js';
import { Emitter } from '../../../common/emitter.js';

function recorder() {
  const reports: string[] = [];
  return { reports, report: (who: string, error: unknown) => reports.push(`${who}: ${(error as Error).name}`) };
}

describe('Emitter', () => {
  it('delivers to every listener in order, and a throwing one is reported by name and class, not message', () => {
    const { reports, report } = recorder();
    const changes = new Emitter<number>('workspace change', report);
    const heard: string[] = [];
    changes.event((n) => heard.push(`a${n}`));
    changes.event(() => {
      throw new TypeError('secret-canary-in-message');
    });
    changes.event((n) => heard.push(`c${n}`));
    changes.fire(1);
    expect(heard).toEqual(['a1', 'c1']);
    expect(reports).toEqual(['workspace change listener: TypeError']);
    expect(reports.join()).not.toContain('secret-canary');
  });

  it('unsubscribes one subscription at a time, even of the same function, and twice is harmless', () => {
    const emitter = new Emitter<string>('test');
    const heard: string[] = [];
    const listener = (value: string) => heard.push(value);
    const first = emitter.event(listener);
    emitter.event(listener);
    first();
    first();
    emitter.fire('x');
    expect(heard).toEqual(['x']);
    expect(emitter.listenerCount).toBe(1);
  });

  it('a listener added or removed while firing takes effect from the next fire', () => {
    const emitter = new Emitter<number>('test');
    const heard: string[] = [];
    let removeLate: () => void = () => undefined;
    emitter.event((n) => {
      heard.push(`first${n}`);
      removeLate();
      emitter.event((m) => heard.push(`added${m}`));
    });
    removeLate = emitter.event((n) => heard.push(`late${n}`));
    emitter.fire(1);
    expect(heard).toEqual(['first1', 'late1']);
  });

  it('reaches no one after dispose', () => {
    const emitter = new Emitter<number>('test');
    const heard: number[] = [];
    emitter.event((n) => heard.push(n));
    emitter.dispose();
    emitter.fire(1);
    expect(heard).toEqual([]);
  });
});

describe('DisposableStore', () => {
  it('undoes in reverse order, waits for async disposers, and keeps going past a failure', async () => {
    const { reports, report } = recorder();
    const store = new DisposableStore('desk', report);
    const undone: string[] = [];
    store.add(() => void undone.push('first'));
    store.add(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      undone.push('async');
    });
    store.add(() => {
      throw new RangeError('boom');
    });
    store.add(async () => Promise.reject(new SyntaxError('late')), () => void undone.push('last'));
    await store.dispose();
    expect(undone).toEqual(['last', 'async', 'first']);
    expect(reports).toEqual(['desk disposer: SyntaxError', 'desk disposer: RangeError']);
  });

  it('runs sync disposers synchronously, is idempotent, and disposes late additions at once', async () => {
    const store = new DisposableStore('test');
    const undone: string[] = [];
    const unsubscribed = new Set(['x']);
    // A disposer typed to return void may still return a value at runtime (Set.delete's boolean).
    store.add(() => void undone.push('a'), (() => unsubscribed.delete('x')) as () => void, () => void undone.push('b'));
    const done = store.dispose();
    expect(undone).toEqual(['b', 'a']);
    await done;
    await store.dispose();
    expect(undone).toEqual(['b', 'a']);
    store.add(() => void undone.push('late'));
    expect(undone).toEqual(['b', 'a', 'late']);
    expect(store.disposed).toBe(true);
  });
});
