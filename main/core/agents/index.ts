export { AgentRegistry, type AgentRegistryOptions, type HealthFeed, type WorkspaceFeed } from './agent-registry.js';
export { buildAgentRecord, compareRecords, UNKNOWN_HEALTH } from './agent-record.js';
export type { AgentSource, AgentSourceChange, RoutableAgent } from './agent-source.js';
