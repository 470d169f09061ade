import type { WidgetsInvoke } from '../../../../preload/contract.js';
import type { AgentSource } from '../../agents/agent-source.js';
import { DeskError } from '../desk-errors.js';
import { agentId, mount, objectOf } from '../request-validation.js';
import { readyAgent, type EnterUrls } from './agents-handlers.js';
import type { DomainHandlers } from './domain-handlers.js';

export function createWidgetsHandlers(agents: AgentSource, enterUrls: EnterUrls): DomainHandlers<keyof WidgetsInvoke> {
  return {
    channels: {
      'widgets:open': {
        validate: (payload) => {
          const body = objectOf(payload);
          return { agentId: agentId(body.agentId), mount: mount(body.mount) };
        },
        handle: ({ agentId: id, mount: widgetMount }) => {
          const widget = enterUrls.widget;
          if (!widget) throw new DeskError('unsupported', 'widget windows are not available in this build');
          readyAgent(agents, id);
          return { url: widget(id, widgetMount) };
        },
      },
    },
  };
}
