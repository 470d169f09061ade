import { useStore } from 'zustand';
import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { lifecycleOffer } from '../logic/lifecycle-view.js';
import { AgentLog } from './lifecycle/agent-log.js';
import { LifecycleControls } from './lifecycle/lifecycle-controls.js';

/** Lines of the log shown under Start while an agent comes up. */
export const OFFLINE_LOG_TAIL = 8;

/**
 * The actions offered while an agent is down: Start (when its root has a
 * start command; Restart when its container runs but does not answer) with
 * the command's progress and the tail of its log, and
 * Retry (load its page again). This is the one place such actions go, so
 * every offline view offers the same ones.
 */
export function OfflineActions({ agent, onRetry, retryLabel }: { agent: AgentRecord; onRetry: () => void; retryLabel: string }) {
  const { stores } = useDesk();
  const progress = useStore(stores.lifecycle, (s) => s.byAgent[agent.id]?.progress);
  const offer = lifecycleOffer(agent, progress);
  // A container that runs but does not answer (hung, or stuck starting): starting it again does
  // nothing, restarting it may help.
  const verb = agent.runtime.container === 'running' ? 'restart' : 'start';
  const offered = offer !== null && (offer[verb] || offer.running !== undefined);
  return (
    <div className="offline-actions-block">
      <div className="offline-actions" data-testid={`offline-actions-${agent.id}`}>
        {offered && <LifecycleControls agent={agent} verbs={[verb]} primary={verb} />}
        <button type="button" className="button" onClick={onRetry}>
          {retryLabel}
        </button>
      </div>
      {offer !== null && progress && <AgentLog agent={agent} tail={OFFLINE_LOG_TAIL} />}
    </div>
  );
}
