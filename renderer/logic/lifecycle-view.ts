import type { AgentRecord, LifecycleProgress, LifecycleVerb } from '../../preload/contract.js';
import { isDockerRuntime, lifecycleOffer as commonOffer, type LifecycleOffer } from '../../common/lifecycle-offer.js';
import { statusKind } from './agent-status.js';

export type { LifecycleOffer } from '../../common/lifecycle-offer.js';

type LifecycleAgent = Pick<AgentRecord, 'state' | 'health' | 'runtime'>;

/** The shared rule (common/lifecycle-offer.ts), with the running command as the UI's store has it. */
export function lifecycleOffer(agent: LifecycleAgent, progress: LifecycleProgress | undefined): LifecycleOffer | null {
  return commonOffer(agent, progress?.phase === 'running' ? progress.verb : undefined);
}

/**
 * Docker's word beside health, only where it adds something: "container
 * stopped", "running but not answering". Null where it would repeat the
 * badge or where Docker does not describe the agent (runtime `none` or
 * `custom` with no container Docker knows of: they need none).
 */
export function containerText(agent: LifecycleAgent): string | null {
  if (agent.state !== 'ready') return null;
  const kind = statusKind(agent);
  const dockerRuntime = isDockerRuntime(agent.runtime.kind);
  switch (agent.runtime.container) {
    case 'running':
      return kind === 'offline' || kind === 'unauthorized' ? 'running but not answering' : null;
    case 'stopped':
      return 'container stopped';
    case 'missing':
      return dockerRuntime ? 'no container yet' : null;
    case 'unknown':
      return dockerRuntime ? 'container state unknown' : null;
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
