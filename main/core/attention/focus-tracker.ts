/** What the UI reports: the agent on screen (null: none) and whether its window has focus. */
export interface FocusReport {
  agentId: string | null;
  focused: boolean;
}

/**
 * A focused report older than this no longer counts: a tab that closed or
 * crashed while focused must not silence attention forever. The UI repeats
 * its report while it stays focused.
 */
export const FOCUS_REPORT_TTL_MS = 60_000;

/** Whether the user is looking at an agent right now (on screen, window focused). */
export class FocusTracker {
  #report: FocusReport = { agentId: null, focused: false };
  #at = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  report(report: FocusReport): void {
    this.#report = { agentId: report.agentId, focused: report.focused };
    this.#at = this.#now();
  }

  looking(agentId: string): boolean {
    return this.#report.focused && this.#report.agentId === agentId && this.#now() - this.#at < FOCUS_REPORT_TTL_MS;
  }
}
