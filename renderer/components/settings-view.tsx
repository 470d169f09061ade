import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskSettings, Theme } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { PortSetting } from './port-setting.js';
import { ErrorNotice, Loading } from './request-state.js';

type Section = 'roots' | 'hibernation' | 'theme' | 'port';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Extra roots, hibernation and theme; the server validates and its answer is shown as is. */
export function SettingsView() {
  const { stores, actions } = useDesk();
  const settings = useStore(stores.settings, (s) => s.settings);
  const status = useStore(stores.settings, (s) => s.status);
  const error = useStore(stores.settings, (s) => s.error);
  const saveError = useStore(stores.settings, (s) => s.saveError);
  const saving = useStore(stores.settings, (s) => s.saving);
  const info = useStore(stores.desk, (s) => s.info);
  const [section, setSection] = useState<Section | null>(null);

  if (status === 'loading') return <Loading label="Loading settings…" />;
  if (status === 'failed' || !settings) {
    return <ErrorNotice title="Could not load the settings." message={error ?? ''} onRetry={() => void actions.loadSettings()} />;
  }

  const save = (which: Section, change: Partial<DeskSettings>) => {
    setSection(which);
    return actions.updateSettings(change);
  };
  const errorFor = (which: Section) =>
    saveError && section === which ? (
      <p className="field-error" role="alert">
        {saveError}
      </p>
    ) : null;

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {info?.settingsWarning && (
        <div className="notice notice-warning" role="alert" data-testid="settings-warning">
          {info.settingsWarning}
        </div>
      )}
      <RootsSection settings={settings} saving={saving} onSave={(roots) => save('roots', { roots })} error={errorFor('roots')} />
      <HibernationSection
        minutes={settings.hibernateAfterMinutes}
        saving={saving}
        onSave={(hibernateAfterMinutes) => save('hibernation', { hibernateAfterMinutes })}
        error={errorFor('hibernation')}
      />
      <fieldset className="settings-section">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={theme.value}
              checked={settings.theme === theme.value}
              onChange={() => void save('theme', { theme: theme.value })}
            />
            {theme.label}
          </label>
        ))}
        {errorFor('theme')}
      </fieldset>
      <PortSetting port={settings.port} runningPort={info?.gatewayPort} saving={saving} onSave={(port) => save('port', { port })} error={errorFor('port')} />
    </section>
  );
}

function RootsSection(props: { settings: DeskSettings; saving: boolean; onSave: (roots: string[]) => Promise<boolean>; error: ReactNode }) {
  const { stores } = useDesk();
  const info = useStore(stores.desk, (s) => s.info);
  const [draft, setDraft] = useState('');
  const fixedRoots = info?.roots.filter((root) => root.source !== 'settings') ?? [];
  const stateOf = (path: string) => info?.roots.find((root) => root.path === path);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const path = draft.trim();
    if (path === '') return;
    if (await props.onSave([...props.settings.roots, path])) setDraft('');
  };

  return (
    <section className="settings-section" aria-labelledby="roots-title">
      <h2 id="roots-title">Workspace roots</h2>
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
      {props.settings.roots.length === 0 ? (
        <p className="muted">No extra roots.</p>
      ) : (
        <ul className="root-list" aria-label="Extra roots">
          {props.settings.roots.map((path) => {
            const root = stateOf(path);
            return (
              <li key={path}>
                <code>{path}</code>
                {root && (
                  <span className="muted">
                    {' '}
                    ({root.state}
                    {root.reason ? `: ${root.reason}` : ''})
                  </span>
                )}
                <button
                  type="button"
                  className="button"
                  disabled={props.saving}
                  aria-label={`Remove root ${path}`}
                  onClick={() => void props.onSave(props.settings.roots.filter((candidate) => candidate !== path))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <label htmlFor="add-root">Add a root</label>
        <input
          id="add-root"
          className="input"
          value={draft}
          placeholder="/path/to/folder/with/workspaces"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button" disabled={props.saving || draft.trim() === ''}>
          Add root
        </button>
      </form>
      {props.error}
    </section>
  );
}

function HibernationSection(props: { minutes: number; saving: boolean; onSave: (minutes: number) => Promise<boolean>; error: ReactNode }) {
  const [draft, setDraft] = useState(String(props.minutes));
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => setDraft(String(props.minutes)), [props.minutes]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(draft);
    if (draft.trim() === '' || !Number.isInteger(minutes) || minutes < 0) {
      setInvalid('Enter a whole number of minutes, 0 or more (0 keeps agents loaded).');
      return;
    }
    setInvalid(null);
    void props.onSave(minutes);
  };

  return (
    <form className="settings-section" aria-labelledby="hibernation-title" onSubmit={submit} noValidate>
      <h2 id="hibernation-title">Hibernation</h2>
      <p className="muted">Unload an agent’s view after it has been out of sight this long. 0 = never.</p>
      <label htmlFor="hibernate-minutes">Hibernate idle agents after (minutes)</label>
      <input
        id="hibernate-minutes"
        className="input"
        type="number"
        min={0}
        step={1}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" className="button" disabled={props.saving}>
        Save
      </button>
      {invalid && (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      )}
      {props.error}
    </form>
  );
}
