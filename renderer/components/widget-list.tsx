import { useState } from 'react';
import type { AgentRecord, WidgetRecord } from '../../preload/contract.js';
import { errorMessage } from '../api/desk-api-error.js';
import { useDesk } from '../api/desk-context.js';

const STATE_LABEL: Record<WidgetRecord['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  error: 'Error',
};

/**
 * The agent's widgets. "Open" asks the desk for a widget enter URL and opens
 * it as its own top-level page (noopener), never inside the agent's frame.
 */
export function WidgetList({ agent }: { agent: AgentRecord }) {
  if (agent.widgets.length === 0) return <p className="muted">No widgets.</p>;
  return (
    <ul className="widget-list" aria-label={`Widgets of ${agent.name}`}>
      {agent.widgets.map((widget) => (
        <WidgetItem key={widget.mount} agent={agent} widget={widget} />
      ))}
    </ul>
  );
}

function WidgetItem({ agent, widget }: { agent: AgentRecord; widget: WidgetRecord }) {
  const { actions } = useDesk();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setPending(true);
    setError(null);
    try {
      await actions.openWidget(agent.id, widget.mount);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };
  return (
    <li className="widget-item" data-testid={`widget-${agent.id}-${widget.mount}`}>
      <span className="widget-title">{widget.title}</span>
      <span className={`widget-state widget-${widget.state}`}>{STATE_LABEL[widget.state]}</span>
      {widget.description && <span className="muted widget-description">{widget.description}</span>}
      {widget.error && <span className="widget-error">{widget.error}</span>}
      <button
        type="button"
        className="button"
        onClick={() => void open()}
        disabled={pending || agent.state !== 'ready'}
        aria-label={`Open widget ${widget.title}`}
      >
        {pending ? 'Opening…' : 'Open'}
      </button>
      {error && (
        <span className="widget-error" role="alert">
          Could not open {widget.title}: {error}
        </span>
      )}
    </li>
  );
}
