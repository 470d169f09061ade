import type { AgentRecord } from '../../preload/contract.js';

/** What the UI shows as one status: the workspace state wins over health. */
export type StatusKind =
  | 'online'
  | 'starting'
  | 'stopping'
  | 'unknown'
  | 'unauthorized'
  | 'offline'
  | 'not-provisioned'
  | 'invalid';

export interface StatusDescription {
  kind: StatusKind;
  /** One or two words for a badge. */
  label: string;
  /** Why, in plain words. */
  reason: string;
  /** What the user can do about it; empty when nothing is needed. */
  action: string;
  /** The file to look at or fix, when there is one. */
  file?: string;
}

/** Order for "sort by status": usable agents first, broken ones last. */
export const STATUS_RANK: Record<StatusKind, number> = {
  online: 0,
  starting: 1,
  stopping: 2,
  unknown: 2,
  unauthorized: 3,
  offline: 4,
  'not-provisioned': 5,
  invalid: 6,
};

export function statusKind(agent: Pick<AgentRecord, 'state' | 'health'>): StatusKind {
  if (agent.state === 'invalid') return 'invalid';
  if (agent.state === 'not-provisioned') return 'not-provisioned';
  return agent.health.status;
}

/**
 * Whether the agent's page can be shown (or at least tried) in a frame.
 * Not while `starting`: a start runs for a while before anything answers,
 * and a frame loaded then would hold the gateway's offline page; the view
 * loads the page by itself once health says online.
 */
export function isReachable(agent: Pick<AgentRecord, 'state' | 'health'>): boolean {
  const kind = statusKind(agent);
  return kind === 'online' || kind === 'unknown';
}

/** Enough of a record to describe it; with `runtime`, the remedy names the desk's own buttons where its root has commands. */
export type DescribedAgent = Pick<AgentRecord, 'name' | 'root' | 'state' | 'reason' | 'health'> & { runtime?: Pick<AgentRecord['runtime'], 'kind'> };

export function describeStatus(agent: DescribedAgent): StatusDescription {
  const kind = statusKind(agent);
  const envPath = `${agent.root.replace(/\/+$/, '')}/${agent.name}/.env`;
  const buttons = agent.runtime !== undefined && agent.runtime.kind !== 'none';
  switch (kind) {
    case 'online':
      return { kind, label: 'Online', reason: 'The agent answers its health check.', action: '' };
    case 'starting':
      return {
        kind,
        label: 'Starting',
        reason: agent.health.error ?? 'The agent is starting up.',
        action: 'Wait a moment; this page updates by itself when it is ready.',
      };
    case 'stopping':
      return {
        kind,
        label: 'Stopping',
        reason: agent.health.error ?? 'The agent is being stopped.',
        action: '',
      };
    case 'unknown':
      return {
        kind,
        label: 'Not checked yet',
        reason: agent.health.error ?? 'Agent Desk has not heard from this agent yet.',
        action: 'Wait for the first health check; it runs automatically.',
      };
    case 'unauthorized':
      return {
        kind,
        label: 'Unauthorized',
        reason: agent.health.error ?? 'The agent refused the token from its .env file (the token changed or is wrong).',
        action: buttons
          ? `Press Restart so the agent uses the current WEB_TOKEN, or fix WEB_TOKEN in ${envPath}.`
          : `Restart the agent so it uses the current WEB_TOKEN (term-llm contain restart ${agent.name}), or fix WEB_TOKEN in ${envPath}.`,
        file: envPath,
      };
    case 'offline':
      return {
        kind,
        label: 'Offline',
        reason: agent.health.error ?? 'Nothing answers on the agent\'s port.',
        action: buttons
          ? 'Press Start; it shows as online here as soon as it answers.'
          : `Start the agent (term-llm contain start ${agent.name}); it shows as online here as soon as it answers.`,
      };
    case 'not-provisioned':
      return {
        kind,
        label: 'Not provisioned',
        reason: agent.reason ?? 'The workspace has no WEB_TOKEN yet.',
        action: `Set WEB_TOKEN (and WEB_PORT) in ${envPath}, for example by running term-llm contain for this workspace.`,
        file: envPath,
      };
    case 'invalid':
      return {
        kind,
        label: 'Invalid',
        reason: agent.reason ?? 'The workspace could not be read.',
        action: `Fix the problem above in ${envPath} or the folder name; the directory updates as soon as it changes.`,
        file: envPath,
      };
  }
}
