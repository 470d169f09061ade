import { createStore } from 'zustand/vanilla';
import type { AttentionItem, AttentionNotice } from '../../preload/contract.js';

export interface AttentionState {
  /** Every item across agents, newest first (as the desk sends them). */
  items: AttentionItem[];
  /** Notifications of the last change, numbered so a listener shows each batch once. */
  notices: { seq: number; list: AttentionNotice[] };
  /** Item ids with an answer on its way, and the last answer error per item. */
  answering: Record<string, true>;
  errors: Record<string, string>;
  attentionChanged(items: AttentionItem[], notify: AttentionNotice[]): void;
  answerStarted(itemId: string): void;
  answerFinished(itemId: string, error: string | null): void;
}

export function createAttentionStore() {
  return createStore<AttentionState>()((set) => ({
    items: [],
    notices: { seq: 0, list: [] },
    answering: {},
    errors: {},
    attentionChanged: (items, notify) =>
      set((state) => ({
        items,
        notices: notify.length > 0 ? { seq: state.notices.seq + 1, list: notify } : state.notices,
      })),
    answerStarted: (itemId) =>
      set((state) => {
        const errors = { ...state.errors };
        delete errors[itemId];
        return { answering: { ...state.answering, [itemId]: true }, errors };
      }),
    answerFinished: (itemId, error) =>
      set((state) => {
        const answering = { ...state.answering };
        delete answering[itemId];
        return { answering, errors: error === null ? state.errors : { ...state.errors, [itemId]: error } };
      }),
  }));
}

export type AttentionStore = ReturnType<typeof createAttentionStore>;
