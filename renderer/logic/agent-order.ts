import type { AgentRecord } from '../../preload/contract.js';

/**
 * The sidebar order: ids the user placed come first in their order (unknown
 * ids are ignored), every other agent follows by name.
 */
export function orderAgents(agents: readonly AgentRecord[], agentOrder: readonly string[]): AgentRecord[] {
  const position = new Map<string, number>();
  agentOrder.forEach((id, index) => {
    if (!position.has(id)) position.set(id, index);
  });
  return [...agents].sort((a, b) => {
    const pa = position.get(a.id);
    const pb = position.get(b.id);
    if (pa !== undefined && pb !== undefined) return pa - pb;
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return compareNames(a, b);
  });
}

export function compareNames(a: Pick<AgentRecord, 'name' | 'id'>, b: Pick<AgentRecord, 'name' | 'id'>): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || a.id.localeCompare(b.id);
}

/** `ids` with the item at `from` moved to `to` (both clamped); a new array. */
export function moveId(ids: readonly string[], from: number, to: number): string[] {
  const result = [...ids];
  if (from < 0 || from >= result.length) return result;
  const target = Math.max(0, Math.min(result.length - 1, to));
  const [moved] = result.splice(from, 1);
  if (moved !== undefined) result.splice(target, 0, moved);
  return result;
}

export type DropPlacement = 'before' | 'after';

/** Whether a drop at `offsetY` inside a row of `height` goes before or after it (upper half: before). */
export function dropPlacement(offsetY: number, height: number): DropPlacement {
  return offsetY < height / 2 ? 'before' : 'after';
}

/**
 * The index the dragged item ends up at (for `moveId`) when dropped before
 * or after the row at `target`: exactly where the drop line was drawn, in
 * both directions.
 */
export function dropIndex(from: number, target: number, placement: DropPlacement): number {
  const slot = placement === 'before' ? target : target + 1; // gap index in the list before the move
  return slot > from ? slot - 1 : slot;
}
