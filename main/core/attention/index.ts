export { AttentionCenter } from './attention-center.js';
export type { AttentionAgents, AttentionChange, AttentionCenterOptions } from './attention-center.js';
export { createAgentHttp } from './agent-http.js';
export type { AgentHttp, AgentAnswer } from './agent-http.js';
export { parseAnswerRequest } from './answer.js';
export type { AnswerRequest } from './answer.js';
export type { FocusReport } from './focus-tracker.js';
export type { AttentionCounts, AttentionItem, AttentionKind } from './attention-types.js';
