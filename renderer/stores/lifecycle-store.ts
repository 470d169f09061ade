import { createStore } from 'zustand/vanilla';
import type { LifecycleProgress, LifecycleVerb, LogLine } from '../../preload/contract.js';

/** Log lines kept per agent in the UI (the desk keeps its own, larger ring). */
export const MAX_UI_LOG_LINES = 500;

export interface AgentLifecycle {
  /** The last command's progress (running, done, failed). */
  progress?: LifecycleProgress;
  lines: LogLine[];
}

export interface LifecycleState {
  byAgent: Record<string, AgentLifecycle>;
  progressed(progress: LifecycleProgress): void;
  logged(id: string, line: LogLine): void;
  /** Lines read from the desk (a log view opened): they replace what the UI had. */
  linesLoaded(id: string, lines: LogLine[]): void;
  /** The desk refused a command (busy, no command, not found): shown like a failed run. */
  refused(id: string, verb: LifecycleVerb, message: string): void;
  /** The desk runs nothing for the agent (a missed end): forget the progress shown. */
  settled(id: string): void;
}

const EMPTY: AgentLifecycle = { lines: [] };

export function createLifecycleStore() {
  return createStore<LifecycleState>()((set) => ({
    byAgent: {},
    progressed: (progress) =>
      set((state) => ({ byAgent: { ...state.byAgent, [progress.id]: { ...(state.byAgent[progress.id] ?? EMPTY), progress } } })),
    logged: (id, line) =>
      set((state) => {
        const current = state.byAgent[id] ?? EMPTY;
        return { byAgent: { ...state.byAgent, [id]: { ...current, lines: [...current.lines, line].slice(-MAX_UI_LOG_LINES) } } };
      }),
    linesLoaded: (id, lines) =>
      set((state) => ({ byAgent: { ...state.byAgent, [id]: { ...(state.byAgent[id] ?? EMPTY), lines: lines.slice(-MAX_UI_LOG_LINES) } } })),
    settled: (id) =>
      set((state) => {
        const current = state.byAgent[id];
        if (!current?.progress) return state;
        return { byAgent: { ...state.byAgent, [id]: { lines: current.lines } } };
      }),
    refused: (id, verb, message) =>
      set((state) => ({ byAgent: { ...state.byAgent, [id]: { ...(state.byAgent[id] ?? EMPTY), progress: { id, verb, phase: 'failed', message } } } })),
  }));
}

export type LifecycleStore = ReturnType<typeof createLifecycleStore>;
