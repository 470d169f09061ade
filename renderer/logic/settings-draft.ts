import type { DeskSettings, RootCheck, Theme } from '../../preload/contract.js';

/** The Settings form as the user is editing it (text fields stay text until saved). */
export interface SettingsDraft {
  roots: string[];
  hibernate: string;
  theme: Theme;
  port: string;
}

export const MAX_HIBERNATE_MINUTES = 24 * 60;

export function draftOf(settings: DeskSettings): SettingsDraft {
  return { roots: [...settings.roots], hibernate: String(settings.hibernateAfterMinutes), theme: settings.theme, port: String(settings.port) };
}

/** Root checks that stop a save: not a path, a file, or already watched. */
export function blocksSave(check: RootCheck | undefined): boolean {
  return check !== undefined && (check.state === 'invalid' || check.state === 'not-a-directory' || check.state === 'duplicate');
}

export interface DraftProblems {
  hibernate?: string;
  port?: string;
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
  return problems;
}

/** The fields that differ from what is saved, as a settings:update request (empty: nothing to save). */
export function draftChanges(draft: SettingsDraft, saved: DeskSettings): Partial<DeskSettings> {
  const changes: Partial<DeskSettings> = {};
  if (draft.roots.length !== saved.roots.length || draft.roots.some((root, index) => root !== saved.roots[index])) changes.roots = [...draft.roots];
  if (Number(draft.hibernate) !== saved.hibernateAfterMinutes) changes.hibernateAfterMinutes = Number(draft.hibernate);
  if (draft.theme !== saved.theme) changes.theme = draft.theme;
  if (Number(draft.port) !== saved.port) changes.port = Number(draft.port);
  return changes;
}
