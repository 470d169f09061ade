import type { AgentsInvoke, AgentsStreams } from '../../../../preload/contract.js';
import type { AgentSource } from '../../agents/agent-source.js';
import { DeskError } from '../desk-errors.js';
import { agentId, objectOf, sessionId } from '../request-validation.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

export interface EnterUrls {
  /** `to`: a path on the agent's host to land on (a session). */
  agent(agentId: string, to?: string): string;
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

/** How often probe times and latencies that changed nothing else reach the pages (one `agents:changed`). */
export const FRESHNESS_EMIT_MS = 5_000;

/**
 * Registry bursts (a scan of a thousand workspaces) are coalesced into one
 * `agents:changed` per tick. Probes that only moved "checked" and latency
 * are gathered for `freshnessMs` into one more: twenty agents probed every
 * 10 s wake the pages once per window, not twice a second.
 */
export function createAgentsHandlers(
  agents: AgentSource,
  enterUrls: EnterUrls,
  emit: EmitStateEvent,
  freshnessMs = FRESHNESS_EMIT_MS,
): DomainHandlers<keyof AgentsInvoke, keyof AgentsStreams> {
  let pending: NodeJS.Immediate | undefined;
  let fresh: NodeJS.Timeout | undefined;
  const listEvent = () => ({ channel: 'agents:changed' as const, payload: { agents: agents.list() } });
  const emitList = (): void => emit(listEvent());
  const unsubscribe = agents.onChange(() => {
    pending ??= setImmediate(() => {
      pending = undefined;
      emitList();
    });
  });
  const unsubscribeFreshness = agents.onFreshness?.(() => {
    fresh ??= setTimeout(() => {
      fresh = undefined;
      emitList();
    }, freshnessMs);
  });
  return {
    channels: {
      'agents:list': { validate: noPayload, handle: () => agents.list() },
      'agents:open': {
        validate: (payload) => {
          const body = objectOf(payload);
          return body.sessionId === undefined ? { id: agentId(body.id) } : { id: agentId(body.id), sessionId: sessionId(body.sessionId) };
        },
        handle: ({ id, sessionId: session }) => {
          readyAgent(agents, id);
          // The web UI shows a session at `{base}/{session_id}`.
          const to = session === undefined ? undefined : `${agents.byId(id)?.endpoint?.basePath ?? ''}/${session}`;
          return { url: enterUrls.agent(id, to) };
        },
      },
    },
    streams: {
      'agents:watch': {
        validate: (payload) => ({ id: agentId(objectOf(payload).id) }),
        open: ({ id }, sink) => {
          const agent = agents.byId(id);
          if (!agent) throw new DeskError('not-found', `no agent with id "${id}"`);
          sink.chunk(agent.record);
          return agents.onChange((change) => {
            if (change.id !== id) return;
            const current = agents.byId(id);
            if (change.kind === 'removed' || !current) sink.end();
            else sink.chunk(current.record);
          });
        },
      },
    },
    snapshot: () => [listEvent()],
    dispose: () => {
      if (pending) clearImmediate(pending);
      if (fresh) clearTimeout(fresh);
      pending = undefined;
      fresh = undefined;
      unsubscribe();
      unsubscribeFreshness?.();
    },
  };
}
