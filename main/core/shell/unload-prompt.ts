/**
 * The desk page asks to stay (its Settings form has unsaved edits: a
 * `beforeunload` handler). In a browser the browser asks the user; in
 * Electron nothing is asked unless main handles `will-prevent-unload`, and
 * the window just stays — a quit would silently do nothing. These decide
 * what main asks and what the answer means.
 */

export interface UnloadPrompt {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  /** [leave, stay]: the default is to stay, and Escape stays. */
  buttons: [string, string];
  defaultId: 1;
  cancelId: 1;
  noLink: true;
}

export const LEAVE_BUTTON = 0;

/** The question for a quit (or a window close that quits) and for a reload of the desk page. */
export function unloadPrompt(quitting: boolean): UnloadPrompt {
  return {
    type: 'question',
    title: 'Unsaved settings',
    message: quitting ? 'Quit Agent Desk and discard your unsaved settings?' : 'Reload the desk and discard your unsaved settings?',
    detail: 'Your changes in Settings have not been saved. Keep editing to go back and press Save.',
    buttons: [quitting ? 'Discard and quit' : 'Discard and reload', 'Keep editing'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export type UnloadDecision = 'leave' | 'stay';

/**
 * Windows ending the session is never held up (nothing is asked); otherwise
 * the user's answer decides. `answer` is only called when a question is due.
 */
export function decideUnload(input: { sessionEnding: boolean; answer: () => number }): UnloadDecision {
  if (input.sessionEnding) return 'leave';
  return input.answer() === LEAVE_BUTTON ? 'leave' : 'stay';
}
