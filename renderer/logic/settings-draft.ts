import type { DeskSettings, NotificationSettings, RootCheck, RootRuntimeSetting, Theme } from '../../preload/contract.js';

/** The Settings form as the user is editing it (text fields stay text until saved). */
export interface SettingsDraft {
  roots: string[];
  hibernate: string;
  theme: Theme;
  port: string;
  /** Runtime per root path; a root not listed uses its default. */
  runtimes: Record<string, RootRuntimeSetting>;
  startOnOpen: boolean;
  idleStop: string;
  notifications: NotificationSettings;
}

export const MAX_HIBERNATE_MINUTES = 24 * 60;

export function draftOf(settings: DeskSettings): SettingsDraft {
  return {
    roots: [...settings.roots],
    hibernate: String(settings.hibernateAfterMinutes),
    theme: settings.theme,
    port: String(settings.port),
    runtimes: structuredClone(settings.runtimes),
    startOnOpen: settings.startOnOpen,
    idleStop: String(settings.idleStopMinutes),
    notifications: structuredClone(settings.notifications),
  };
}

/** Root checks that stop a save: not a path, a file, or already watched. */
export function blocksSave(check: RootCheck | undefined): boolean {
  return check !== undefined && (check.state === 'invalid' || check.state === 'not-a-directory' || check.state === 'duplicate');
}

export interface DraftProblems {
  hibernate?: string;
  port?: string;
  idleStop?: string;
  /** Per root path: what is missing from its custom commands. */
  runtimes?: Record<string, string>;
}

type CustomCommands = NonNullable<RootRuntimeSetting['custom']>;

/** Custom argv as the form edits it (one argument per line), without the empty lines. */
function normalizeCustom(custom: CustomCommands): CustomCommands {
  const args = (argv: string[]) => argv.filter((arg) => arg !== '');
  const result: CustomCommands = { start: args(custom.start), stop: args(custom.stop), restart: args(custom.restart) };
  if (custom.logs && args(custom.logs).length > 0) result.logs = args(custom.logs);
  return result;
}

/** Runtimes as they would be saved: custom commands without empty lines. */
export function normalizeRuntimes(runtimes: Record<string, RootRuntimeSetting>): Record<string, RootRuntimeSetting> {
  const result: Record<string, RootRuntimeSetting> = {};
  for (const [root, runtime] of Object.entries(runtimes)) {
    result[root] = runtime.kind === 'custom' && runtime.custom ? { kind: 'custom', custom: normalizeCustom(runtime.custom) } : { kind: runtime.kind };
  }
  return result;
}

/** Runtimes as one comparable text: key order does not matter. */
function runtimesKey(runtimes: Record<string, RootRuntimeSetting>): string {
  return JSON.stringify(Object.keys(runtimes).sort().map((root) => [root, runtimes[root]]));
}

/** Notification settings as one comparable text: the order of kinds and muted agents does not matter. */
function notificationsKey(value: NotificationSettings): string {
  const kinds = Object.entries(value.kinds).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([value.doNotDisturb, value.sound, kinds, [...value.mutedAgents].sort()]);
}

/** Field errors in the form's own words (the labels the user sees). */
export function draftProblems(draft: SettingsDraft): DraftProblems {
  const problems: DraftProblems = {};
  const minutes = Number(draft.hibernate);
  if (!/^\d+$/.test(draft.hibernate.trim()) || minutes > MAX_HIBERNATE_MINUTES) {
    problems.hibernate = `Enter a whole number of minutes from 0 (never) to ${MAX_HIBERNATE_MINUTES} (one day).`;
  }
  const port = Number(draft.port);
  if (!/^\d+$/.test(draft.port.trim()) || port < 1024 || port > 65535) problems.port = 'Enter a port from 1024 to 65535.';
  if (!/^\d+$/.test(draft.idleStop.trim()) || Number(draft.idleStop) > MAX_HIBERNATE_MINUTES) {
    problems.idleStop = `Enter a whole number of minutes from 0 (never) to ${MAX_HIBERNATE_MINUTES} (one day).`;
  }
  for (const [root, runtime] of Object.entries(normalizeRuntimes(draft.runtimes))) {
    if (runtime.kind !== 'custom') continue;
    const missing = (['start', 'stop', 'restart'] as const).filter((verb) => (runtime.custom?.[verb].length ?? 0) === 0);
    if (missing.length > 0) (problems.runtimes ??= {})[root] = `Enter the ${missing.join(', ')} command${missing.length > 1 ? 's' : ''}: one argument per line, the program first.`;
  }
  return problems;
}

/** The fields that differ from what is saved, as a settings:update request (empty: nothing to save). */
export function draftChanges(draft: SettingsDraft, saved: DeskSettings): Partial<DeskSettings> {
  const changes: Partial<DeskSettings> = {};
  if (draft.roots.length !== saved.roots.length || draft.roots.some((root, index) => root !== saved.roots[index])) changes.roots = [...draft.roots];
  if (Number(draft.hibernate) !== saved.hibernateAfterMinutes) changes.hibernateAfterMinutes = Number(draft.hibernate);
  if (draft.theme !== saved.theme) changes.theme = draft.theme;
  if (Number(draft.port) !== saved.port) changes.port = Number(draft.port);
  const runtimes = normalizeRuntimes(draft.runtimes);
  if (runtimesKey(runtimes) !== runtimesKey(saved.runtimes)) changes.runtimes = runtimes;
  if (draft.startOnOpen !== saved.startOnOpen) changes.startOnOpen = draft.startOnOpen;
  if (Number(draft.idleStop) !== saved.idleStopMinutes) changes.idleStopMinutes = Number(draft.idleStop);
  if (notificationsKey(draft.notifications) !== notificationsKey(saved.notifications)) changes.notifications = structuredClone(draft.notifications);
  return changes;
}
