/**
 * Links an agent page sends to the system browser (`shell.openExternal`). A
 * prompt-injected agent page could otherwise open unlimited browser tabs, so
 * each agent gets a small budget of gesture-backed opens; past it, or with no
 * recent user input in that agent's view, the user is asked — once: while a
 * question is open for an agent, its further links are dropped, and a "no"
 * mutes the agent's links for a while.
 */
export type ExternalOpenDecision =
  | { action: 'open'; url: string }
  | { action: 'ask'; url: string; question: ExternalOpenQuestion }
  | { action: 'drop'; reason: string };

export interface ExternalOpenQuestion {
  message: string;
  detail: string;
}

export interface ExternalOpenGateOptions {
  /** Opens per agent within `windowMs` that need no question. */
  max?: number;
  windowMs?: number;
  /** How long after a click or key press a link still counts as the user's (Chromium's transient activation: 5 s). */
  activationMs?: number;
  /** How long a "Don't open" silences that agent's links. */
  muteMs?: number;
  now?: () => number;
}

/** Hosts in a question are shown plainly: no credentials, punycode as the browser would show it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

export class ExternalOpenGate {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #activationMs: number;
  readonly #muteMs: number;
  readonly #now: () => number;
  readonly #opened = new Map<string, number[]>();
  readonly #asking = new Set<string>();
  readonly #mutedUntil = new Map<string, number>();

  constructor({ max = 3, windowMs = 30_000, activationMs = 5_000, muteMs = 60_000, now = Date.now }: ExternalOpenGateOptions = {}) {
    this.#max = max;
    this.#windowMs = windowMs;
    this.#activationMs = activationMs;
    this.#muteMs = muteMs;
    this.#now = now;
  }

  /**
   * `source` is the agent's id, `name` what the user calls it, `lastInputAt`
   * the time of the last click or key press in its view (undefined: never).
   */
  request(source: string, name: string, url: string, lastInputAt: number | undefined): ExternalOpenDecision {
    const now = this.#now();
    if (this.#asking.has(source)) return { action: 'drop', reason: 'a question about this agent’s links is already open' };
    const muted = this.#mutedUntil.get(source);
    if (muted !== undefined && now < muted) return { action: 'drop', reason: 'the user declined this agent’s links a moment ago' };
    const recent = this.#recent(source, now);
    const gesture = lastInputAt !== undefined && now - lastInputAt >= 0 && now - lastInputAt <= this.#activationMs;
    if (gesture && recent.length < this.#max) {
      recent.push(now);
      return { action: 'open', url };
    }
    this.#asking.add(source);
    const why = gesture ? `${name} has opened ${recent.length} links in the last ${Math.round(this.#windowMs / 1000)} seconds.` : 'You did not click a link just now.';
    return {
      action: 'ask',
      url,
      question: { message: `${name} wants to open ${hostOf(url)} in your browser`, detail: `${why}\n\n${url.slice(0, 300)}` },
    };
  }

  /** The user's answer to the question `request` asked for `source`. */
  answered(source: string, open: boolean): void {
    this.#asking.delete(source);
    const now = this.#now();
    if (open) {
      this.#recent(source, now).push(now);
      this.#mutedUntil.delete(source);
    } else {
      this.#mutedUntil.set(source, now + this.#muteMs);
    }
  }

  forget(source: string): void {
    this.#opened.delete(source);
    this.#asking.delete(source);
    this.#mutedUntil.delete(source);
  }

  #recent(source: string, now: number): number[] {
    const recent = (this.#opened.get(source) ?? []).filter((at) => now - at < this.#windowMs);
    this.#opened.set(source, recent);
    return recent;
  }
}

/** Input events that give a page "transient activation" in Chromium (a click, a key, a tap). */
const ACTIVATING_INPUT = new Set(['mouseDown', 'rawKeyDown', 'keyDown', 'gestureTap', 'touchEnd', 'pointerDown']);

export function isActivatingInput(type: string): boolean {
  return ACTIVATING_INPUT.has(type);
}
