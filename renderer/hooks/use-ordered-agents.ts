import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { AgentRecord } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { orderAgents } from '../logic/agent-order.js';
import { shownAgentOrder } from '../stores/settings-store.js';

/** Agents in the user's sidebar order; the keyboard shortcuts number them the same way. */
export function useOrderedAgents(): AgentRecord[] {
  const { stores } = useDesk();
  const agents = useStore(stores.agents, (s) => s.agents);
  const agentOrder = useStore(stores.settings, shownAgentOrder);
  return useMemo(() => orderAgents(agents, agentOrder), [agents, agentOrder]);
}
