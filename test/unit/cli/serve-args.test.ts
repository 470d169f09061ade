import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parsePort, parseServeArgs } from '../../../main/cli/serve-args.js';
import { describeAgent, describeRoots, directoryKey } from '../../../main/cli/directory-report.js';
import type { AgentRecord } from '../../../preload/contract.js';

describe('parseServeArgs', () => {
  it('has defaults', () => {
    expect(parseServeArgs([])).toEqual({ port: undefined, roots: [], json: false, open: false, help: false });
    expect(DEFAULT_PORT).toBe(47800);
  });

  it('takes repeated --root, --port, --json, --open and -h', () => {
    expect(parseServeArgs(['--root', '/a', '--root=/b', '--port', '5000', '--json', '--open', '-h'])).toEqual({
      port: 5000, roots: ['/a', '/b'], json: true, open: true, help: true,
    });
  });

  it.each(['0', '65536', '80abc', '', '-1', '1e3', ' 80'])('refuses --port %j with a clear message', (value) => {
    expect(() => parsePort(value)).toThrow(/--port must be a number from 1 to 65535/);
  });

  it('refuses unknown flags and positionals', () => {
    expect(() => parseServeArgs(['--bogus'])).toThrow(/Unknown option '--bogus'/);
    expect(() => parseServeArgs(['extra'])).toThrow(/Unexpected argument 'extra'/);
    expect(() => parseServeArgs(['--root'])).toThrow(/--root/);
  });
});

describe('directory report', () => {
  const base: AgentRecord = {
    id: 'a-x-abcdef', name: 'x', root: '/r', label: 'a-x-abcdef', state: 'ready',
    health: { status: 'online', latencyMs: 1, version: '1', capabilities: [], checkedAt: 1 },
    widgets: [], sessions: { count: 0, activeRuns: 0 }, attention: { needsYou: 0, finished: 0 }, runtime: { kind: 'none', container: 'unknown' },
  };

  it('says where it looked and the state of each root', () => {
    expect(describeRoots([
      { path: '/home/u/.config/term-llm/containers', source: 'default', state: 'missing' },
      { path: '/srv/a', source: 'flag', state: 'not-a-directory', reason: 'it is a file' },
    ])).toEqual([
      '  /home/u/.config/term-llm/containers (default) — does not exist yet (watching for it)',
      '  /srv/a (--root) — not-a-directory: it is a file',
    ]);
  });

  it('names each agent with its state and reason', () => {
    const origin = (label: string) => `http://${label}.localhost:1`;
    expect(describeAgent(base, origin)).toBe('  x  online  http://a-x-abcdef.localhost:1');
    expect(describeAgent({ ...base, state: 'invalid', reason: 'WEB_PORT "0" is not a port' }, origin)).toBe('  x  invalid — WEB_PORT "0" is not a port');
  });

  it('--json reports a directory again when something but the probe time or latency moved', () => {
    const probedAgain = { ...base, health: { ...base.health, latencyMs: 9, checkedAt: 2 } };
    expect(directoryKey([probedAgain])).toBe(directoryKey([base]));
    expect(directoryKey([{ ...base, health: { ...base.health, status: 'offline' } }])).not.toBe(directoryKey([base]));
    expect(directoryKey([{ ...base, sessions: { count: 1, activeRuns: 1 } }])).not.toBe(directoryKey([base]));
    expect(directoryKey([base, probedAgain])).not.toBe(directoryKey([base]));
  });
});
