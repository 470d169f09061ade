import type { AgentRecord } from '../../preload/contract.js';
import { isReachable } from './agent-status.js';

/**
 * When each agent stopped being reachable, as far as this page saw: kept
 * while it stays down, dropped when it is back (or gone). `now` stamps the
 * agents that just went down.
 */
export function nextDownSince(
  previous: Readonly<Record<string, number>>,
  agents: readonly Pick<AgentRecord, 'id' | 'state' | 'health'>[],
  now: number,
): Record<string, number> {
  const next: Record<string, number> = {};
  for (const agent of agents) {
    if (isReachable(agent)) continue;
    next[agent.id] = previous[agent.id] ?? now;
  }
  return next;
}
