import type { RootRuntimeSetting, RootStatus, RuntimeKind } from '../../preload/contract.js';
import { MinutesField } from './minutes-field.js';

const KIND_LABEL: Record<RuntimeKind, string> = {
  'term-llm': 'term-llm (term-llm contain start|stop|restart)',
  compose: 'Docker Compose (docker compose … up -d|stop|restart)',
  custom: 'Custom commands',
  none: 'None (no Start/Stop buttons)',
};

export interface LifecycleSettingsProps {
  /** Every root the desk watches, with its resolved runtime and commands (desk:info). */
  roots: RootStatus[];
  runtimes: Record<string, RootRuntimeSetting>;
  /** What is saved now (the resolved commands above belong to it). */
  savedRuntimes: Record<string, RootRuntimeSetting>;
  startOnOpen: boolean;
  idleStop: string;
  idleStopProblem: string | undefined;
  /** Per root: what its custom commands still need. */
  runtimeProblems: Record<string, string> | undefined;
  onChange(change: { runtimes?: Record<string, RootRuntimeSetting>; startOnOpen?: boolean; idleStop?: string }): void;
}

function rootKey(path: string): string {
  return `runtime-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/**
 * Who starts and stops each root's agents, and the command it runs as the
 * desk resolved it (with `<name>` for the workspace); then "start agents
 * when opened" and idle stop. Custom commands are edited one argument per
 * line: an argv, never a string a shell would split.
 */
export function LifecycleSettings(props: LifecycleSettingsProps) {
  const choose = (root: string, value: string) => {
    const runtimes = { ...props.runtimes };
    if (value === 'default') delete runtimes[root];
    else if (value === 'custom') runtimes[root] = { kind: 'custom', custom: props.runtimes[root]?.custom ?? { start: [], stop: [], restart: [] } };
    else runtimes[root] = { kind: value as RuntimeKind };
    props.onChange({ runtimes });
  };
  return (
    <fieldset className="settings-section">
      <legend>Starting and stopping agents</legend>
      <p className="muted">
        Each root has a runtime: the commands Start, Stop and Restart run for its agents, exactly as you would type them (never through a shell, and
        never with a token on the command line).
      </p>
      <ul className="root-list settings-runtime" aria-label="Runtime per root">
        {props.roots.map((root) => {
          const id = rootKey(root.path);
          const stored = props.runtimes[root.path];
          const resolved = root.runtime;
          return (
            <li key={root.path}>
              <label htmlFor={id}>
                <code>{root.path}</code>
              </label>{' '}
              <select id={id} className="input" value={stored?.kind ?? 'default'} aria-describedby={`${id}-command`} onChange={(event) => choose(root.path, event.target.value)}>
                <option value="default">Default{resolved?.source === 'default' ? ` (${resolved.kind})` : ''}</option>
                {(['term-llm', 'compose', 'custom', 'none'] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABEL[kind]}
                  </option>
                ))}
              </select>
              {stored?.kind === 'custom' && (
                <CustomCommandsFields
                  id={id}
                  custom={stored.custom ?? { start: [], stop: [], restart: [] }}
                  problem={props.runtimeProblems?.[root.path]}
                  onChange={(custom) => props.onChange({ runtimes: { ...props.runtimes, [root.path]: { kind: 'custom', custom } } })}
                />
              )}
              <p id={`${id}-command`} className="muted" data-testid={`${id}-command`}>
                {resolved?.commands.start ? (
                  <>
                    Start runs <code>{resolved.commands.start}</code>
                  </>
                ) : (
                  'No start command.'
                )}
                {resolved?.problem && <span className="field-error"> {resolved.problem}</span>}
                {JSON.stringify(stored) !== JSON.stringify(props.savedRuntimes[root.path]) && ' (the command of your new choice shows once saved)'}
              </p>
              {resolved?.commands.start && (
                <details>
                  <summary>Every command of this root</summary>
                  <dl className="facts">
                    {(['start', 'stop', 'restart', 'logs'] as const).map((verb) => (
                      <div key={verb} className="fact">
                        <dt>{verb === 'logs' ? 'Logs' : verb[0]!.toUpperCase() + verb.slice(1)}</dt>
                        <dd>{resolved.commands[verb] ? <code>{resolved.commands[verb]}</code> : 'none'}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      <label className="radio">
        <input type="checkbox" checked={props.startOnOpen} onChange={(event) => props.onChange({ startOnOpen: event.target.checked })} /> Start agents when
        opened (an offline agent whose root has a start command starts when you open it)
      </label>
      <MinutesField
        id="idle-stop-minutes"
        label="Stop agents idle for (minutes)"
        value={props.idleStop}
        problem={props.idleStopProblem}
        onChange={(idleStop) => props.onChange({ idleStop })}
        hint="0 = never. An agent is stopped after this long without a request through Agent Desk and without an active run."
      />
    </fieldset>
  );
}

type Custom = NonNullable<RootRuntimeSetting['custom']>;

/** One textarea per verb, one argument per line; `{name}` and `{dir}` are filled in per agent. */
function CustomCommandsFields({ id, custom, problem, onChange }: { id: string; custom: Custom; problem: string | undefined; onChange(custom: Custom): void }) {
  const field = (verb: keyof Custom, label: string) => (
    <div className="custom-command">
      <label htmlFor={`${id}-${verb}`}>{label}</label>
      <textarea
        id={`${id}-${verb}`}
        className="input"
        rows={3}
        spellCheck={false}
        aria-describedby={`${id}-custom-hint`}
        value={(custom[verb] ?? []).join('\n')}
        onChange={(event) => onChange({ ...custom, [verb]: event.target.value.split('\n') })}
      />
    </div>
  );
  return (
    <div className="custom-commands">
      <p id={`${id}-custom-hint`} className="muted">
        One argument per line, the program first (no shell: quotes and spaces are kept as typed; empty lines are skipped). <code>{'{name}'}</code> is the workspace name,{' '}
        <code>{'{dir}'}</code> its folder.
      </p>
      {field('start', 'Start command')}
      {field('stop', 'Stop command')}
      {field('restart', 'Restart command')}
      {field('logs', 'Logs command (optional, followed while a log view is open)')}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
