import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LogLine } from '../../../preload/contract.js';
import { useDesk } from '../../api/desk-context.js';

const NO_LINES: LogLine[] = [];

function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/**
 * An agent's log while the view is on screen: the output of its last
 * commands, then its container's own log, followed live (the desk follows
 * the container only while some view watches). `tail` keeps the last lines
 * only, for the offline view. Lines come scrubbed and without colour codes.
 */
export function AgentLog({ agent, tail }: { agent: { id: string; name: string }; tail?: number }) {
  const { stores, actions } = useDesk();
  const all = useStore(stores.lifecycle, (s) => s.byAgent[agent.id]?.lines ?? NO_LINES);
  const lines = tail === undefined ? all : all.slice(-tail);
  const list = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => actions.watchLogs(agent.id), [actions, agent.id]);

  // Follow the end, unless the user scrolled up to read.
  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  return (
    <div
      className="agent-log"
      role="log"
      aria-label={`Log of ${agent.name}`}
      tabIndex={0}
      ref={list}
      data-testid={`agent-log-${agent.id}`}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
      }}
    >
      {lines.length === 0 ? (
        <p className="log-empty muted">No output yet.</p>
      ) : (
        <ol className="agent-log-lines">
          {lines.map((line, index) => (
            <li key={`${line.at}-${index}`} className={`log-line log-${line.source}`}>
              <time className="log-time" dateTime={new Date(line.at).toISOString()}>
                {clock(line.at)}
              </time>{' '}
              {line.source === 'container' && <span className="visually-hidden">container: </span>}
              <span className="log-text">{line.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** A "Logs" disclosure that watches the log only while it is open. */
export function LogDisclosure({ agent, className }: { agent: { id: string; name: string }; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className ?? 'log-disclosure'} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary aria-label={`Logs of ${agent.name}`}>Logs</summary>
      {open && <AgentLog agent={agent} />}
    </details>
  );
}
