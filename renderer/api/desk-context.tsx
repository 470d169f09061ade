import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DeskApi } from '../../preload/contract.js';
import { createDeskStores, type DeskStores } from '../stores/desk-stores.js';
import { createDeskActions, type DeskActions, type DeskActionsOptions } from './desk-actions.js';
import { keepPlace, type PlaceDeps } from './desk-place.js';

/** One desk session as the UI holds it: the transport, the stores it fills, the actions on both. */
export interface DeskSession {
  api: DeskApi;
  stores: DeskStores;
  actions: DeskActions;
}

const DeskContext = createContext<DeskSession | null>(null);

/** How often idle agent views are checked against the hibernation setting. */
export const HIBERNATION_CHECK_MS = 30_000;

/**
 * Owns one desk session: its stores, its actions, the event subscription and
 * the hibernation timer, all disposed on unmount.
 */
export interface DeskProviderProps {
  api: DeskApi;
  options?: DeskActionsOptions;
  /** Where the place is kept; default the page's own address and localStorage, null for none. */
  place?: Pick<PlaceDeps, 'window' | 'storage'> | null;
  children: ReactNode;
}

function defaultPlace(): Pick<PlaceDeps, 'window' | 'storage'> | null {
  if (typeof window === 'undefined') return null;
  try {
    return { window, storage: window.localStorage };
  } catch {
    return { window, storage: null }; // storage denied: the address alone keeps the place
  }
}

export function DeskProvider({ api, options, place, children }: DeskProviderProps) {
  const [desk] = useState<DeskSession>(() => {
    const stores = createDeskStores();
    return { api, stores, actions: createDeskActions(api, stores, options) };
  });

  useEffect(() => {
    const disconnect = desk.actions.connect();
    void desk.actions.loadAll();
    const where = place === undefined ? defaultPlace() : place;
    const forgetPlace = where
      ? keepPlace({
          ...where,
          stores: desk.stores,
          selectAgent: (id, restored) => desk.actions.selectAgent(id, restored),
          showSession: (id, sessionId, restored) => desk.actions.showSession(id, sessionId, restored),
          now: () => Date.now(),
        })
      : () => undefined;
    const timer = setInterval(() => desk.actions.hibernateIdle(), HIBERNATION_CHECK_MS);
    return () => {
      clearInterval(timer);
      forgetPlace();
      disconnect();
    };
  }, [desk]);

  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskSession {
  const desk = useContext(DeskContext);
  if (desk === null) throw new Error('useDesk must be used inside <DeskProvider>');
  return desk;
}
