import { useStore } from 'zustand';
import type { AttentionAnswer, AttentionItem } from '../../../preload/contract.js';
import { useDesk } from '../../api/desk-context.js';
import { errorMessage } from '../../api/desk-api-error.js';
import { KIND_LABELS } from '../../logic/attention-view.js';
import { RelativeTime } from '../relative-time.js';
import { QuestionForm } from './question-form.js';

/** Sends an answer; the item leaves when the desk's next list no longer has it. */
function useAnswer(itemId: string) {
  const { api, stores } = useDesk();
  const busy = useStore(stores.attention, (s) => s.answering[itemId] === true);
  const error = useStore(stores.attention, (s) => s.errors[itemId]);
  const send = async (answer: AttentionAnswer) => {
    stores.attention.getState().answerStarted(itemId);
    try {
      await api.invoke('attention:answer', answer);
      stores.attention.getState().answerFinished(itemId, null);
    } catch (err) {
      stores.attention.getState().answerFinished(itemId, errorMessage(err));
    }
  };
  return { busy, error, send };
}

/** One inbox entry: who, which session, why; options as buttons, questions as a form; Open. */
export function AttentionEntry({ item }: { item: AttentionItem }) {
  const { api, actions } = useDesk();
  const { busy, error, send } = useAnswer(item.id);
  const headingId = `attention-${item.id}`;
  return (
    <li className={`attention-item attention-${item.kind}`} aria-labelledby={headingId} data-testid={`attention-item-${item.kind}`}>
      <div className="attention-head">
        <span className="attention-kind">{KIND_LABELS[item.kind]}</span>
        {/* A finished run's reason is its kind: the session names it ("Finished · Weekly report"). */}
        <strong id={headingId} className="attention-title">
          {item.kind === 'finished' ? item.sessionTitle : item.title}
        </strong>
        {item.kind !== 'finished' && <span className="attention-session">{item.sessionTitle}</span>}
        <RelativeTime at={item.since} />
      </div>
      {item.kind === 'approval' && (
        <div className="attention-options" role="group" aria-label={`Answer: ${item.title}`}>
          {(item.options ?? []).map((option) => (
            <button
              key={option.index}
              type="button"
              className="button"
              disabled={busy}
              title={option.description}
              onClick={() => void send({ itemId: item.id, choice: option.index })}
            >
              {option.label}
            </button>
          ))}
        </div>
      )}
      {item.kind === 'question' && <QuestionForm item={item} busy={busy} onSend={(answers) => void send({ itemId: item.id, answers })} />}
      <div className="attention-actions">
        <button type="button" className="button" onClick={() => actions.showSession(item.agentId, item.sessionId)}>
          Open
        </button>
        {(item.kind === 'finished' || item.kind === 'failed') && (
          <button type="button" className="link-button" onClick={() => void api.invoke('attention:seen', { agentId: item.agentId, sessionId: item.sessionId })}>
            Dismiss
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
