import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { focusAgentView } from './agent-focus.js';

/** First in the tab order: jumps past the top bar and sidebar to the agent page (or the main view). */
export function SkipLink() {
  const { stores } = useDesk();
  const view = useStore(stores.navigation, (s) => s.view);
  const agentId = useStore(stores.navigation, (s) => s.activeAgentId);
  const onAgent = view === 'agent' && agentId !== null;
  return (
    <a
      className="skip-link"
      href="#desk-main"
      onClick={(event) => {
        event.preventDefault();
        if (onAgent && focusAgentView(agentId)) return;
        document.getElementById('desk-main')?.focus();
      }}
    >
      {onAgent ? 'Skip to the agent page' : 'Skip to main content'}
    </a>
  );
}
