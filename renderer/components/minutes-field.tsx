import type { ReactNode } from 'react';
import { MAX_HIBERNATE_MINUTES } from '../logic/settings-draft.js';

interface MinutesFieldProps {
  id: string;
  label: string;
  /** The draft's text, as typed (checked by settings-draft, not here). */
  value: string;
  problem: string | undefined;
  hint: ReactNode;
  onChange(value: string): void;
}

/** A whole number of minutes, 0 = never, up to a day (hibernation, idle stop): label, input, hint and its error. */
export function MinutesField({ id, label, value, problem, hint, onChange }: MinutesFieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        min={0}
        max={MAX_HIBERNATE_MINUTES}
        step={1}
        value={value}
        aria-describedby={`${id}-hint`}
        aria-invalid={problem !== undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="muted" id={`${id}-hint`}>
        {hint}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
