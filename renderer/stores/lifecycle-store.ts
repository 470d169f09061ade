import { createStore } from 'zustand/vanilla';
import type { AgentRecord, LifecycleProgress, LifecycleVerb, LogLine } from '../../preload/contract.js';

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
  /**
   * The records say what the desk runs now: a command shown as running that
   * the desk no longer runs ended while this page missed its events (the
   * stream dropped), and one running that this page never heard of (started
   * elsewhere, e.g. the tray) is shown as running.
   */
  recordsChanged(records: readonly AgentRecord[]): void;
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
    recordsChanged: (records) =>
      set((state) => {
        let byAgent = state.byAgent;
        for (const record of records) {
          const current = byAgent[record.id];
          const shown = current?.progress?.phase === 'running' ? current.progress.verb : undefined;
          const running = record.runtime.operation;
          if (shown === running) continue;
          if (byAgent === state.byAgent) byAgent = { ...byAgent };
          byAgent[record.id] = running
            ? { lines: current?.lines ?? [], progress: { id: record.id, verb: running, phase: 'running', message: `${running} ${record.name}` } }
            : { lines: current?.lines ?? [] };
        }
        return byAgent === state.byAgent ? state : { byAgent };
      }),
    refused: (id, verb, message) =>
      set((state) => ({ byAgent: { ...state.byAgent, [id]: { ...(state.byAgent[id] ?? EMPTY), progress: { id, verb, phase: 'failed', message } } } })),
  }));
}

export type LifecycleStore = ReturnType<typeof createLifecycleStore>;
