/**
 * Which of Start / Stop / Restart make sense for one agent: one rule for
 * every place that offers them (directory, agent view, sidebar menu, tray).
 * Structural types, so every layer can pass its own records.
 */

export type OfferVerb = 'start' | 'stop' | 'restart';

export interface OfferAgent {
  state: string;
  health: { status: string };
  runtime: { kind: string; container: string };
}

export interface LifecycleOffer {
  start: boolean;
  stop: boolean;
  restart: boolean;
  /** The verb whose command is running (then only Cancel is offered). */
  running?: OfferVerb;
}

/** Runtimes whose agents are term-llm's labelled containers: for them, no container means not running. */
const DOCKER_RUNTIMES = new Set(['term-llm', 'compose']);

/** Whether Docker describes this runtime's agents (term-llm's labelled containers); a custom one may run anywhere. */
export function isDockerRuntime(kind: string): boolean {
  return DOCKER_RUNTIMES.has(kind);
}

/**
 * What Docker says that counts for this runtime. A custom runtime may run
 * anything, so Docker having no container of it says nothing: its offer
 * comes from health. A container Docker does find for it still counts.
 */
function offerContainer(agent: Pick<OfferAgent, 'runtime'>): string {
  const { kind, container } = agent.runtime;
  return container === 'missing' && !isDockerRuntime(kind) ? 'unknown' : container;
}

/**
 * Null when the agent has no commands (runtime `none`, or a workspace that
 * is not ready). Health and Docker are both read: a container that runs but
 * does not answer can be stopped or restarted, and an unknown state offers
 * everything.
 */
export function lifecycleOffer(agent: OfferAgent, running: OfferVerb | undefined): LifecycleOffer | null {
  if (agent.runtime.kind === 'none' || agent.state !== 'ready') return null;
  if (running) return { start: false, stop: false, restart: false, running };
  const status = agent.health.status;
  const container = offerContainer(agent);
  if (status === 'unknown' && container === 'unknown') return { start: true, stop: true, restart: true };
  const answering = status === 'online' || status === 'unauthorized';
  const containerUp = container === 'running';
  return {
    start: status === 'offline' || status === 'stopping' || container === 'stopped' || container === 'missing',
    stop: answering || status === 'starting' || containerUp,
    restart: answering || containerUp,
  };
}
