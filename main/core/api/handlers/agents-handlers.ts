import type { AgentsInvoke } from '../../../../preload/contract.js';
import type { AgentSource } from '../../agents/agent-source.js';
import { DeskError } from '../desk-errors.js';
import { agentId, objectOf } from '../request-validation.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

export interface EnterUrls {
  agent(agentId: string): string;
  widget?(agentId: string, mount: string): string;
}

/** The agent's id, when it exists and can be opened (it has an endpoint). */
export function readyAgent(agents: AgentSource, id: string): string {
  const agent = agents.byId(id);
  if (!agent) throw new DeskError('not-found', `no agent with id "${id}"`);
  if (!agent.endpoint) {
    throw new DeskError('not-ready', `${agent.record.name} cannot be opened: ${agent.record.reason ?? `it is ${agent.record.state}`}`);
  }
  return id;
}

/**
 * Registry bursts (a scan of a thousand workspaces) are coalesced into one
 * `agents:changed` per tick.
 */
export function createAgentsHandlers(agents: AgentSource, enterUrls: EnterUrls, emit: EmitStateEvent): DomainHandlers<keyof AgentsInvoke> {
  let pending: NodeJS.Immediate | undefined;
  const unsubscribe = agents.onChange(() => {
    pending ??= setImmediate(() => {
      pending = undefined;
      emit({ channel: 'agents:changed', payload: { agents: agents.list() } });
    });
  });
  return {
    channels: {
      'agents:list': { validate: noPayload, handle: () => agents.list() },
      'agents:open': {
        validate: (payload) => ({ id: agentId(objectOf(payload).id) }),
        handle: ({ id }) => ({ url: enterUrls.agent(readyAgent(agents, id)) }),
      },
    },
    snapshot: () => [{ channel: 'agents:changed', payload: { agents: agents.list() } }],
    dispose: () => {
      if (pending) clearImmediate(pending);
      pending = undefined;
      unsubscribe();
    },
  };
}
