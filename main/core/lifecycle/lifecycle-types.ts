import type { LifecycleVerb } from './runtime-types.js';
import type { LogLine } from './log-ring.js';

export type { AgentRuntime, AgentRuntimeView } from '../agents/agent-runtime.js';

/** A command's progress, pushed to the UI; `message` is scrubbed. */
export interface LifecycleProgress {
  id: string;
  verb: LifecycleVerb;
  phase: 'running' | 'done' | 'failed';
  message: string;
}

export interface LifecycleLogEvent {
  id: string;
  line: LogLine;
}
