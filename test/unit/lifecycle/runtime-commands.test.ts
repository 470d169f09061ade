import { describe, expect, it } from 'vitest';
import {
  defaultRuntimeKind,
  describeCommand,
  isTermLlmContainersFolder,
  resolveCommand,
  rootRuntimeInfo,
  safeProjectName,
} from '../../../main/core/lifecycle/index.js';

const ws = { name: 'My Agent', dir: '/home/u/.config/term-llm/containers/My Agent', root: '/home/u/.config/term-llm/containers' };

describe('safeProjectName (term-llm rule)', () => {
  it.each([
    ['alpha', 'term-llm-contain-alpha'],
    ['My Agent', 'term-llm-contain-my-agent'],
    ['a..b__c', 'term-llm-contain-a-b__c'],
    ['--Weird!!name--', 'term-llm-contain-weird-name'],
    ['...', 'term-llm-contain-workspace'],
    ['x.Y-9', 'term-llm-contain-x-y-9'],
  ])('%s → %s', (name, project) => expect(safeProjectName(name)).toBe(project));
});

describe('runtime defaults', () => {
  it('a term-llm containers folder defaults to term-llm; any other root to none', () => {
    expect(isTermLlmContainersFolder('/x/term-llm/containers')).toBe(true);
    expect(defaultRuntimeKind('/x/term-llm/containers')).toBe('term-llm');
    expect(defaultRuntimeKind('/home/u/agents')).toBe('none');
    expect(defaultRuntimeKind('/x/other/containers')).toBe('none');
  });
});

describe('resolveCommand', () => {
  it('term-llm: `term-llm contain <verb> <name>` with XDG_CONFIG_HOME pointing at the root', () => {
    const result = resolveCommand({ kind: 'term-llm' }, 'restart', ws);
    expect(result).toEqual({ ok: true, spec: { argv: ['term-llm', 'contain', 'restart', 'My Agent'], env: { XDG_CONFIG_HOME: '/home/u/.config' } } });
  });

  it('term-llm logs come from the same compose project (term-llm has no logs verb)', () => {
    const result = resolveCommand({ kind: 'term-llm' }, 'logs', ws);
    expect(result.ok && result.spec.argv).toEqual([
      'docker', 'compose', '-f', `${ws.dir}/compose.yaml`, '--project-directory', ws.dir, '-p', 'term-llm-contain-my-agent', 'logs', '--follow', '--tail', '200',
    ]);
  });

  it('a resumed log follower asks for what came after the last one ended, not the last 200 lines again', () => {
    const since = Date.UTC(2026, 11, 6, 10, 0, 0, 250);
    const result = resolveCommand({ kind: 'compose' }, 'logs', ws, since);
    expect(result.ok && result.spec.argv.slice(-4)).toEqual(['logs', '--follow', '--since', '2026-12-06T10:00:00.250Z']);
  });

  it('compose: the project term-llm uses, up -d / stop / restart', () => {
    for (const [verb, tail] of [['start', ['up', '-d']], ['stop', ['stop']], ['restart', ['restart']]] as const) {
      const result = resolveCommand({ kind: 'compose' }, verb, ws);
      expect(result.ok && result.spec).toEqual({
        argv: ['docker', 'compose', '-f', `${ws.dir}/compose.yaml`, '--project-directory', ws.dir, '-p', 'term-llm-contain-my-agent', ...tail],
        env: {},
      });
    }
  });

  it('custom: templates get {name} and {dir}, each argument stays one argument', () => {
    const custom = { start: ['my-tool', 'up', '--name={name}', '{dir}/x; rm -rf /'], stop: ['my-tool', 'down'], restart: ['my-tool', 'bounce'] };
    const result = resolveCommand({ kind: 'custom', custom }, 'start', ws);
    expect(result.ok && result.spec.argv).toEqual(['my-tool', 'up', '--name=My Agent', `${ws.dir}/x; rm -rf /`]);
    expect(resolveCommand({ kind: 'custom', custom }, 'logs', ws)).toEqual({ ok: false, problem: 'no custom "logs" command is set for this root' });
  });

  it('none has no commands; term-llm outside a containers folder says to choose compose', () => {
    expect(resolveCommand({ kind: 'none' }, 'start', ws).ok).toBe(false);
    const outside = resolveCommand({ kind: 'term-llm' }, 'start', { ...ws, root: '/srv/agents', dir: '/srv/agents/x' });
    expect(outside.ok === false && outside.problem).toMatch(/choose "compose" for \/srv\/agents/);
  });

  it('describeCommand quotes what a shell would need quoted (display only)', () => {
    expect(describeCommand({ argv: ['term-llm', 'contain', 'start', 'My Agent'], env: { XDG_CONFIG_HOME: '/h/.config' } })).toBe(
      "XDG_CONFIG_HOME=/h/.config term-llm contain start 'My Agent'",
    );
  });
});

describe('rootRuntimeInfo (what Settings shows)', () => {
  it('shows the compose project as term-llm-contain-<safe-name>, not the sanitised placeholder', () => {
    const info = rootRuntimeInfo('/home/u/agents', { kind: 'compose' });
    expect(info.commands.start).toBe(
      'docker compose -f /home/u/agents/<name>/compose.yaml --project-directory /home/u/agents/<name> -p term-llm-contain-<safe-name> up -d',
    );
    expect(info.commands.logs).toContain(' -p term-llm-contain-<safe-name> logs --follow');
    for (const command of Object.values(info.commands)) expect(command).not.toContain('term-llm-contain-name');
  });

  it('a term-llm root shows term-llm’s own command with <name>, and its logs with the sanitised project', () => {
    const info = rootRuntimeInfo('/home/u/.config/term-llm/containers', undefined);
    expect(info.commands.start).toBe('XDG_CONFIG_HOME=/home/u/.config term-llm contain start <name>');
    expect(info.commands.logs).toContain(' -p term-llm-contain-<safe-name> logs');
  });
});
