import { createHash } from 'node:crypto';
import { base32, slugify } from './labels.js';

/**
 * The agent label before ADR 0020: `a-<slug ≤ 40>-<6 base32 of sha256(workspace
 * path)>`. Never routed; kept only to carry a user's per-agent choices (kept
 * under the old id) over to the new label, once, on upgrade. Anyone could
 * compute it, so knowing it gives nothing away.
 */
export function legacyAgentLabel(name: string, workspacePath: string): string {
  return `a-${slugify(name, 40)}-${base32(createHash('sha256').update(workspacePath).digest(), 6)}`;
}

/**
 * `ids` with every pre-0020 agent id replaced by the current id of the same
 * workspace (order kept, no duplicates), or undefined when none was old.
 */
export function carryOverAgentIds(ids: readonly string[], workspaces: ReadonlyArray<{ id: string; name: string; path: string }>): string[] | undefined {
  const current = new Map(workspaces.map((w) => [legacyAgentLabel(w.name, w.path), w.id]));
  if (!ids.some((id) => current.has(id))) return undefined;
  return [...new Set(ids.map((id) => current.get(id) ?? id))];
}
