import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * Holds a secret value (an agent token) so that it cannot leak by accident:
 * JSON.stringify, String(), template literals and util.inspect (console.log,
 * error reports) all print `[redacted]`. Only `reveal()` gives the value, and
 * only `agentTarget` (core/upstream/upstream-target.ts) calls it, to build the bearer.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  equals(other: Secret | undefined): boolean {
    return other !== undefined && other.#value === this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
