import type { AgentRecord } from '../../preload/contract.js';

/**
 * The actions offered while an agent is down: Retry (load its page again)
 * and whatever can bring it back. This is the one place such actions go, so
 * every offline view offers the same ones.
 */
export function OfflineActions({ agent, onRetry, retryLabel }: { agent: AgentRecord; onRetry: () => void; retryLabel: string }) {
  return (
    <div className="offline-actions" data-testid={`offline-actions-${agent.id}`}>
      <button type="button" className="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  );
}
