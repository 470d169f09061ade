/**
 * The owner's list of what to undo, VS Code's DisposableStore made async:
 * servers and watchers close with promises. `dispose` undoes in reverse order
 * of adding (what was built last, on top of the rest, goes first), waits for
 * each, and reports a failure without skipping the rest. Disposing twice is
 * harmless; anything added after disposal is disposed at once.
 */
import { reportListenerError, type ListenerErrorReporter } from './emitter.js';

export type Disposer = () => void | Promise<void>;

export class DisposableStore {
  readonly #name: string;
  readonly #report: ListenerErrorReporter;
  readonly #disposers: Disposer[] = [];
  #disposed = false;

  constructor(name: string, report: ListenerErrorReporter = reportListenerError) {
    this.#name = `${name} disposer`;
    this.#report = report;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Keeps `disposer` for later; after disposal it runs now (and is awaited by no one). */
  add(...disposers: Disposer[]): void {
    if (this.#disposed) void this.#drain(disposers);
    else this.#disposers.push(...disposers);
  }

  /** Undoes everything, last added first; resolves when every disposer has finished. */
  dispose(): Promise<void> {
    this.#disposed = true;
    return this.#drain(this.#disposers.splice(0).reverse());
  }

  /** Runs the disposers in order, waiting only where one returns a promise: sync ones run synchronously. */
  #drain(queue: Disposer[]): Promise<void> {
    while (queue.length > 0) {
      const disposer = queue.shift()!;
      let done: unknown;
      try {
        done = disposer();
      } catch (error) {
        this.#report(this.#name, error);
        continue;
      }
      // Only a promise is waited for; an unsubscribe's stray return value (Set.delete's boolean) is not.
      if (isThenable(done)) {
        return Promise.resolve(done).then(
          () => this.#drain(queue),
          (error: unknown) => {
            this.#report(this.#name, error);
            return this.#drain(queue);
          },
        );
      }
    }
    return Promise.resolve();
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
