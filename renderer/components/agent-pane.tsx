import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { describeStatus, isReachable } from '../logic/agent-status.js';
import type { OpenedAgent } from '../stores/navigation-store.js';
import { AgentFrame } from './agent-frame.js';
import { ErrorNotice, Loading } from './request-state.js';
import { ActiveRunIndicator, StatusBadge } from './status-badge.js';
import { WidgetList } from './widget-list.js';

/**
 * One opened agent. It stays mounted (hidden) while the user looks elsewhere,
 * so the agent's page keeps its state; an unreachable agent shows why, with a
 * retry, and reloads by itself once its health is back.
 */
export function AgentPane({ entry, visible }: { entry: OpenedAgent; visible: boolean }) {
  const { stores, actions } = useDesk();
  const agent = useStore(stores.agents, (s) => s.agents.find((candidate) => candidate.id === entry.id));
  const reachable = agent ? isReachable(agent) : false;
  const wasReachable = useRef(reachable);
  // "Retry" on an offline agent shows the gateway's own page (it retries too).
  const [forceFrame, setForceFrame] = useState(false);
  // An enter URL is single-use: once its frame is gone (agent unreachable),
  // that open is spent and only a fresh one may be framed again.
  const [spentSeq, setSpentSeq] = useState<number | null>(null);
  if (!reachable && !forceFrame && spentSeq !== entry.openSeq) setSpentSeq(entry.openSeq);

  useEffect(() => {
    if (reachable && !wasReachable.current) {
      setForceFrame(false);
      void actions.openAgent(entry.id);
    }
    wasReachable.current = reachable;
  }, [reachable, actions, entry.id]);

  if (!agent) return null;
  const status = describeStatus(agent);
  const retry = () => {
    if (!reachable) setForceFrame(true);
    void actions.openAgent(entry.id);
  };

  let body;
  if (!reachable && !forceFrame) {
    body = (
      <div className={`agent-unavailable status-${status.kind}`} role="alert" data-testid="agent-unavailable">
        <h2>
          {agent.name} is {status.label.toLowerCase()}
        </h2>
        <p>{status.reason}</p>
        {status.action && <p>{status.action}</p>}
        <p className="muted">
          {agent.state === 'ready'
            ? 'This view reloads by itself when the agent is back.'
            : 'This view updates by itself when the workspace is fixed.'}
        </p>
        {agent.state === 'ready' && (
          <button type="button" className="button" onClick={retry}>
            Retry now
          </button>
        )}
      </div>
    );
  } else if (entry.phase === 'opening' || entry.openSeq === spentSeq) {
    body = <Loading label={`Opening ${agent.name}…`} />;
  } else if (entry.phase === 'failed' || entry.url === null) {
    body = <ErrorNotice title={`Could not open ${agent.name}.`} message={entry.error ?? ''} onRetry={retry} />;
  } else {
    body = <AgentFrame key={entry.openSeq} url={entry.url} title={`${agent.name} agent`} />;
  }

  return (
    <section
      className="agent-pane"
      hidden={!visible}
      aria-label={agent.name}
      data-testid={`agent-pane-${agent.id}`}
      data-open-seq={entry.openSeq}
    >
      <header className="agent-pane-header">
        <h1 className="agent-pane-title">{agent.name}</h1>
        <StatusBadge agent={agent} />
        <ActiveRunIndicator activeRuns={agent.sessions.activeRuns} />
        <button type="button" className="button" onClick={retry} aria-label={`Reload ${agent.name}`}>
          Reload
        </button>
        {agent.widgets.length > 0 && (
          <details className="agent-pane-widgets">
            <summary>Widgets ({agent.widgets.length})</summary>
            <WidgetList agent={agent} />
          </details>
        )}
      </header>
      <div className="agent-pane-body">{body}</div>
    </section>
  );
}

/** Every opened agent, mounted; only the active one is visible, and only in the agent view. */
export function AgentViews() {
  const { stores } = useDesk();
  const opened = useStore(stores.navigation, (s) => s.opened);
  const view = useStore(stores.navigation, (s) => s.view);
  const activeAgentId = useStore(stores.navigation, (s) => s.activeAgentId);
  return (
    <div className="agent-views" hidden={view !== 'agent'}>
      {Object.values(opened).map((entry) => (
        <AgentPane key={entry.id} entry={entry} visible={view === 'agent' && activeAgentId === entry.id} />
      ))}
    </div>
  );
}
