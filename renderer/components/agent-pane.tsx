import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { describeStatus, isReachable, statusKind } from '../logic/agent-status.js';
import { placementOf } from '../logic/framed-storage.js';
import type { OpenedAgent } from '../stores/navigation-store.js';
import { focusAgentView } from './agent-focus.js';
import { FrameFocusHint } from './frame-focus-hint.js';
import { AgentFrame } from './agent-frame.js';
import { OfflineActions } from './agent-pane-actions.js';
import { AgentTabNotice } from './agent-tab-notice.js';
import { RelativeTime } from './relative-time.js';
import { ErrorNotice, Loading } from './request-state.js';
import { ActiveRunIndicator, StatusBadge } from './status-badge.js';
import { useDismissable } from './use-dismissable.js';
import { WidgetList } from './widget-list.js';
import { LogDisclosure } from './lifecycle/agent-log.js';
import { LifecycleControls } from './lifecycle/lifecycle-controls.js';
import { lifecycleOffer } from '../logic/lifecycle-view.js';

/**
 * One opened agent. It stays mounted (hidden) while the user looks elsewhere,
 * so the agent's page keeps its state. A page that has loaded is never taken
 * away because the agent went down: a banner over it says so, and the page
 * is reloaded only when the user asks. An agent that was down before its
 * page ever loaded shows why instead, and loads by itself once it is back.
 */
export function AgentPane({ entry, visible }: { entry: OpenedAgent; visible: boolean }) {
  const { stores, actions } = useDesk();
  const agent = useStore(stores.agents, (s) => s.agents.find((candidate) => candidate.id === entry.id));
  const downSince = useStore(stores.agents, (s) => s.downSince[entry.id]);
  const focusRequested = useStore(stores.navigation, (s) => s.focusAgentId === entry.id);
  // Not in the list yet (a restored place, before the first load) is not "down".
  const reachable = agent ? isReachable(agent) : true;
  const wasReachable = useRef(reachable);
  // Where framed storage is denied, the agent's page lives in its own tab, never in this pane.
  const placement = useStore(stores.framedStorage, (s) => placementOf(s.framed));
  // The open whose frame is on screen: that page is kept whatever the health says.
  const [shownSeq, setShownSeq] = useState<number | null>(null);
  // "Retry" while down: load the page anyway (the gateway's own page answers until the agent does).
  const [forced, setForced] = useState(false);
  // An open answered while the agent was down is never framed later: enter
  // links are single-use and short-lived, so the way back is a fresh open.
  const [staleSeq, setStaleSeq] = useState<number | null>(null);
  if (!reachable && !forced && shownSeq !== entry.openSeq && staleSeq !== entry.openSeq) setStaleSeq(entry.openSeq);
  const hasUrl = entry.phase === 'open' && entry.url !== null;
  const showFrame = hasUrl && (shownSeq === entry.openSeq || forced || (reachable && staleSeq !== entry.openSeq));
  // A page loaded while the agent was down is the gateway's explanation, not the agent's: nothing to keep.
  const [downFrameSeq, setDownFrameSeq] = useState<number | null>(null);
  if (showFrame && shownSeq !== entry.openSeq) {
    setShownSeq(entry.openSeq);
    if (!reachable) setDownFrameSeq(entry.openSeq);
  }

  useEffect(() => {
    // Back up with no agent page on screen (none, or the gateway's offline page): nothing to lose, so
    // load it. A kept agent page stays as it is.
    const nothingToKeep = shownSeq !== entry.openSeq || downFrameSeq === entry.openSeq;
    if (reachable && !wasReachable.current && nothingToKeep && placement !== 'tab') void actions.openAgent(entry.id, entry.sessionId);
    if (reachable) setForced(false);
    wasReachable.current = reachable;
  }, [reachable, placement, actions, entry.id, entry.openSeq, entry.sessionId, shownSeq, downFrameSeq]);

  useStartOnOpen(agent, shownSeq === entry.openSeq);

  useEffect(() => {
    if (!visible || !focusRequested) return;
    if (focusAgentView(entry.id) && showFrame) stores.navigation.getState().agentFocused(entry.id);
  }, [visible, focusRequested, showFrame, entry.id, stores]);

  if (!agent) return null;
  const reload = () => {
    if (placement === 'tab') return void actions.openAgentInTab(entry.id);
    if (!reachable) setForced(true);
    void actions.openAgent(entry.id, entry.sessionId);
  };
  // A workspace that is not ready has no page to load: Reload could only fail.
  const canLoad = agent.state === 'ready';

  let body;
  if (placement === 'tab') {
    body = reachable ? <AgentTabNotice agent={agent} /> : <DownCard agent={agent} onRetry={canLoad ? reload : null} />;
  } else if (placement === 'undecided') {
    body = <Loading label="Checking whether this browser lets agents keep their storage inside the desk…" />;
  } else if (showFrame && entry.url !== null) {
    body = (
      <>
        {!reachable && <DownBanner agent={agent} since={downSince} keptPage={downFrameSeq !== entry.openSeq} onRetry={reload} />}
        <AgentFrame key={entry.openSeq} url={entry.url} title={`${agent.name} agent`} />
      </>
    );
  } else if (!reachable) {
    body = <DownCard agent={agent} onRetry={canLoad ? reload : null} />;
  } else if (entry.phase === 'failed') {
    body = <ErrorNotice title={`Could not open ${agent.name}.`} message={entry.error ?? ''} onRetry={reload} />;
  } else {
    body = <Loading label={`Opening ${agent.name}…`} />;
  }

  return (
    <section
      className="agent-pane"
      hidden={!visible}
      aria-label={agent.name}
      data-testid={`agent-pane-${agent.id}`}
      data-agent-pane={agent.id}
      data-open-seq={entry.openSeq}
    >
      <header className="agent-pane-header">
        <h1 className="agent-pane-title">{agent.name}</h1>
        <StatusBadge agent={agent} />
        <ActiveRunIndicator activeRuns={agent.sessions.activeRuns} />
        {canLoad && placement !== 'tab' && (
          <button type="button" className="button" onClick={reload} aria-label={`Reload ${agent.name}`} title="Load the agent’s page again">
            Reload
          </button>
        )}
        {/* While it is down, the body offers Start (OfflineActions); up here, what an answering agent needs. */}
        {reachable && <LifecycleControls agent={agent} verbs={['stop', 'restart']} />}
        {agent.widgets.length > 0 && <WidgetsMenu agent={agent} />}
        {lifecycleOffer(agent, undefined) !== null && <LogDisclosure agent={agent} className="agent-pane-logs" />}
        <FrameFocusHint paneId={agent.id} />
      </header>
      <div className="agent-pane-body" tabIndex={-1}>
        {body}
      </div>
    </section>
  );
}

/**
 * "Start agents when opened": an agent opened while offline, whose root can
 * start it, is started once per opening (not again after a failure, and
 * never under a kept page, which the user may want to keep as it is). The
 * pane then loads the page by itself when health says online.
 */
function useStartOnOpen(agent: AgentRecord | undefined, keptPage: boolean): void {
  const { stores, actions } = useDesk();
  const enabled = useStore(stores.settings, (s) => s.settings?.startOnOpen ?? false);
  const progress = useStore(stores.lifecycle, (s) => (agent ? s.byAgent[agent.id]?.progress : undefined));
  const started = useRef(false);
  useEffect(() => {
    if (!agent || !enabled || keptPage || started.current || statusKind(agent) !== 'offline') return;
    if (!lifecycleOffer(agent, progress)?.start) return;
    started.current = true;
    void actions.runLifecycle(agent.id, 'start');
  }, [agent, enabled, keptPage, progress, actions]);
}

function WidgetsMenu({ agent }: { agent: AgentRecord }) {
  const menu = useRef<HTMLDetailsElement>(null);
  useDismissable(menu);
  return (
    <details className="agent-pane-widgets" ref={menu}>
      <summary>Widgets ({agent.widgets.length})</summary>
      <WidgetList agent={agent} />
    </details>
  );
}

/**
 * Over a framed page while the agent is down: since when, why, what helps. The
 * page is the agent's own (kept as it was) or, after "Retry now", the
 * gateway's explanation, which the agent's page replaces when it is back.
 */
function DownBanner({ agent, since, keptPage, onRetry }: { agent: AgentRecord; since: number | undefined; keptPage: boolean; onRetry: () => void }) {
  const status = describeStatus(agent);
  return (
    <div className={`agent-down-banner status-${status.kind}`} role="alert" data-testid="agent-down-banner">
      <p className="agent-down-title">
        <strong>
          {agent.name} is {status.label.toLowerCase()}
        </strong>
        {since !== undefined && (
          <>
            {' '}
            since <RelativeTime at={since} />
          </>
        )}
        . {status.reason}
      </p>
      {status.action && <p>{status.action}</p>}
      <p className="muted">
        {keptPage
          ? 'The page below is kept as it was, with anything you typed. It is reloaded only when you ask.'
          : 'The page below is the gateway’s answer while the agent is down; the agent’s page loads by itself when it is back.'}
      </p>
      {agent.state === 'ready' && <OfflineActions agent={agent} onRetry={onRetry} retryLabel="Reload now" />}
    </div>
  );
}

/** Instead of a page that never loaded: why, and what to do. */
function DownCard({ agent, onRetry }: { agent: AgentRecord; onRetry: (() => void) | null }) {
  const status = describeStatus(agent);
  return (
    <div className={`agent-unavailable status-${status.kind}`} role="alert" data-testid="agent-unavailable">
      <h2>
        {agent.name} is {status.label.toLowerCase()}
      </h2>
      <p>{status.reason}</p>
      {status.action && <p>{status.action}</p>}
      <p className="muted">
        {agent.state === 'ready' ? 'This view loads the agent by itself when it is back.' : 'This view updates by itself when the workspace is fixed.'}
      </p>
      {onRetry && <OfflineActions agent={agent} onRetry={onRetry} retryLabel="Retry now" />}
    </div>
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
