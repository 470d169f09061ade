import type { AttentionAnswer, AttentionInvoke, AttentionItem, NotificationSettings } from '../../../../preload/contract.js';
import { parseAnswerRequest } from '../../attention/answer.js';
import type { AttentionChange } from '../../attention/attention-center.js';
import type { FocusReport } from '../../attention/focus-tracker.js';
import { noticesFor } from '../../attention/notifications.js';
import { DeskError } from '../desk-errors.js';
import { agentId, objectOf, sessionId } from '../request-validation.js';
import { noPayload, type DomainHandlers, type EmitStateEvent } from './domain-handlers.js';

/** What the attention domain needs (AttentionCenter fits). */
export interface AttentionPort {
  list(): AttentionItem[];
  answer(request: AttentionAnswer): Promise<{ ok: true }>;
  seen(agentId: string, sessionId?: string): void;
  reportFocus(report: FocusReport): void;
  onChange(listener: (change: AttentionChange) => void): () => void;
}

/** No attention center (tests of other domains): nothing to list, nothing to answer. */
const NO_ATTENTION: AttentionPort = {
  list: () => [],
  answer: () => Promise.reject(new DeskError('conflict', 'that item no longer exists')),
  seen: () => undefined,
  reportFocus: () => undefined,
  onChange: () => () => undefined,
};

export function createAttentionHandlers(
  port: AttentionPort = NO_ATTENTION,
  notifications: () => NotificationSettings | undefined,
  emit: EmitStateEvent,
): DomainHandlers<keyof AttentionInvoke> {
  const unsubscribe = port.onChange((change) => {
    const settings = notifications();
    const notify = settings ? noticesFor(change.fresh, settings) : [];
    emit({ channel: 'attention:changed', payload: { items: change.items, notify } });
  });
  return {
    channels: {
      'attention:list': { validate: noPayload, handle: () => ({ items: port.list() }) },
      'attention:answer': { validate: parseAnswerRequest, handle: (request) => port.answer(request) },
      'attention:seen': {
        validate: (payload) => {
          const body = objectOf(payload);
          return body.sessionId === undefined ? { agentId: agentId(body.agentId) } : { agentId: agentId(body.agentId), sessionId: sessionId(body.sessionId) };
        },
        handle: ({ agentId: id, sessionId: session }) => {
          port.seen(id, session);
          return { ok: true };
        },
      },
      'attention:focus': {
        validate: (payload) => {
          const body = objectOf(payload);
          if (typeof body.focused !== 'boolean') throw new DeskError('bad-request', '"focused" must be true or false');
          return { agentId: body.agentId === null ? null : agentId(body.agentId), focused: body.focused };
        },
        handle: (report) => {
          port.reportFocus(report);
          return { ok: true };
        },
      },
    },
    snapshot: () => [{ channel: 'attention:changed', payload: { items: port.list(), notify: [] } }],
    dispose: unsubscribe,
  };
}
