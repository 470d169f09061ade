import { useStore } from 'zustand';
import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import type { AgentTabState } from '../stores/framed-storage-store.js';

/** Served by the desk itself (renderer/public/help): works offline and matches this version. */
export const FRAMED_STORAGE_HELP_URL = '/help/framed-storage.html';

function tabStatus(name: string, tab: AgentTabState | undefined): string {
  switch (tab?.state) {
    case undefined:
      return '';
    case 'opening':
      return `Opening ${name} in its tab…`;
    case 'opened':
      return `${name} is open in its own tab.`;
    case 'blocked':
      return 'The browser blocked the new tab. Use “Open in a tab”.';
    case 'failed':
      return `Could not open ${name}: ${tab.message}`;
  }
}

/**
 * The agent view where this browser denies storage to framed pages: the
 * agent runs in a tab of its own (named for it, so opening it again brings
 * that tab forward), and the desk stays the launcher.
 */
export function AgentTabNotice({ agent }: { agent: AgentRecord }) {
  const { stores, actions } = useDesk();
  const tab = useStore(stores.framedStorage, (s) => s.tabs[agent.id]);
  const status = tabStatus(agent.name, tab);
  return (
    <div className="agent-tab-notice" data-testid="agent-tab-notice">
      <h2>{agent.name} opens in a tab of its own</h2>
      <p>This browser does not let pages inside the desk keep storage, which {agent.name}’s page needs, so it runs in its own tab.</p>
      <p className={tab?.state === 'failed' || tab?.state === 'blocked' ? 'notice notice-error' : 'muted'} role="status">
        {status}
      </p>
      <p className="agent-tab-actions">
        <button type="button" className="button" onClick={() => void actions.openAgentInTab(agent.id)}>
          Open in a tab
        </button>{' '}
        <a href={FRAMED_STORAGE_HELP_URL} target="_blank" rel="noopener noreferrer">
          How to let agents open inside the desk
        </a>
      </p>
    </div>
  );
}
