import type { DeskToast } from '../../../preload/contract.js';

/**
 * Problems the shell reports to the user (a widget that did not open, a link
 * that was not opened) become toasts in the desk UI, never a modal per event:
 * a page can trigger them in a loop. Reports with the same key fold into one
 * toast whose count grows; a toast is re-sent at most once per `minGapMs`
 * (the last update follows after the gap), and at most `maxNew` new toasts
 * appear per `windowMs` — the rest fold into one "more problems" toast.
 */
export type { DeskToast };
export type ToastLevel = DeskToast['level'];

export interface ToastTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ToastCoalescerOptions {
  emit(toast: DeskToast): void;
  windowMs?: number;
  maxNew?: number;
  minGapMs?: number;
  now?: () => number;
  timers?: ToastTimers;
}

interface Entry {
  toast: DeskToast;
  lastAt: number;
  sentAt: number;
  timer?: unknown;
}

export const OVERFLOW_TOAST_KEY = 'desk:more-problems';

const realTimers: ToastTimers = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class ToastCoalescer {
  readonly #emit: (toast: DeskToast) => void;
  readonly #windowMs: number;
  readonly #maxNew: number;
  readonly #minGapMs: number;
  readonly #now: () => number;
  readonly #timers: ToastTimers;
  readonly #entries = new Map<string, Entry>();
  #newAt: number[] = [];
  #serial = 0;
  #disposed = false;

  constructor({ emit, windowMs = 10_000, maxNew = 3, minGapMs = 1_000, now = Date.now, timers = realTimers }: ToastCoalescerOptions) {
    this.#emit = emit;
    this.#windowMs = windowMs;
    this.#maxNew = maxNew;
    this.#minGapMs = minGapMs;
    this.#now = now;
    this.#timers = timers;
  }

  /** `key` names the kind and source ("widget-refused:alpha"); the latest message is shown. */
  report(key: string, message: string, level: ToastLevel = 'warning'): void {
    if (this.#disposed) return;
    const now = this.#now();
    this.#expire(now);
    const entry = this.#entries.get(key);
    if (entry) {
      entry.toast = { ...entry.toast, message, level, count: entry.toast.count + 1 };
      entry.lastAt = now;
      this.#send(entry, now);
      return;
    }
    this.#newAt = this.#newAt.filter((at) => now - at < this.#windowMs);
    if (this.#newAt.length >= this.#maxNew && key !== OVERFLOW_TOAST_KEY) {
      this.report(OVERFLOW_TOAST_KEY, 'More problems were reported; the app’s log has each of them.', 'warning');
      return;
    }
    this.#newAt.push(now);
    this.#serial += 1;
    const fresh: Entry = { toast: { id: `toast-${this.#serial}`, level, message, count: 1 }, lastAt: now, sentAt: Number.NEGATIVE_INFINITY };
    this.#entries.set(key, fresh);
    this.#send(fresh, now);
  }

  dispose(): void {
    this.#disposed = true;
    for (const entry of this.#entries.values()) if (entry.timer !== undefined) this.#timers.clear(entry.timer);
    this.#entries.clear();
  }

  #send(entry: Entry, now: number): void {
    if (now - entry.sentAt >= this.#minGapMs) {
      entry.sentAt = now;
      this.#emit(entry.toast);
      return;
    }
    if (entry.timer !== undefined) return;
    entry.timer = this.#timers.set(() => {
      entry.timer = undefined;
      if (this.#disposed) return;
      entry.sentAt = this.#now();
      this.#emit(entry.toast);
    }, entry.sentAt + this.#minGapMs - now);
  }

  /** A key quiet for a whole window starts a new toast next time. */
  #expire(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.timer === undefined && now - entry.lastAt >= this.#windowMs) this.#entries.delete(key);
    }
  }
}
