export interface PortFieldProps {
  /** The port as typed. */
  value: string;
  /** The saved port (settings). */
  savedPort: number;
  /** The port the gateway listens on now (desk info), if known. */
  runningPort: number | undefined;
  problem: string | undefined;
  onChange(value: string): void;
}

/**
 * The gateway port: used at the next start when no `--port` is given. Agents
 * keep their browser storage per port, so the form says so.
 */
export function PortField(props: PortFieldProps) {
  const pending = props.runningPort !== undefined && props.runningPort !== props.savedPort;
  return (
    <fieldset className="settings-section">
      <legend>Port</legend>
      <p className="muted" id="port-hint">
        Agent Desk serves agents on 127.0.0.1 at this port (default 47800, from 1024 to 65535). A change applies at the next start; agents
        keep their browser storage (logins, drafts) per port.
      </p>
      <label htmlFor="gateway-port">Gateway port</label>
      <input
        id="gateway-port"
        className="input"
        type="number"
        min={1024}
        max={65535}
        step={1}
        value={props.value}
        aria-describedby="port-hint"
        aria-invalid={props.problem !== undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {pending && (
        <p className="muted" data-testid="port-pending">
          Running on {props.runningPort} now; {props.savedPort} is used from the next start.
        </p>
      )}
      {props.problem && (
        <p className="field-error" role="alert">
          {props.problem}
        </p>
      )}
    </fieldset>
  );
}
