import type { AttentionKind, NotificationSettings } from '../../../preload/contract.js';
import { SettingsError } from './settings-error.js';

const KINDS: readonly AttentionKind[] = ['approval', 'question', 'finished', 'failed'];
const MAX_MUTED = 1000;

export const DEFAULT_NOTIFICATIONS: NotificationSettings = Object.freeze({
  kinds: Object.freeze({ approval: true, question: true, finished: true, failed: true }),
  mutedAgents: Object.freeze([]) as unknown as string[],
  doNotDisturb: false,
  sound: true,
}) as NotificationSettings;

function fail(message: string): never {
  throw new SettingsError('notifications', message);
}

/** The whole `notifications` object, every field checked; unknown fields refused. */
export function validateNotifications(value: unknown): NotificationSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('notifications must be an object');
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!['kinds', 'mutedAgents', 'doNotDisturb', 'sound'].includes(key)) fail(`unknown notifications setting "${key}"`);
  }
  const kinds = fields['kinds'];
  if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) fail('notifications.kinds must be an object of on/off per kind');
  const kindFields = kinds as Record<string, unknown>;
  for (const key of Object.keys(kindFields)) if (!(KINDS as readonly string[]).includes(key)) fail(`unknown notification kind "${key}"`);
  const checkedKinds = {} as Record<AttentionKind, boolean>;
  for (const kind of KINDS) {
    if (typeof kindFields[kind] !== 'boolean') fail(`notifications.kinds.${kind} must be true or false`);
    checkedKinds[kind] = kindFields[kind] as boolean;
  }
  const muted = fields['mutedAgents'];
  if (!Array.isArray(muted) || muted.length > MAX_MUTED) fail('notifications.mutedAgents must be a list of agent ids');
  for (const id of muted as unknown[]) {
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,63}$/.test(id)) fail('notifications.mutedAgents holds an invalid agent id');
  }
  if (typeof fields['doNotDisturb'] !== 'boolean') fail('notifications.doNotDisturb must be true or false');
  if (typeof fields['sound'] !== 'boolean') fail('notifications.sound must be true or false');
  return {
    kinds: checkedKinds,
    mutedAgents: [...new Set(muted as string[])],
    doNotDisturb: fields['doNotDisturb'] as boolean,
    sound: fields['sound'] as boolean,
  };
}
