/**
 * One event source, VS Code's shape: the owner keeps the Emitter and calls
 * `fire`; everyone else gets `event` (subscribe → unsubscribe function).
 *
 * One error policy for every listener in the app: a listener that throws is
 * reported (by the emitter's name and the error's class, never its message,
 * which could quote data) and the others still hear, in subscription order.
 * A listener added or removed while firing takes effect from the next fire.
 */
export type Listener<T> = (value: T) => void;
export type Unsubscribe = () => void;
/** Reports a failed listener or disposer by who failed (e.g. "workspace change listener") and the error's class. */
export type ListenerErrorReporter = (who: string, error: unknown) => void;

/** The one report line, written to `log` (a component's own log, or stderr by default). */
export function reportTo(log: (line: string) => void): ListenerErrorReporter {
  return (who, error) => log(`a ${who} failed (${error instanceof Error ? error.name : typeof error})`);
}

export const reportListenerError: ListenerErrorReporter = reportTo((line) => console.error(`agent-desk: ${line}`));

export class Emitter<T> {
  readonly #name: string;
  readonly #report: ListenerErrorReporter;
  readonly #listeners = new Set<Listener<T>>();

  /** `name` says whose listeners these are, in the report when one fails. */
  constructor(name: string, report: ListenerErrorReporter = reportListenerError) {
    this.#name = `${name} listener`;
    this.#report = report;
  }

  /** Subscribes; the returned function unsubscribes (calling it twice is harmless). */
  readonly event = (listener: Listener<T>): Unsubscribe => {
    // Wrapped so that one function subscribed twice is two subscriptions.
    const entry: Listener<T> = (value) => listener(value);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  };

  get listenerCount(): number {
    return this.#listeners.size;
  }

  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.#report(this.#name, error);
      }
    }
  }

  /** Drops every listener; firing afterwards reaches no one. */
  dispose(): void {
    this.#listeners.clear();
  }
}
