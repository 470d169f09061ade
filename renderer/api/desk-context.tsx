import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DeskApi } from '../../preload/contract.js';
import { createDeskStores, type DeskStores } from '../stores/desk-stores.js';
import { createDeskActions, type DeskActions, type DeskActionsOptions } from './desk-actions.js';

export interface Desk {
  api: DeskApi;
  stores: DeskStores;
  actions: DeskActions;
}

const DeskContext = createContext<Desk | null>(null);

/** How often idle agent views are checked against the hibernation setting. */
export const HIBERNATION_CHECK_MS = 30_000;

/**
 * Owns one desk session: its stores, its actions, the event subscription and
 * the hibernation timer, all disposed on unmount.
 */
export function DeskProvider({ api, options, children }: { api: DeskApi; options?: DeskActionsOptions; children: ReactNode }) {
  const [desk] = useState<Desk>(() => {
    const stores = createDeskStores();
    return { api, stores, actions: createDeskActions(api, stores, options) };
  });

  useEffect(() => {
    const disconnect = desk.actions.connect();
    void desk.actions.loadAll();
    const timer = setInterval(() => desk.actions.hibernateIdle(), HIBERNATION_CHECK_MS);
    return () => {
      clearInterval(timer);
      disconnect();
    };
  }, [desk]);

  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (desk === null) throw new Error('useDesk must be used inside <DeskProvider>');
  return desk;
}
