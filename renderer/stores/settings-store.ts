import { createStore } from 'zustand/vanilla';
import type { DeskSettings } from '../../preload/contract.js';
import type { SettingsDraft } from '../logic/settings-draft.js';
import type { LoadStatus } from './agents-store.js';

export interface SettingsState {
  settings: DeskSettings | null;
  status: LoadStatus;
  error: string | null;
  /** The server's answer to the last rejected update (e.g. a root that does not exist). */
  saveError: string | null;
  saving: boolean;
  /** The Settings form's unsaved edits; kept while the user looks elsewhere. Null: nothing unsaved. */
  draft: SettingsDraft | null;
  /** Epoch ms of the last save the form made (for "Saved"). */
  savedAt: number | null;
  /**
   * The order the sidebar shows while the user's reorders are being saved;
   * the desk's answers and events in between do not move it back. Null: none pending.
   */
  pendingAgentOrder: string[] | null;
  settingsLoadStarted(): void;
  settingsDraftChanged(draft: SettingsDraft | null): void;
  settingsSaved(at: number): void;
  settingsChanged(settings: DeskSettings): void;
  settingsLoadFailed(message: string): void;
  settingsSaveStarted(): void;
  settingsSaveFailed(message: string): void;
  /** Optimistic: the sidebar shows the new order before the server confirms it. */
  agentOrderChanged(agentOrder: string[]): void;
  /** The reorders were saved or refused: show the desk's order again. */
  agentOrderSettled(): void;
}

const NO_ORDER: readonly string[] = [];

/** The sidebar's order: the one being saved, else the desk's. */
export function shownAgentOrder(state: SettingsState): readonly string[] {
  return state.pendingAgentOrder ?? state.settings?.agentOrder ?? NO_ORDER;
}

export function createSettingsStore() {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    status: 'loading',
    error: null,
    saveError: null,
    saving: false,
    draft: null,
    savedAt: null,
    pendingAgentOrder: null,
    settingsDraftChanged: (draft) => set({ draft, savedAt: null }),
    settingsSaved: (at) => set({ draft: null, savedAt: at }),
    settingsLoadStarted: () => set((state) => ({ status: state.settings ? 'loaded' : 'loading', error: null })),
    settingsChanged: (settings) => set({ settings, status: 'loaded', error: null, saving: false }),
    settingsLoadFailed: (message) => set((state) => ({ status: state.settings ? 'loaded' : 'failed', error: message })),
    settingsSaveStarted: () => set({ saving: true, saveError: null }),
    settingsSaveFailed: (message) => set({ saving: false, saveError: message }),
    agentOrderChanged: (agentOrder) => set({ pendingAgentOrder: agentOrder }),
    agentOrderSettled: () => set({ pendingAgentOrder: null }),
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
