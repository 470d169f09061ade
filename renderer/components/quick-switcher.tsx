import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useDesk } from '../api/desk-context.js';
import { fuzzyFilter } from '../logic/fuzzy.js';
import { useOrderedAgents } from '../hooks/use-ordered-agents.js';
import { StatusBadge } from './status-badge.js';

/** Ctrl/Cmd+K: type part of a name, Enter opens the best match. */
export function QuickSwitcher() {
  const { stores, actions } = useDesk();
  const ordered = useOrderedAgents();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const matches = useMemo(() => fuzzyFilter(ordered, query, (agent) => agent.name), [ordered, query]);
  const close = () => stores.navigation.getState().switcherClosed();

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => setSelected(0), [query]);

  const pick = (id: string | undefined) => {
    if (id === undefined) return;
    close();
    actions.selectAgent(id);
    // Typing goes to the chosen agent next, not back to whatever had focus.
    stores.navigation.getState().agentFocusRequested(id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setSelected((index) => Math.min(index + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setSelected((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter') pick(matches[selected]?.id);
    else if (event.key === 'Escape') close();
    // The input is the dialog's only focusable element: keep focus inside the modal.
    else if (event.key === 'Tab') input.current?.focus();
    else return;
    event.preventDefault();
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="switcher-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="switcher" role="dialog" aria-modal="true" aria-label="Quick switcher" onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="input switcher-input"
          role="combobox"
          aria-label="Switch to agent"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={matches.length > 0 ? optionId(selected) : undefined}
          placeholder="Type an agent name…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <ul id={listId} className="switcher-list" role="listbox" aria-label="Matching agents">
          {matches.map((agent, index) => (
            <li
              key={agent.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === selected}
              className="switcher-option"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(agent.id)}
            >
              <span>{agent.name}</span>
              <StatusBadge agent={agent} />
            </li>
          ))}
        </ul>
        {matches.length === 0 && (
          <p className="muted" role="status">
            No agent matches.
          </p>
        )}
      </div>
    </div>
  );
}
