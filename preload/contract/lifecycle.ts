/**
 * Lifecycle of agents (channels of the agents domain): start, stop and
 * restart run the root's commands on the desk; progress and log lines
 * arrive as events. Log text is scrubbed of tokens and API keys on the desk
 * before it is stored or sent.
 */

export type LifecycleVerb = 'start' | 'stop' | 'restart';

export interface LogLine {
  /** Epoch milliseconds. */
  at: number;
  /** A start/stop/restart command's output, or the container's own log. */
  source: 'command' | 'container';
  text: string;
}

export interface LifecycleProgress {
  id: string;
  verb: LifecycleVerb;
  /** `done`: the command finished (health confirms online/offline afterwards). */
  phase: 'running' | 'done' | 'failed';
  /** Plain words; for a failure the command, exit code or timeout, and its last lines. */
  message: string;
}

/** `joined`: the same command was already running for this agent; this click joined it. */
export interface LifecycleAccepted {
  accepted: true;
  joined: boolean;
}

export interface LifecycleInvoke {
  'agents:start': { request: { id: string }; response: LifecycleAccepted };
  'agents:stop': { request: { id: string }; response: LifecycleAccepted };
  'agents:restart': { request: { id: string }; response: LifecycleAccepted };
  /** Cancels the running command (its process group is killed). */
  'agents:cancel': { request: { id: string }; response: { cancelled: boolean } };
  /** The latest log lines (command output, then the container's log). */
  'agents:logs': { request: { id: string }; response: { lines: LogLine[] } };
  /**
   * A log view is open: the latest lines, and the container's log followed
   * for the next 30 s (a view open longer asks again every ~15 s).
   */
  'agents:watch-logs': { request: { id: string }; response: { lines: LogLine[] } };
}

export interface LifecycleEvents {
  'agents:progress': LifecycleProgress;
  'agents:log': { id: string; line: LogLine };
}
