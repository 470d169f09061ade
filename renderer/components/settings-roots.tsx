import { useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { RootCheck } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { blocksSave } from '../logic/settings-draft.js';

const CHECK_CLASS: Record<RootCheck['state'], string> = {
  ok: 'root-check-ok',
  missing: 'root-check-warn',
  unreadable: 'root-check-warn',
  'not-a-directory': 'root-check-bad',
  duplicate: 'root-check-bad',
  invalid: 'root-check-bad',
};

function CheckText({ check, id }: { check: RootCheck | null | undefined; id?: string }) {
  if (!check) return null;
  return (
    <span id={id} className={`root-check ${CHECK_CLASS[check.state]}`} data-state={check.state} role={blocksSave(check) ? 'alert' : undefined}>
      {check.message}
    </span>
  );
}

export interface RootsFieldProps {
  roots: string[];
  checks: Record<string, RootCheck>;
  pendingCheck: RootCheck | null;
  adding: string;
  onAddingChange(value: string): void;
  onRootsChange(roots: string[]): void;
}

/** The extra roots as the form has them, each with its live status, and a field to add one. */
export function RootsField(props: RootsFieldProps) {
  const { stores } = useDesk();
  const info = useStore(stores.desk, (s) => s.info);
  const [tried, setTried] = useState(false);
  const fixedRoots = info?.roots.filter((root) => root.source !== 'settings') ?? [];
  const typed = props.adding.trim();
  const addBlocked = typed === '' || blocksSave(props.pendingCheck ?? undefined) || props.roots.includes(typed);

  const add = () => {
    setTried(true);
    if (addBlocked) return;
    props.onRootsChange([...props.roots, typed]);
    props.onAddingChange('');
    setTried(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter adds the root; it does not save the whole form
    add();
  };

  return (
    <fieldset className="settings-section">
      <legend>Workspace roots</legend>
      <p className="muted">Each direct subfolder holding a .env file is an agent workspace.</p>
      {fixedRoots.length > 0 && (
        <ul className="root-list" aria-label="Built-in roots">
          {fixedRoots.map((root) => (
            <li key={root.path}>
              <code>{root.path}</code> <span className="muted">({root.source === 'flag' ? '--root' : 'default'}, {root.state})</span>
            </li>
          ))}
        </ul>
      )}
      {props.roots.length === 0 ? (
        <p className="muted">No extra roots.</p>
      ) : (
        <ul className="root-list" aria-label="Extra roots">
          {props.roots.map((path) => (
            <li key={path}>
              <code>{path}</code>{' '}
              <button
                type="button"
                className="button"
                aria-label={`Remove root ${path}`}
                onClick={() => props.onRootsChange(props.roots.filter((candidate) => candidate !== path))}
              >
                Remove
              </button>{' '}
              <CheckText check={props.checks[path]} />
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <label htmlFor="add-root">Add a root</label>
        <input
          id="add-root"
          className="input"
          value={props.adding}
          placeholder="/path/to/folder/with/workspaces or ~/agents"
          aria-describedby="add-root-check"
          onChange={(event) => props.onAddingChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button" disabled={typed === ''} onClick={add}>
          Add root
        </button>
      </div>
      <p className="root-check-line" aria-live="polite">
        {typed !== '' && <CheckText id="add-root-check" check={props.pendingCheck} />}
        {tried && typed !== '' && props.roots.includes(typed) && <span className="root-check root-check-bad">{typed} is already in the list.</span>}
      </p>
    </fieldset>
  );
}
