import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { AgentRecord, LifecycleVerb } from '../../../preload/contract.js';
import { useDesk } from '../../api/desk-context.js';
import { lifecycleOffer, progressText, verbLabel } from '../../logic/lifecycle-view.js';

const VERBS: readonly LifecycleVerb[] = ['start', 'stop', 'restart'];

export interface LifecycleControlsProps {
  agent: AgentRecord;
  /** The verbs this place offers (the offline view offers Start alone); default all three. */
  verbs?: readonly LifecycleVerb[];
  /** The verb drawn as the main action. */
  primary?: LifecycleVerb;
}

/**
 * Start / Stop / Restart for one agent as the desk can run them, Cancel
 * while a command runs, and what the last command did. Nothing at all for
 * an agent whose root has no commands (runtime `none`).
 */
export function LifecycleControls({ agent, verbs = VERBS, primary }: LifecycleControlsProps) {
  const { stores, actions } = useDesk();
  const progress = useStore(stores.lifecycle, (s) => s.byAgent[agent.id]?.progress);
  const group = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const offer = lifecycleOffer(agent, progress);
  const shown = offer ? verbs.filter((verb) => offer[verb]) : [];
  const key = `${shown.join()}|${offer?.running ?? ''}`;

  // The pressed button gives way to Cancel (and back): keep keyboard focus in the group, not lost on the page.
  useEffect(() => {
    if (!hadFocus.current || !group.current) return;
    if (!group.current.contains(document.activeElement)) group.current.querySelector('button')?.focus();
  }, [key]);

  if (!offer) return null;
  const status = progressText(agent.name, progress);
  return (
    <div className="lifecycle">
      <div
        className="lifecycle-controls"
        role="group"
        aria-label={`Start and stop ${agent.name}`}
        ref={group}
        onFocus={() => (hadFocus.current = true)}
        onBlur={(event) => (hadFocus.current = group.current?.contains(event.relatedTarget as Node | null) ?? false)}
      >
        {shown.map((verb) => (
          <button
            key={verb}
            type="button"
            className={verb === primary ? 'button button-primary' : 'button'}
            aria-label={`${verbLabel(verb)} ${agent.name}`}
            onClick={() => void actions.runLifecycle(agent.id, verb)}
          >
            {verbLabel(verb)}
          </button>
        ))}
        {offer.running && (
          <button type="button" className="button" aria-label={`Cancel ${offer.running} of ${agent.name}`} onClick={() => void actions.cancelLifecycle(agent.id)}>
            Cancel
          </button>
        )}
      </div>
      <p className={status?.failed ? 'lifecycle-status lifecycle-failed' : 'lifecycle-status'} role={status?.failed ? 'alert' : 'status'} data-testid={`lifecycle-status-${agent.id}`}>
        {status?.text}
      </p>
    </div>
  );
}
