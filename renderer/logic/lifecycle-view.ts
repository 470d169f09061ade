import type { AgentRecord, LifecycleProgress, LifecycleVerb } from '../../preload/contract.js';
import { statusKind } from './agent-status.js';

/** What the lifecycle controls offer for one agent right now. */
export interface LifecycleOffer {
  start: boolean;
  stop: boolean;
  restart: boolean;
  /** The verb whose command is running (then only Cancel is offered). */
  running?: LifecycleVerb;
}

type LifecycleAgent = Pick<AgentRecord, 'state' | 'health' | 'runtime'>;

/**
 * Which of Start / Stop / Restart make sense, or null when the agent has no
 * commands (runtime `none`, or a workspace that is not ready). Health and
 * Docker are both read: a container that runs but does not answer can be
 * stopped or restarted, and an unknown state offers everything.
 */
export function lifecycleOffer(agent: LifecycleAgent, progress: LifecycleProgress | undefined): LifecycleOffer | null {
  if (agent.runtime.kind === 'none' || agent.state !== 'ready') return null;
  if (progress?.phase === 'running') return { start: false, stop: false, restart: false, running: progress.verb };
  const kind = statusKind(agent);
  const container = agent.runtime.container;
  if (kind === 'unknown' && container === 'unknown') return { start: true, stop: true, restart: true };
  const answering = kind === 'online' || kind === 'unauthorized';
  const containerUp = container === 'running';
  return {
    start: kind === 'offline' || kind === 'stopping' || container === 'stopped' || container === 'missing',
    stop: answering || kind === 'starting' || containerUp,
    restart: answering || containerUp,
  };
}

/**
 * Docker's word beside health, only where it adds something: "container
 * stopped", "running but not answering". Null where it would repeat the
 * badge or where Docker is not asked (runtime `none` with no container).
 */
export function containerText(agent: LifecycleAgent): string | null {
  if (agent.state !== 'ready') return null;
  const kind = statusKind(agent);
  switch (agent.runtime.container) {
    case 'running':
      return kind === 'offline' || kind === 'unauthorized' ? 'running but not answering' : null;
    case 'stopped':
      return 'container stopped';
    case 'missing':
      return agent.runtime.kind === 'none' ? null : 'no container yet';
    case 'unknown':
      return agent.runtime.kind === 'none' ? null : 'container state unknown';
  }
}

const ING: Record<LifecycleVerb, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting' };
const VERB_LABEL: Record<LifecycleVerb, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

export function verbLabel(verb: LifecycleVerb): string {
  return VERB_LABEL[verb];
}

/** One line about the last command: running, failed (with the desk's words), or nothing once done. */
export function progressText(name: string, progress: LifecycleProgress | undefined): { text: string; failed: boolean } | null {
  if (!progress) return null;
  if (progress.phase === 'running') return { text: `${ING[progress.verb]} ${name}…`, failed: false };
  if (progress.phase === 'failed') return { text: progress.message, failed: true };
  return null;
}
