import type { AgentRecord, RootStatus } from '../../preload/contract.js';

const SOURCE: Record<RootStatus['source'], string> = { default: 'default', settings: 'settings', flag: '--root' };

/** Lines saying where Agent Desk looked, one per root. Pure, for tests. */
export function describeRoots(roots: RootStatus[]): string[] {
  return roots.map((root) => {
    const state = root.state === 'ok' ? 'ok' : root.state === 'missing' ? 'does not exist yet (watching for it)' : `${root.state}: ${root.reason ?? ''}`.trim();
    return `  ${root.path} (${SOURCE[root.source]}) — ${state}`;
  });
}

/** One line per agent: name, workspace state or health, and why. */
export function describeAgent(agent: AgentRecord, origin: (label: string) => string): string {
  if (agent.state !== 'ready') return `  ${agent.name}  ${agent.state}${agent.reason ? ` — ${agent.reason}` : ''}`;
  const health = agent.health.status === 'unknown' ? 'checking' : agent.health.status;
  const detail = agent.health.error ? ` — ${agent.health.error}` : '';
  return `  ${agent.name}  ${health}  ${origin(agent.label)}${detail}`;
}

export function describeDirectory(agents: AgentRecord[], origin: (label: string) => string): string[] {
  if (agents.length === 0) return ['No agent workspaces found yet. A workspace is a folder in a root holding a .env with WEB_TOKEN (and WEB_PORT).'];
  return [`Found ${agents.length} agent${agents.length === 1 ? '' : 's'}:`, ...agents.map((agent) => describeAgent(agent, origin))];
}

/** A compact signature of what a person would want to hear about again. */
export function agentSignature(agent: AgentRecord): string {
  return `${agent.state}|${agent.reason ?? ''}|${agent.health.status}|${agent.health.error ?? ''}`;
}

/** The directory as `--json` reports it, without what moves on every probe (checked time, latency). */
export function directoryKey(agents: AgentRecord[]): string {
  return JSON.stringify(agents, (key, value: unknown) => (key === 'checkedAt' || key === 'latencyMs' ? undefined : value));
}
