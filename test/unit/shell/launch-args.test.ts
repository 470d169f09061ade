import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../../preload/contract.js';
import { DEFAULT_PORT } from '../../../main/cli/serve-args.js';
import { DEFAULT_GATEWAY_PORT, decideSecondLaunch, findAgentToOpen, LaunchArgsError, ownArgv, parseLaunchArgs, secondLaunchData } from '../../../main/core/shell/launch-args.js';

describe('parseLaunchArgs', () => {
  it('reads --hidden, --open, --port and repeated --root in both spellings', () => {
    expect(parseLaunchArgs(['--hidden', '--open', 'alpha', '--port', '48000', '--root', '/a', '--root=/b c'])).toEqual({
      hidden: true,
      open: 'alpha',
      port: 48000,
      roots: ['/a', '/b c'],
      ignored: [],
    });
    expect(parseLaunchArgs(['--open=my agent', '--port=1'])).toMatchObject({ hidden: false, open: 'my agent', port: 1, roots: [] });
  });

  it("ignores Chromium switches and the app path instead of refusing them", () => {
    const args = parseLaunchArgs(['--inspect=0', '--remote-debugging-port=0', '/repo', '--no-sandbox', '--hidden']);
    expect(args.hidden).toBe(true);
    expect(args.ignored).toEqual(['--inspect=0', '--remote-debugging-port=0', '/repo', '--no-sandbox']);
  });

  it('gives a clear error for a missing or bad value', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port'], /--port needs a value/],
      [['--port', 'abc'], /--port must be a number from 1 to 65535, got "abc"/],
      [['--port=0'], /from 1 to 65535/],
      [['--port', '65536'], /from 1 to 65535/],
      [['--port', '-1'], /--port needs a value|from 1 to 65535/],
      [['--open'], /--open needs a value/],
      [['--open', '--hidden'], /--open needs a value/],
      [['--open='], /--open needs a value/],
      [['--root', '  '], /--root needs a value/],
      [['--hidden=yes'], /--hidden takes no value/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseLaunchArgs(argv), argv.join(' ')).toThrow(LaunchArgsError);
      expect(() => parseLaunchArgs(argv), argv.join(' ')).toThrow(message);
    }
  });
});

describe('DEFAULT_GATEWAY_PORT', () => {
  it('is the port `agent-desk serve` uses, so both modes share origins and their storage', () => {
    expect(DEFAULT_GATEWAY_PORT).toBe(DEFAULT_PORT);
  });
});

describe('ownArgv', () => {
  it('drops the executable, and the app path when unpackaged', () => {
    expect(ownArgv(['/usr/bin/electron', '.', '--hidden'], true)).toEqual(['--hidden']);
    expect(ownArgv(['/opt/Agent Desk/agent-desk', '--hidden'], false)).toEqual(['--hidden']);
  });
});

describe('decideSecondLaunch', () => {
  it('focuses the window and opens the agent a second launch asked for', () => {
    expect(decideSecondLaunch(secondLaunchData(['--open', 'alpha']), [])).toEqual({ show: true, open: 'alpha', notes: [] });
    expect(decideSecondLaunch(secondLaunchData([]), [])).toEqual({ show: true, notes: [] });
  });

  it('stays in the tray for a second --hidden launch (a login autostart)', () => {
    expect(decideSecondLaunch(secondLaunchData(['--hidden']), [])).toEqual({ show: false, notes: [] });
  });

  it('notes flags a running instance cannot apply, and bad input, without failing', () => {
    const action = decideSecondLaunch(secondLaunchData(['--port', '1234', '--root', '/x']), []);
    expect(action.show).toBe(true);
    expect(action.notes.join('\n')).toMatch(/--port is ignored/);
    expect(action.notes.join('\n')).toMatch(/--root is ignored/);
    expect(decideSecondLaunch(secondLaunchData(['--port', 'x']), [])).toEqual({ show: true, notes: ['second launch: --port must be a number from 1 to 65535, got "x"'] });
  });

  it('falls back to the (reordered) argv when the additional data is not ours', () => {
    expect(decideSecondLaunch(undefined, ['/usr/bin/agent-desk', '--open=beta'])).toMatchObject({ show: true, open: 'beta' });
    expect(decideSecondLaunch({ kind: 'agent-desk-launch', argv: [1, 2] }, ['--hidden'])).toMatchObject({ show: false });
    expect(decideSecondLaunch('garbage', [])).toEqual({ show: true, notes: [] });
  });
});

function agent(id: string, name: string): AgentRecord {
  return {
    id,
    name,
    root: '/r',
    runtime: { kind: 'none', container: 'unknown' },
    label: id,
    state: 'ready',
    health: { status: 'online', latencyMs: 1, version: null, capabilities: [], checkedAt: null },
    widgets: [],
    sessions: { count: 0, activeRuns: 0 },
    attention: { needsYou: 0, finished: 0 },
  };
}

describe('findAgentToOpen', () => {
  const agents = [agent('a-alpha-aaaaaa', 'alpha'), agent('a-beta-bbbbbb', 'Beta'), agent('a-dup-cccccc', 'dup'), agent('a-dup-dddddd', 'dup')];
  it('matches by id, exact name, then case-insensitive name', () => {
    expect(findAgentToOpen('a-beta-bbbbbb', agents)).toEqual({ ok: true, id: 'a-beta-bbbbbb' });
    expect(findAgentToOpen('alpha', agents)).toEqual({ ok: true, id: 'a-alpha-aaaaaa' });
    expect(findAgentToOpen('beta', agents)).toEqual({ ok: true, id: 'a-beta-bbbbbb' });
  });
  it('explains unknown and ambiguous names', () => {
    expect(findAgentToOpen('gamma', agents)).toEqual({ ok: false, reason: 'no agent named "gamma"' });
    const ambiguous = findAgentToOpen('dup', agents);
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok) expect(ambiguous.reason).toContain('a-dup-cccccc, a-dup-dddddd');
  });
});
