import type { RootCheck } from '../../../preload/contract.js';
import type { RootSpec } from '../workspace/workspace-types.js';
import { expandRootPath, rootStatus } from '../workspace/roots.js';
import { SettingsError, validateRoot } from './settings-schema.js';

export interface RootCheckContext {
  /** The roots that are not the user's to edit here: the default and every `--root`. */
  fixed: RootSpec[];
  /** The form's other extra roots, as typed. */
  others: string[];
  home: string;
}

const FIXED_NAME: Record<RootSpec['source'], string> = {
  default: 'the default root',
  flag: 'a --root given to agent-desk',
  settings: 'another root in this list',
};

/**
 * What the desk would make of a root typed into Settings, in the form's
 * words: not a full path, a duplicate (after `~` expansion), a file, a
 * folder that does not exist (allowed: it is watched until it appears), or
 * fine. Reads the disk; never throws for bad input.
 */
export async function checkRoot(input: unknown, context: RootCheckContext): Promise<RootCheck> {
  let typed: string;
  try {
    typed = validateRoot(input);
  } catch (error) {
    const message = error instanceof SettingsError ? error.message : 'this is not a path';
    return { path: typeof input === 'string' ? input : '', state: 'invalid', message: `Enter a full path: ${message}.` };
  }
  const path = expandRootPath(typed, context.home);
  const fixed = context.fixed.find((root) => expandRootPath(root.path, context.home) === path);
  const twin = context.others.some((other) => other.trim() !== '' && safeExpand(other, context.home) === path);
  if (fixed || twin) {
    const which = fixed ? FIXED_NAME[fixed.source] : FIXED_NAME.settings;
    return { path, state: 'duplicate', message: `${path} is already watched: it is ${which}.` };
  }
  const status = await rootStatus(path);
  switch (status.state) {
    case 'ok':
      return { path, state: 'ok', message: `Folder found: ${path}.` };
    case 'missing':
      return { path, state: 'missing', message: `No folder at ${path} yet. Check the spelling; if it is right, it is watched until it appears.` };
    case 'not-a-directory':
      return { path, state: 'not-a-directory', message: `${path} is not a folder (${status.reason ?? 'it is a file'}).` };
    case 'unreadable':
      return { path, state: 'unreadable', message: `${path} cannot be read: ${status.reason ?? 'permission denied'}.` };
  }
}

function safeExpand(path: string, home: string): string | undefined {
  try {
    return expandRootPath(validateRoot(path), home);
  } catch {
    return undefined;
  }
}
