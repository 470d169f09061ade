import { createStore } from 'zustand/vanilla';
import type { DeskToast } from '../../preload/contract.js';

/** Toasts on screen at once; an older one gives way to a newer one. */
export const MAX_TOASTS = 3;

export interface ToastsState {
  toasts: DeskToast[];
  /** A new toast, or an update of one on screen (same id: replaced in place). */
  toastShown(toast: DeskToast): void;
  toastDismissed(id: string): void;
}

export function createToastsStore() {
  return createStore<ToastsState>()((set) => ({
    toasts: [],
    toastShown: (toast) =>
      set((state) => {
        const index = state.toasts.findIndex((shown) => shown.id === toast.id);
        if (index >= 0) return { toasts: state.toasts.map((shown, at) => (at === index ? toast : shown)) };
        return { toasts: [...state.toasts, toast].slice(-MAX_TOASTS) };
      }),
    toastDismissed: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
  }));
}

export type ToastsStore = ReturnType<typeof createToastsStore>;
