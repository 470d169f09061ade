import { describe, expect, it } from 'vitest';
import { classifyPortAnswer, decidePortTaken, GATEWAY_MARKER } from '../../../main/core/shell/port-choice.js';

describe('decidePortTaken', () => {
  it('another Agent Desk: offers to open it in the browser, the next port, or quit', () => {
    const question = decidePortTaken({ port: 47800, holder: 'agent-desk', source: 'settings', nextFree: 47801 });
    expect(question.message).toBe('Agent Desk is already running on port 47800');
    expect(question.buttons.map((button) => button.action)).toEqual(['open-other-desk', 'use-next', 'quit']);
    expect(question.buttons[1]).toEqual({ label: 'Use port 47801', action: 'use-next', port: 47801 });
    expect(question.detail).toContain('agent-desk serve');
    expect(question.detail).toContain('http://desk.localhost:47800/');
  });

  it('something else: explains, offers the next free port with the storage note, saved when it came from the settings', () => {
    const question = decidePortTaken({ port: 47800, holder: 'other', source: 'settings', nextFree: 47802 });
    expect(question.message).toBe('Port 47800 is used by another program');
    expect(question.buttons.map((button) => button.action)).toEqual(['use-next', 'quit']);
    expect(question.detail).toContain('saves it in the settings');
    expect(question.detail).toContain('browser storage');
  });

  it('a --port choice is replaced for this run only', () => {
    const question = decidePortTaken({ port: 9000, holder: 'other', source: 'flag', nextFree: 9001 });
    expect(question.detail).toContain('for this run only');
    expect(question.detail).not.toContain('saves it');
  });

  it('no free port: only Quit, and says what to do', () => {
    const question = decidePortTaken({ port: 65535, holder: 'other', source: 'settings', nextFree: undefined });
    expect(question.buttons.map((button) => button.action)).toEqual(['quit']);
    expect(question.detail).toContain('No free port');
  });
});

describe('classifyPortAnswer', () => {
  it('only a 421 with the gateway marker is Agent Desk', () => {
    expect(classifyPortAnswer(421, `Misdirected request: ${GATEWAY_MARKER}; open agents from Agent Desk.\n`)).toBe('agent-desk');
    expect(classifyPortAnswer(200, GATEWAY_MARKER)).toBe('other');
    expect(classifyPortAnswer(421, 'Misdirected Request')).toBe('other');
    expect(classifyPortAnswer(undefined, '')).toBe('other');
  });
});
