import { createAgentsStore, type AgentsStore } from './agents-store.js';
import { createAttentionStore, type AttentionStore } from './attention-store.js';
import { createConnectionStore, type ConnectionStore } from './connection-store.js';
import { createDeskStore, type DeskStore } from './desk-store.js';
import { createLifecycleStore, type LifecycleStore } from './lifecycle-store.js';
import { createFramedStorageStore, type FramedStorageStore } from './framed-storage-store.js';
import { createNavigationStore, type NavigationStore } from './navigation-store.js';
import { createSettingsStore, type SettingsStore } from './settings-store.js';
import { createToastsStore, type ToastsStore } from './toasts-store.js';

/** One set of feature stores per mounted desk (tests mount many). */
export interface DeskStores {
  agents: AgentsStore;
  desk: DeskStore;
  settings: SettingsStore;
  navigation: NavigationStore;
  connection: ConnectionStore;
  toasts: ToastsStore;
  framedStorage: FramedStorageStore;
  attention: AttentionStore;
  lifecycle: LifecycleStore;
}

export function createDeskStores(): DeskStores {
  return {
    agents: createAgentsStore(),
    desk: createDeskStore(),
    settings: createSettingsStore(),
    navigation: createNavigationStore(),
    connection: createConnectionStore(),
    toasts: createToastsStore(),
    framedStorage: createFramedStorageStore(),
    attention: createAttentionStore(),
    lifecycle: createLifecycleStore(),
  };
}
