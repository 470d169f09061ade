import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/core/shell/ipc-sender.js';

describe('isTrustedSender', () => {
  const desk = { frameUrl: 'app://desk/index.html', isMainFrame: true, isMainWindow: true };

  it("trusts the desk window's top frame on app://desk", () => {
    expect(isTrustedSender(desk)).toBe(true);
    expect(isTrustedSender({ ...desk, frameUrl: 'app://desk/index.html#/agents/a-x' })).toBe(true);
  });

  it('refuses look-alike URLs, other windows, iframes and gone frames', () => {
    for (const frameUrl of ['app://desk.evil/index.html', 'app://evil/desk', 'app://desk:8080/', 'app://x@desk/', 'http://desk.localhost:47800/', 'file:///app/desk/index.html', 'about:blank', '', null, undefined]) {
      expect(isTrustedSender({ ...desk, frameUrl }), String(frameUrl)).toBe(false);
    }
    expect(isTrustedSender({ ...desk, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...desk, isMainWindow: false })).toBe(false);
  });
});
