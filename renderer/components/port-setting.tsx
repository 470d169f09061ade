import { useEffect, useState, type FormEvent, type ReactNode } from 'react';

export interface PortSettingProps {
  /** The saved port (settings). */
  port: number;
  /** The port the gateway listens on now (desk info), if known. */
  runningPort: number | undefined;
  saving: boolean;
  onSave(port: number): Promise<boolean>;
  error: ReactNode;
}

/**
 * The gateway port: used at the next start when no `--port` is given. Agents
 * keep their browser storage per port, so the form says so.
 */
export function PortSetting(props: PortSettingProps) {
  const [draft, setDraft] = useState(String(props.port));
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => setDraft(String(props.port)), [props.port]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const port = Number(draft);
    if (!/^\d+$/.test(draft.trim()) || port < 1024 || port > 65535) {
      setInvalid('Enter a port from 1024 to 65535.');
      return;
    }
    setInvalid(null);
    void props.onSave(port);
  };
  const pending = props.runningPort !== undefined && props.runningPort !== props.port;

  return (
    <form className="settings-section" aria-labelledby="port-title" onSubmit={submit} noValidate>
      <h2 id="port-title">Port</h2>
      <p className="muted">
        Agent Desk serves agents on 127.0.0.1 at this port (default 47800). A change applies at the next start; agents keep their
        browser storage (logins, drafts) per port.
      </p>
      <label htmlFor="gateway-port">Gateway port</label>
      <input id="gateway-port" className="input" type="number" min={1024} max={65535} step={1} value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit" className="button" disabled={props.saving}>
        Save port
      </button>
      {pending && (
        <p className="muted" data-testid="port-pending">
          Running on {props.runningPort} now; {props.port} is used from the next start.
        </p>
      )}
      {invalid && (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      )}
      {props.error}
    </form>
  );
}
