import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { describeStatus } from '../logic/agent-status.js';
import { ActiveRunIndicator, StatusBadge } from './status-badge.js';
import { WidgetList } from './widget-list.js';

function formatCheckedAt(checkedAt: number | null): string {
  return checkedAt === null ? 'never' : new Date(checkedAt).toLocaleTimeString();
}

/** Health keeps the last latency seen online while an agent is down; say so rather than show it as current. */
function formatLatency(latencyMs: number | null, online: boolean): string {
  if (latencyMs === null) return '—';
  return online ? `${Math.round(latencyMs)} ms` : `${Math.round(latencyMs)} ms (last seen online)`;
}

/** One agent in the directory: status with reason and remedy, health facts, widgets. */
export function AgentCard({ agent }: { agent: AgentRecord }) {
  const { actions } = useDesk();
  const status = describeStatus(agent);
  const headingId = `agent-card-title-${agent.id}`;
  const { sessions } = agent;
  return (
    <article className={`agent-card card-${status.kind}`} aria-labelledby={headingId} data-testid={`agent-card-${agent.id}`}>
      <header className="agent-card-header">
        <h2 id={headingId} className="agent-card-title">
          {agent.name}
        </h2>
        <StatusBadge agent={agent} />
        <ActiveRunIndicator activeRuns={sessions.activeRuns} />
      </header>
      {status.kind !== 'online' && (
        <div className="agent-card-status" data-testid="status-explanation">
          <p className="status-reason">{status.reason}</p>
          {status.action && <p className="status-action">{status.action}</p>}
        </div>
      )}
      {agent.state === 'ready' && <HealthFacts agent={agent} />}
      <p className="muted agent-card-root" title={agent.root}>
        in {agent.root}
      </p>
      {agent.widgets.length > 0 && (
        <details className="agent-card-widgets">
          <summary>Widgets ({agent.widgets.length})</summary>
          <WidgetList agent={agent} />
        </details>
      )}
      <div className="agent-card-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => actions.selectAgent(agent.id)}
          disabled={agent.state !== 'ready'}
          aria-label={`Open ${agent.name}`}
        >
          Open
        </button>
      </div>
    </article>
  );
}

/** Facts from the last health probe; only meaningful for a ready workspace. */
function HealthFacts({ agent }: { agent: AgentRecord }) {
  const { health, sessions } = agent;
  return (
    <dl className="facts">
      <dt>Latency</dt>
      <dd>{formatLatency(health.latencyMs, health.status === 'online')}</dd>
      <dt>Version</dt>
      <dd>{health.version ?? '—'}</dd>
      <dt>Capabilities</dt>
      <dd>{health.capabilities.length ? health.capabilities.join(', ') : '—'}</dd>
      <dt>Widgets</dt>
      <dd>{agent.widgets.length}</dd>
      <dt>Sessions</dt>
      <dd>{sessions.count}</dd>
      <dt>Active runs</dt>
      <dd>{sessions.activeRuns}</dd>
      <dt>Checked</dt>
      <dd>{formatCheckedAt(health.checkedAt)}</dd>
    </dl>
  );
}
