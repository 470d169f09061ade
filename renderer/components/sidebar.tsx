import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { dropIndex, dropPlacement, moveId, type DropPlacement } from '../logic/agent-order.js';
import { describeStatus } from '../logic/agent-status.js';
import { useOrderedAgents } from '../hooks/use-ordered-agents.js';
import { ActiveRunIndicator, StatusBadge } from './status-badge.js';
import { AttentionBadge } from './attention/attention-badge.js';
import { AgentMenu } from './lifecycle/agent-menu.js';

const DRAG_TYPE = 'application/x-agent-desk-agent';
const REORDER_HINT = 'Drag to reorder. With the keyboard: focus an agent and press Alt+↑ or Alt+↓.';

/**
 * Agents in the user's order. Reorder by dragging (a line shows where the
 * agent lands), or with Alt+Arrow Up/Down on a focused agent; the order is
 * saved through `settings:update`.
 */
export function Sidebar() {
  const { stores, actions } = useDesk();
  const ordered = useOrderedAgents();
  const view = useStore(stores.navigation, (s) => s.view);
  const activeAgentId = useStore(stores.navigation, (s) => s.activeAgentId);
  const sleeping = useStore(stores.navigation, (s) => s.sleeping);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [drop, setDrop] = useState<{ id: string; placement: DropPlacement } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const closeMenu = (id: string) => (refocus: boolean) => {
    setMenu(null);
    if (refocus) setFocusAfterMove(id);
  };

  useEffect(() => {
    if (focusAfterMove === null) return;
    buttons.current.get(focusAfterMove)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, ordered]);

  const ids = ordered.map((agent) => agent.id);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= ids.length || from === to) return;
    const id = ids[from]!;
    const name = ordered[from]!.name;
    setSaveError(null);
    void actions.reorderAgents(moveId(ids, from, to)).then((saved) => {
      if (!saved) setSaveError(stores.settings.getState().saveError ?? 'The desk refused the new order.');
    });
    setFocusAfterMove(id);
    setAnnouncement(`Moved ${name} to position ${to + 1} of ${ids.length}.`);
  };

  const focusAt = (index: number) => {
    const id = ids[Math.max(0, Math.min(ids.length - 1, index))];
    if (id !== undefined) buttons.current.get(id)?.focus();
  };

  // Arrow keys walk the list; Alt+Arrow moves the focused agent.
  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const box = event.currentTarget.getBoundingClientRect();
      setMenu({ id: ids[index]!, x: box.left + 16, y: box.bottom });
      return;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (event.altKey && step !== 0) move(index, index + step);
    else if (!event.altKey && step !== 0) focusAt(index + step);
    else if (!event.altKey && event.key === 'Home') focusAt(0);
    else if (!event.altKey && event.key === 'End') focusAt(ids.length - 1);
    else return;
    event.preventDefault();
  };

  const placementOf = (event: DragEvent<HTMLLIElement>): DropPlacement => {
    const box = event.currentTarget.getBoundingClientRect();
    return dropPlacement(event.clientY - box.top, box.height);
  };

  const onDrop = (index: number) => (event: DragEvent<HTMLLIElement>) => {
    event.preventDefault();
    setDrop(null);
    const from = ids.indexOf(event.dataTransfer.getData(DRAG_TYPE));
    if (from !== -1) move(from, dropIndex(from, index, placementOf(event)));
  };

  return (
    <nav className="sidebar" aria-label="Agents">
      <h2 className="sidebar-title" id="sidebar-title">
        Agents
      </h2>
      <p id="sidebar-reorder-hint" className="visually-hidden">
        Arrow keys move between agents; Alt+Arrow Up or Alt+Arrow Down moves the agent in this list; Shift+F10 opens its menu (start, stop,
        restart).
      </p>
      {ordered.length === 0 ? (
        <p className="muted sidebar-empty">No agents yet.</p>
      ) : (
        <ul className="sidebar-list" aria-labelledby="sidebar-title">
          {ordered.map((agent, index) => {
            const current = view === 'agent' && activeAgentId === agent.id;
            const asleep = sleeping[agent.id] === true;
            const dropClass = drop?.id === agent.id ? ` drop-${drop.placement}` : '';
            return (
              <li
                key={agent.id}
                className={`sidebar-item${dropClass}`}
                data-testid={`sidebar-item-${agent.id}`}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, agent.id);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(event) => {
                  if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  const placement = placementOf(event);
                  setDrop((previous) => (previous?.id === agent.id && previous.placement === placement ? previous : { id: agent.id, placement }));
                }}
                onDragLeave={() => setDrop((previous) => (previous?.id === agent.id ? null : previous))}
                onDragEnd={() => setDrop(null)}
                onDrop={onDrop(index)}
              >
                <span className="drag-handle" aria-hidden="true" title={REORDER_HINT}>
                  ⠿
                </span>
                <button
                  type="button"
                  className="sidebar-button"
                  ref={(element) => {
                    if (element) buttons.current.set(agent.id, element);
                    else buttons.current.delete(agent.id);
                  }}
                  aria-current={current ? 'page' : undefined}
                  aria-describedby="sidebar-reorder-hint"
                  title={`${agent.name}: ${describeStatus(agent).reason}${asleep ? ' Sleeping: its page was unloaded and loads again when you open it.' : ''}\n${REORDER_HINT}`}
                  aria-keyshortcuts={index < 9 ? `Control+${index + 1} Meta+${index + 1}` : undefined}
                  onClick={() => actions.selectAgent(agent.id)}
                  onContextMenu={(event) => {
                    event.preventDefault();
                    setMenu({ id: agent.id, x: event.clientX, y: event.clientY });
                  }}
                  onKeyDown={onKeyDown(index)}
                >
                  <span className="sidebar-name">{agent.name}</span>
                  {asleep && (
                    <span className="sleeping-badge" data-testid="sleeping-badge">
                      sleeping
                    </span>
                  )}
                  <StatusBadge agent={agent} />
                  <ActiveRunIndicator activeRuns={agent.sessions.activeRuns} />
                  <AttentionBadge counts={agent.attention} />
                </button>
                {menu?.id === agent.id && <AgentMenu agent={agent} at={menu} onClose={closeMenu(agent.id)} />}
              </li>
            );
          })}
        </ul>
      )}
      {saveError && (
        <p className="field-error sidebar-error" role="alert">
          Could not save the order: {saveError}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </nav>
  );
}
