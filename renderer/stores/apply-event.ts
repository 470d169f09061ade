import type { DeskStateEvent } from '../../preload/contract.js';
import type { DeskStores } from './desk-stores.js';

/**
 * The one place where server events change the stores. Total over the
 * contract's state events: a new one fails the build here until it is
 * handled.
 */
export function applyDeskEvent(stores: DeskStores, event: DeskStateEvent): void {
  switch (event.channel) {
    case 'agents:changed': {
      const { agents } = event.payload;
      // Names of agents that may be leaving, so the desk can say which one went.
      const names = Object.fromEntries(stores.agents.getState().agents.map((agent) => [agent.id, agent.name]));
      stores.agents.getState().agentsChanged(agents);
      stores.lifecycle.getState().recordsChanged(agents);
      stores.navigation.getState().agentsRemoved(
        agents.map((agent) => agent.id),
        names,
      );
      return;
    }
    case 'desk:changed':
      stores.desk.getState().deskChanged(event.payload.info);
      return;
    case 'settings:changed':
      stores.settings.getState().settingsChanged(event.payload.settings);
      return;
    case 'attention:changed':
      stores.attention.getState().attentionChanged(event.payload.items, event.payload.notify);
      return;
    case 'agents:progress':
      stores.lifecycle.getState().progressed(event.payload);
      return;
    case 'agents:log':
      stores.lifecycle.getState().logged(event.payload.id, event.payload.line);
      return;
    default: {
      // Compile-time only: the transports deliver contract events alone.
      const unhandled: never = event;
      void unhandled;
    }
  }
}
