import type { AttentionCounts, AttentionItem } from '../../preload/contract.js';

export interface AgentGroup {
  agentId: string;
  agentName: string;
  items: AttentionItem[];
}

/** Items grouped by agent; groups ordered by their newest item, items newest first. */
export function groupByAgent(items: readonly AttentionItem[]): AgentGroup[] {
  const groups = new Map<string, AgentGroup>();
  for (const item of [...items].sort((a, b) => b.since - a.since)) {
    let group = groups.get(item.agentId);
    if (!group) {
      group = { agentId: item.agentId, agentName: item.agentName, items: [] };
      groups.set(item.agentId, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}


/** `(N) Agent Desk` while N items need the user, else `Agent Desk`. */
export function deskTitle(needsYou: number): string {
  return needsYou > 0 ? `(${needsYou}) Agent Desk` : 'Agent Desk';
}

/** What a badge says to a screen reader. */
export function badgeLabel(counts: AttentionCounts): string | null {
  const parts: string[] = [];
  if (counts.needsYou > 0) parts.push(counts.needsYou === 1 ? '1 item waits for you' : `${counts.needsYou} items wait for you`);
  if (counts.finished > 0) parts.push(counts.finished === 1 ? '1 finished run to see' : `${counts.finished} finished runs to see`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export const KIND_LABELS: Record<AttentionItem['kind'], string> = {
  approval: 'Wants approval',
  question: 'Asks',
  finished: 'Finished',
  failed: 'Failed',
};
