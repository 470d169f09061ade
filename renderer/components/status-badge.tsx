import { describeStatus, type DescribedAgent } from '../logic/agent-status.js';

/** A coloured dot plus the status word; the colour is never the only signal. */
export function StatusBadge({ agent }: { agent: DescribedAgent }) {
  const status = describeStatus(agent);
  return (
    <span className={`status-badge status-${status.kind}`} data-status={status.kind}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{status.label}</span>
    </span>
  );
}

export function ActiveRunIndicator({ activeRuns }: { activeRuns: number }) {
  if (activeRuns <= 0) return null;
  const label = activeRuns === 1 ? '1 active run' : `${activeRuns} active runs`;
  return (
    <span className="run-indicator" role="img" aria-label={label} title={label} data-testid="active-run-indicator">
      <span aria-hidden="true">{activeRuns}</span>
    </span>
  );
}
