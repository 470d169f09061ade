import type { DeskSettings, SettingsInvoke } from '../../../../preload/contract.js';
import { objectOf } from '../request-validation.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

export interface SettingsPort {
  readonly current: DeskSettings;
  update(patch: unknown): Promise<DeskSettings>;
  onChange(listener: (settings: DeskSettings) => void): () => void;
}

export function createSettingsHandlers(settings: SettingsPort, emit: EmitStateEvent): DomainHandlers<keyof SettingsInvoke> {
  const unsubscribe = settings.onChange((next) => emit({ channel: 'settings:changed', payload: { settings: next } }));
  return {
    channels: {
      'settings:get': { validate: noPayload, handle: () => settings.current },
      // Field-level checks live with the settings schema; here only the shape.
      'settings:update': { validate: (payload) => objectOf(payload), handle: (patch) => settings.update(patch) },
    },
    snapshot: () => [{ channel: 'settings:changed', payload: { settings: settings.current } }],
    dispose: unsubscribe,
  };
}
