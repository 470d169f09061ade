import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { DeskSettings, Theme } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { useRootChecks } from '../hooks/use-root-checks.js';
import { blocksSave, draftChanges, draftOf, draftProblems, MAX_HIBERNATE_MINUTES, type SettingsDraft } from '../logic/settings-draft.js';
import { NotificationSettingsSection } from './attention/notification-settings.js';
import { MinutesField } from './minutes-field.js';
import { PortField } from './port-setting.js';
import { RelativeTime } from './relative-time.js';
import { ErrorNotice, Loading } from './request-state.js';
import { RootsField } from './settings-roots.js';
import { LifecycleSettings } from './settings-lifecycle.js';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * One form, one Save: roots (checked live), hibernation, theme, lifecycle,
 * notifications and port are edited as a draft, saved together, and "Saved"
 * says when. The draft
 * lives in the settings store, so it survives looking at other views; the
 * app asks before a reload or close would drop it (useUnsavedWarning).
 */
export function SettingsView() {
  const { stores, actions } = useDesk();
  const settings = useStore(stores.settings, (s) => s.settings);
  const status = useStore(stores.settings, (s) => s.status);
  const error = useStore(stores.settings, (s) => s.error);

  if (status === 'loading') return <Loading label="Loading settings…" />;
  if (status === 'failed' || !settings) {
    return <ErrorNotice title="Could not load the settings." message={error ?? ''} onRetry={() => void actions.loadSettings()} />;
  }
  return <SettingsForm settings={settings} />;
}

function SettingsForm({ settings }: { settings: DeskSettings }) {
  const { stores, actions } = useDesk();
  const stored = useStore(stores.settings, (s) => s.draft);
  const saving = useStore(stores.settings, (s) => s.saving);
  const saveError = useStore(stores.settings, (s) => s.saveError);
  const savedAt = useStore(stores.settings, (s) => s.savedAt);
  const info = useStore(stores.desk, (s) => s.info);
  const [adding, setAdding] = useState('');
  const draft = stored ?? draftOf(settings);
  const changes = draftChanges(draft, settings);
  const dirty = Object.keys(changes).length > 0;
  const problems = draftProblems(draft);
  const checks = useRootChecks(draft.roots, adding);
  const rootsBlocked = draft.roots.some((root) => blocksSave(checks.list[root]));
  const canSave = dirty && !saving && !problems.hibernate && !problems.port && !problems.idleStop && !problems.runtimes && !rootsBlocked;

  const edit = (change: Partial<SettingsDraft>) => {
    const next = { ...draft, ...change };
    stores.settings.getState().settingsDraftChanged(Object.keys(draftChanges(next, settings)).length > 0 ? next : null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSave) return;
    if (await actions.updateSettings(changes)) stores.settings.getState().settingsSaved(Date.now());
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {info?.settingsWarning && (
        <div className="notice notice-warning" role="alert" data-testid="settings-warning">
          {info.settingsWarning}
        </div>
      )}
      <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="settings-title">
        <RootsField
          roots={draft.roots}
          checks={checks.list}
          pendingCheck={checks.pending}
          adding={adding}
          onAddingChange={setAdding}
          onRootsChange={(roots) => edit({ roots })}
        />
        <fieldset className="settings-section">
          <legend>Hibernation</legend>
          <MinutesField
            id="hibernate-minutes"
            label="Hibernate idle agents after (minutes)"
            value={draft.hibernate}
            problem={problems.hibernate}
            onChange={(hibernate) => edit({ hibernate })}
            hint={
              <>
                Unload an agent’s page after it has been out of sight this long: 0 = never, at most {MAX_HIBERNATE_MINUTES} (one day). An agent with an
                active run is never unloaded; an unloaded one shows as sleeping and loads again when you open it.
              </>
            }
          />
        </fieldset>
        <fieldset className="settings-section">
          <legend>Theme</legend>
          {THEMES.map((theme) => (
            <label key={theme.value} className="radio">
              <input type="radio" name="theme" value={theme.value} checked={draft.theme === theme.value} onChange={() => edit({ theme: theme.value })} />
              {theme.label}
            </label>
          ))}
        </fieldset>
        <LifecycleSettings
          roots={info?.roots ?? []}
          runtimes={draft.runtimes}
          savedRuntimes={settings.runtimes}
          startOnOpen={draft.startOnOpen}
          idleStop={draft.idleStop}
          idleStopProblem={problems.idleStop}
          runtimeProblems={problems.runtimes}
          onChange={edit}
        />
        <NotificationSettingsSection value={draft.notifications} saving={saving} onChange={(notifications) => edit({ notifications })} />
        <PortField value={draft.port} savedPort={settings.port} runningPort={info?.gatewayPort} problem={problems.port} onChange={(port) => edit({ port })} />
        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={!canSave}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => stores.settings.getState().settingsDraftChanged(null)}>
            Discard changes
          </button>
          <p className="settings-save-state" role="status" data-testid="settings-save-state">
            {dirty ? 'Unsaved changes.' : savedAt !== null ? <>Saved <RelativeTime at={savedAt} />.</> : ''}
            {rootsBlocked && ' A root above cannot be used; remove or fix it to save.'}
          </p>
        </div>
        {saveError && (
          <p className="field-error" role="alert">
            Not saved: {saveError}
          </p>
        )}
      </form>
    </section>
  );
}
