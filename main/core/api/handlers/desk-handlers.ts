import type { DeskInfo, DeskInvoke } from '../../../../preload/contract.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

export interface DeskPorts {
  info(): DeskInfo;
  /** Fires when something in `info()` changed (e.g. a root appeared). */
  onInfoChange?(listener: () => void): () => void;
}

export function createDeskHandlers(ports: DeskPorts, emit: EmitStateEvent): DomainHandlers<keyof DeskInvoke> {
  const unsubscribe = ports.onInfoChange?.(() => emit({ channel: 'desk:changed', payload: { info: ports.info() } }));
  return {
    channels: {
      'desk:info': { validate: noPayload, handle: () => ports.info() },
    },
    snapshot: () => [{ channel: 'desk:changed', payload: { info: ports.info() } }],
    dispose: () => unsubscribe?.(),
  };
}
