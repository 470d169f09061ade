import { useState } from 'react';
import { useStore } from 'zustand';
import type { AttentionKind, NotificationSettings } from '../../../preload/contract.js';
import { useDesk } from '../../api/desk-context.js';
import { KIND_LABELS } from '../../logic/attention-view.js';
import { webNotificationsAvailable } from '../../hooks/use-web-notifications.js';

const KINDS: AttentionKind[] = ['approval', 'question', 'finished', 'failed'];

/** Browser mode only: the page's own permission, asked from this click and nowhere else. */
function BrowserPermission() {
  const [permission, setPermission] = useState(() => (webNotificationsAvailable() ? Notification.permission : 'unsupported'));
  if (permission === 'unsupported') return <p className="hint">This browser cannot show notifications.</p>;
  if (permission === 'granted') return <p className="hint" data-testid="notification-permission">This browser shows the desk's notifications.</p>;
  if (permission === 'denied') return <p className="hint">This browser blocks the desk's notifications; allow them in its site settings.</p>;
  return (
    <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Allow notifications in this browser
    </button>
  );
}

/** Settings → Notifications: per kind, per agent, do-not-disturb, sound; part of the Settings form's draft (saved with Save). */
export function NotificationSettingsSection({ value, saving, onChange }: { value: NotificationSettings; saving: boolean; onChange: (next: NotificationSettings) => void }) {
  const { stores } = useDesk();
  const agents = useStore(stores.agents, (s) => s.agents);
  const mode = useStore(stores.desk, (s) => s.info?.mode);
  const muted = new Set(value.mutedAgents);
  const toggleMute = (id: string) => onChange({ ...value, mutedAgents: muted.has(id) ? value.mutedAgents.filter((m) => m !== id) : [...value.mutedAgents, id] });
  return (
    <fieldset className="settings-section" disabled={saving} data-testid="notification-settings">
      <legend>Notifications</legend>
      {mode === 'browser' && <BrowserPermission />}
      <label className="checkbox">
        <input type="checkbox" checked={value.doNotDisturb} onChange={(event) => onChange({ ...value, doNotDisturb: event.target.checked })} />
        Do not disturb (items still show in the inbox)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.sound} onChange={(event) => onChange({ ...value, sound: event.target.checked })} />
        Sound
      </label>
      <fieldset className="settings-subsection">
        <legend>Notify about</legend>
        {KINDS.map((kind) => (
          <label key={kind} className="checkbox">
            <input type="checkbox" checked={value.kinds[kind]} onChange={(event) => onChange({ ...value, kinds: { ...value.kinds, [kind]: event.target.checked } })} />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      {agents.length > 0 && (
        <fieldset className="settings-subsection">
          <legend>Mute agents</legend>
          {agents.map((agent) => (
            <label key={agent.id} className="checkbox">
              <input type="checkbox" checked={muted.has(agent.id)} onChange={() => toggleMute(agent.id)} />
              {agent.name}
            </label>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}
