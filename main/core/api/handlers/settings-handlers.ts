import type { DeskSettings, RootCheck, SettingsInvoke } from '../../../../preload/contract.js';
import { DeskError } from '../desk-errors.js';
import { objectOf } from '../request-validation.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

export interface SettingsPort {
  readonly current: DeskSettings;
  update(patch: unknown): Promise<DeskSettings>;
  onChange(listener: (settings: DeskSettings) => void): () => void;
  /** What the desk would make of a root typed into Settings (settings:check-root). */
  checkRoot?(path: string, others: string[]): Promise<RootCheck>;
}

const MAX_CHECK_ROOTS = 64;

function checkRootRequest(payload: unknown): { path: string; others: string[] } {
  const { path, others } = objectOf(payload);
  if (typeof path !== 'string' || path.length > 4096) throw new DeskError('bad-request', 'path must be a string of at most 4096 characters');
  if (!Array.isArray(others) || others.length > MAX_CHECK_ROOTS || others.some((other) => typeof other !== 'string' || other.length > 4096)) {
    throw new DeskError('bad-request', `others must be a list of at most ${MAX_CHECK_ROOTS} paths`);
  }
  return { path, others: others as string[] };
}

export function createSettingsHandlers(settings: SettingsPort, emit: EmitStateEvent): DomainHandlers<keyof SettingsInvoke> {
  const unsubscribe = settings.onChange((next) => emit({ channel: 'settings:changed', payload: { settings: next } }));
  return {
    channels: {
      'settings:get': { validate: noPayload, handle: () => settings.current },
      'settings:check-root': {
        validate: checkRootRequest,
        handle: ({ path, others }) => {
          if (!settings.checkRoot) throw new DeskError('unsupported', 'root checks are not available in this build');
          return settings.checkRoot(path, others);
        },
      },
      // Field-level checks live with the settings schema; here only the shape.
      'settings:update': { validate: (payload) => objectOf(payload), handle: (patch) => settings.update(patch) },
    },
    snapshot: () => [{ channel: 'settings:changed', payload: { settings: settings.current } }],
    dispose: unsubscribe,
  };
}
