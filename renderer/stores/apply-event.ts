import type { DeskEvent } from '../../preload/contract.js';
import type { DeskStores } from './desk-stores.js';

/** The one place where server events change the stores. */
export function applyDeskEvent(stores: DeskStores, event: DeskEvent): void {
  switch (event.channel) {
    case 'agents:changed': {
      const { agents } = event.payload;
      stores.agents.getState().agentsChanged(agents);
      stores.navigation.getState().agentsRemoved(agents.map((agent) => agent.id));
      return;
    }
    case 'desk:changed':
      stores.desk.getState().deskChanged(event.payload.info);
      return;
    case 'settings:changed':
      stores.settings.getState().settingsChanged(event.payload.settings);
      return;
  }
}
