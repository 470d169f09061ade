import { useEffect, useRef } from 'react';
import { useDesk } from '../api/desk-context.js';
import { cycleId, shortcutFor } from '../logic/shortcuts.js';
import { useOrderedAgents } from './use-ordered-agents.js';

/**
 * The desk-wide keyboard shortcuts. They work while focus is in the desk;
 * keys pressed inside an agent's frame belong to the agent's page.
 */
export function useShortcuts(): void {
  const { stores, actions } = useDesk();
  const ordered = useOrderedAgents();
  const orderedRef = useRef(ordered);
  orderedRef.current = ordered;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      if (command === null) return;
      const ids = orderedRef.current.map((agent) => agent.id);
      const navigation = stores.navigation.getState();
      switch (command.kind) {
        case 'open-nth': {
          const id = ids[command.index];
          if (id === undefined) return;
          actions.selectAgent(id);
          break;
        }
        case 'cycle': {
          const current = navigation.view === 'agent' ? navigation.activeAgentId : null;
          const id = cycleId(ids, current, command.step);
          if (id === null) return;
          actions.selectAgent(id);
          break;
        }
        case 'quick-switcher':
          if (navigation.switcherOpen) navigation.switcherClosed();
          else navigation.switcherOpened();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, actions]);
}
