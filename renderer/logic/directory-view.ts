import type { AgentRecord } from '../../preload/contract.js';
import { compareNames } from './agent-order.js';
import { describeStatus, STATUS_RANK, statusKind } from './agent-status.js';

export type DirectorySort = 'name' | 'status' | 'recent';

export const DIRECTORY_SORTS: { value: DirectorySort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'status', label: 'Status' },
  { value: 'recent', label: 'Recently opened' },
];

/**
 * Case-insensitive match of every whitespace-separated word against the
 * name, root, status label, version and capabilities.
 */
export function filterAgents(agents: readonly AgentRecord[], query: string): AgentRecord[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...agents];
  return agents.filter((agent) => {
    const haystack = [
      agent.name,
      agent.root,
      describeStatus(agent).label,
      statusKind(agent),
      agent.health.version ?? '',
      ...agent.health.capabilities,
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** `lastOpenedAt`: epoch ms per agent id of the last time the user opened it. */
export function sortAgents(
  agents: readonly AgentRecord[],
  by: DirectorySort,
  lastOpenedAt: Readonly<Record<string, number>> = {},
): AgentRecord[] {
  const sorted = [...agents];
  switch (by) {
    case 'name':
      return sorted.sort(compareNames);
    case 'status':
      return sorted.sort((a, b) => STATUS_RANK[statusKind(a)] - STATUS_RANK[statusKind(b)] || compareNames(a, b));
    case 'recent':
      return sorted.sort((a, b) => (lastOpenedAt[b.id] ?? 0) - (lastOpenedAt[a.id] ?? 0) || compareNames(a, b));
  }
}
