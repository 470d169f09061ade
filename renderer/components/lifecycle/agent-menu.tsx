import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { AgentRecord } from '../../../preload/contract.js';
import { useDesk } from '../../api/desk-context.js';
import { lifecycleOffer, verbLabel } from '../../logic/lifecycle-view.js';

export interface AgentMenuProps {
  agent: AgentRecord;
  /** Viewport coordinates of the menu's top-left corner. */
  at: { x: number; y: number };
  /** `refocus`: give focus back to what opened the menu (Escape, a chosen item). */
  onClose(refocus: boolean): void;
}

interface MenuEntry {
  key: string;
  label: string;
  run(): void;
}

/**
 * The sidebar's context menu for one agent (right click, the Menu key or
 * Shift+F10): Open, then whichever of Start / Stop / Restart the desk can
 * run, or Cancel while a command runs. A WAI-ARIA menu: arrow keys, Home,
 * End, Escape; focus returns to the agent.
 */
export function AgentMenu({ agent, at, onClose }: AgentMenuProps) {
  const { stores, actions } = useDesk();
  const progress = useStore(stores.lifecycle, (s) => s.byAgent[agent.id]?.progress);
  const menu = useRef<HTMLUListElement>(null);
  const offer = lifecycleOffer(agent, progress);
  const entries: MenuEntry[] = [{ key: 'open', label: 'Open', run: () => actions.selectAgent(agent.id) }];
  if (offer) {
    for (const verb of ['start', 'stop', 'restart'] as const) {
      if (offer[verb]) entries.push({ key: verb, label: verbLabel(verb), run: () => void actions.runLifecycle(agent.id, verb) });
    }
    if (offer.running) entries.push({ key: 'cancel', label: `Cancel ${offer.running}`, run: () => void actions.cancelLifecycle(agent.id) });
  }

  // The latest onClose, for listeners added once when the menu opens.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: MouseEvent) => {
      if (menu.current && !menu.current.contains(event.target as Node)) close.current(false);
    };
    const onBlur = () => close.current(false);
    document.addEventListener('mousedown', onPointerDown);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('mousedown', onPointerDown);
      window.removeEventListener('blur', onBlur);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (next: number) => items[(next + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') focus(index + 1);
    else if (event.key === 'ArrowUp') focus(index - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(items.length - 1);
    else if (event.key === 'Escape') onClose(true);
    else if (event.key === 'Tab') onClose(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <ul className="agent-menu" role="menu" aria-label={`${agent.name} actions`} ref={menu} style={{ position: 'fixed', left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <li key={entry.key} role="none">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              entry.run();
              onClose(entry.key !== 'open');
            }}
          >
            {entry.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
