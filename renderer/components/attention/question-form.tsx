import { useState, type FormEvent } from 'react';
import type { AttentionItem, AttentionQuestion } from '../../../preload/contract.js';

type Answer = string | string[];

function labelOf(question: AttentionQuestion): string {
  return question.header ? `${question.header}: ${question.question}` : question.question;
}

/** A multi-select question: a labelled group of checkboxes; every ticked option is sent. */
function ChoiceGroup({ id, question, value, onChange }: { id: string; question: AttentionQuestion; value: string[]; onChange: (next: string[]) => void }) {
  const toggle = (option: string, on: boolean) => onChange(on ? question.options!.filter((o) => o === option || value.includes(o)) : value.filter((o) => o !== option));
  return (
    <fieldset className="attention-field attention-choices">
      <legend>{labelOf(question)}</legend>
      <span className="hint">Choose one or more.</span>
      {question.options!.map((option, index) => (
        <label key={option} className="checkbox" htmlFor={`${id}-${index}`}>
          <input id={`${id}-${index}`} type="checkbox" checked={value.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A question item's form: one field per question (a choice, several choices,
 * or free text). Sends one answer per question; main checks them against
 * the question and writes term-llm's answer objects (ADR 0031).
 */
export function QuestionForm({ item, busy, onSend }: { item: AttentionItem; busy: boolean; onSend: (answers: Answer[]) => void }) {
  const questions = item.questions ?? [];
  const [answers, setAnswers] = useState<Answer[]>(() => questions.map((q) => (q.multiSelect ? [] : '')));
  const [missing, setMissing] = useState<string | null>(null);
  const set = (index: number, value: Answer) => {
    setMissing(null);
    setAnswers((current) => current.map((answer, i) => (i === index ? value : answer)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A checkbox group has no native `required`: say which one needs a choice.
    const empty = questions.findIndex((q, i) => q.multiSelect && answers[i]!.length === 0);
    if (empty >= 0) {
      setMissing(`Choose at least one option for “${labelOf(questions[empty]!)}”.`);
      return;
    }
    onSend(answers);
  };
  return (
    <form className="attention-form" onSubmit={submit} aria-label={`Answer ${item.agentName}`}>
      {questions.map((question, index) => {
        const id = `q-${item.id}-${index}`;
        const value = answers[index]!;
        if (question.multiSelect && question.options) {
          return <ChoiceGroup key={id} id={id} question={question} value={value as string[]} onChange={(next) => set(index, next)} />;
        }
        return (
          <div key={id} className="attention-field">
            <label htmlFor={id}>{labelOf(question)}</label>
            {question.options ? (
              <select id={id} className="input" value={value as string} onChange={(event) => set(index, event.target.value)} required>
                <option value="" disabled>
                  Choose…
                </option>
                {question.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} className="input" value={value as string} onChange={(event) => set(index, event.target.value)} required />
            )}
          </div>
        );
      })}
      {missing && (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        Send answer
      </button>
    </form>
  );
}
