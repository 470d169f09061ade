import type { ReactNode } from 'react';
import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { describeStatus, type StatusKind } from '../logic/agent-status.js';
import { RelativeTime } from './relative-time.js';
import { ActiveRunIndicator, StatusBadge } from './status-badge.js';
import { AttentionBadge } from './attention/attention-badge.js';
import { WidgetList } from './widget-list.js';
import { containerText, lifecycleOffer } from '../logic/lifecycle-view.js';
import { LogDisclosure } from './lifecycle/agent-log.js';
import { LifecycleControls } from './lifecycle/lifecycle-controls.js';

/** What the card's button does in each state: the main action only when it will work. */
function openAction(kind: StatusKind): 'primary' | 'secondary' | 'none' {
  if (kind === 'online' || kind === 'starting' || kind === 'unknown') return 'primary';
  if (kind === 'offline' || kind === 'unauthorized') return 'secondary'; // opens the explanation; loads when it is back
  return 'none'; // not provisioned or invalid: nothing to serve until the .env is fixed
}

/** One agent in the directory: status with reason and remedy, the figures that exist, widgets. */
export function AgentCard({ agent }: { agent: AgentRecord }) {
  const { actions } = useDesk();
  const status = describeStatus(agent);
  const headingId = `agent-card-title-${agent.id}`;
  const action = openAction(status.kind);
  const container = containerText(agent);
  // Whether this root has commands at all (runtime `none` shows no lifecycle controls and no log).
  const managed = lifecycleOffer(agent, undefined) !== null;
  return (
    <article className={`agent-card card-${status.kind}`} aria-labelledby={headingId} data-testid={`agent-card-${agent.id}`}>
      <header className="agent-card-header">
        <h2 id={headingId} className="agent-card-title">
          {agent.name}
        </h2>
        <StatusBadge agent={agent} />
        {container && (
          <span className="container-state" title={agent.runtime.detail} data-testid="container-state">
            {container}
          </span>
        )}
        <ActiveRunIndicator activeRuns={agent.sessions.activeRuns} />
        <AttentionBadge counts={agent.attention} />
      </header>
      {status.kind !== 'online' && (
        <div className="agent-card-status" data-testid="status-explanation">
          <p className="status-reason">{status.reason}</p>
          {status.action && <p className="status-action">{status.action}</p>}
          {status.file && (
            <p className="status-file">
              File: <code>{status.file}</code>
            </p>
          )}
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
      {managed && <LogDisclosure agent={agent} className="agent-card-logs" />}
      {(action !== 'none' || managed) && (
        <div className="agent-card-actions">
          {action !== 'none' && (
            <button
              type="button"
              className={action === 'primary' ? 'button button-primary' : 'button'}
              onClick={() => actions.selectAgent(agent.id)}
              aria-label={`Open ${agent.name}`}
            >
              Open
            </button>
          )}
          <LifecycleControls agent={agent} primary={status.kind === 'offline' ? 'start' : undefined} />
        </div>
      )}
    </article>
  );
}

/**
 * Facts from the last health probe that have a value: no rows of dashes.
 * Live figures (sessions, runs) only while the agent answers.
 */
function HealthFacts({ agent }: { agent: AgentRecord }) {
  const { health, sessions } = agent;
  const online = health.status === 'online';
  const facts: [string, ReactNode][] = [];
  if (health.latencyMs !== null) {
    facts.push(['Latency', online ? `${Math.round(health.latencyMs)} ms` : `${Math.round(health.latencyMs)} ms (last seen online)`]);
  }
  if (health.version) facts.push(['Version', health.version]);
  if (health.capabilities.length > 0) facts.push(['Capabilities', health.capabilities.join(', ')]);
  if (agent.widgets.length > 0) facts.push(['Widgets', agent.widgets.length]);
  if (online) {
    facts.push(['Sessions', sessions.count]);
    facts.push(['Active runs', sessions.activeRuns]);
  }
  if (health.checkedAt !== null) facts.push(['Checked', <RelativeTime key="checked" at={health.checkedAt} />]);
  if (facts.length === 0) return null;
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
