import { describe, expect, it } from 'vitest';
import { decideUnload, LEAVE_BUTTON, unloadPrompt } from '../../../main/core/shell/unload-prompt.js';

describe('unsaved settings when the desk page would unload', () => {
  it('asks in words that fit a quit or a reload; staying is the default and what Escape does', () => {
    const quit = unloadPrompt(true);
    expect(quit.message).toBe('Quit Agent Desk and discard your unsaved settings?');
    expect(quit.buttons[LEAVE_BUTTON]).toBe('Discard and quit');
    expect(quit.buttons[quit.defaultId]).toBe('Keep editing');
    expect(quit.cancelId).toBe(quit.defaultId);
    expect(unloadPrompt(false).buttons[LEAVE_BUTTON]).toBe('Discard and reload');
  });

  it('leaves only when the user chose to discard; a session end leaves without asking', () => {
    let asked = 0;
    const answer = (button: number) => () => (asked++, button);
    expect(decideUnload({ sessionEnding: false, answer: answer(LEAVE_BUTTON) })).toBe('leave');
    expect(decideUnload({ sessionEnding: false, answer: answer(1) })).toBe('stay');
    expect(decideUnload({ sessionEnding: false, answer: answer(-1) })).toBe('stay');
    expect(asked).toBe(3);
    expect(decideUnload({ sessionEnding: true, answer: answer(1) })).toBe('leave');
    expect(asked).toBe(3);
  });
});
