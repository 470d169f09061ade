import type { RootRuntimeSetting, RootStatus, RuntimeKind } from '../../preload/contract.js';
import { MAX_HIBERNATE_MINUTES } from '../logic/settings-draft.js';

const KIND_LABEL: Record<RuntimeKind, string> = {
  'term-llm': 'term-llm (term-llm contain start|stop|restart)',
  compose: 'Docker Compose (docker compose … up -d|stop|restart)',
  custom: 'Custom commands (from settings.json)',
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
  onChange(change: { runtimes?: Record<string, RootRuntimeSetting>; startOnOpen?: boolean; idleStop?: string }): void;
}

function rootKey(path: string): string {
  return `runtime-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/**
 * Who starts and stops each root's agents, and the command it runs as the
 * desk resolved it (with `<name>` for the workspace); then "start agents
 * when opened" and idle stop. Custom argv templates are edited in
 * settings.json: a form could only turn them into a shell-like string.
 */
export function LifecycleSettings(props: LifecycleSettingsProps) {
  const choose = (root: string, value: string) => {
    const runtimes = { ...props.runtimes };
    if (value === 'default') delete runtimes[root];
    else if (value !== 'custom') runtimes[root] = { kind: value as RuntimeKind };
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
                {(['term-llm', 'compose', 'none'] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABEL[kind]}
                  </option>
                ))}
                {stored?.kind === 'custom' && <option value="custom">{KIND_LABEL.custom}</option>}
              </select>
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
      <label htmlFor="idle-stop-minutes">Stop agents idle for (minutes)</label>
      <input
        id="idle-stop-minutes"
        className="input"
        type="number"
        min={0}
        max={MAX_HIBERNATE_MINUTES}
        step={1}
        value={props.idleStop}
        aria-describedby="idle-stop-hint"
        aria-invalid={props.idleStopProblem !== undefined}
        onChange={(event) => props.onChange({ idleStop: event.target.value })}
      />
      <p className="muted" id="idle-stop-hint">
        0 = never. An agent is stopped after this long without a request through Agent Desk and without an active run.
      </p>
      {props.idleStopProblem && (
        <p className="field-error" role="alert">
          {props.idleStopProblem}
        </p>
      )}
    </fieldset>
  );
}
