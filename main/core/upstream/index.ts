export { agentTarget, UPSTREAM_HOST, type AgentTarget } from './upstream-target.js';
export {
  CONNECT_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  RESPONSE_HEADER_TIMEOUT_MS,
  sharedUpstreamClient,
  UpstreamClient,
  type UpstreamClientOptions,
  type UpstreamStats,
} from './upstream-client.js';
export {
  describeUpstreamError,
  InvalidUpstreamResponseError,
  UpstreamTimeoutError,
  isConnectionReset,
  isReplayable,
  type UpstreamDeadlines,
  type UpstreamFailure,
  type UpstreamFailureKind,
} from './upstream-errors.js';
export { headersFromRaw } from './response-head.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  requestAgent,
  type AgentAnswer,
  type AgentReply,
  type AgentRequestFailure,
  type AgentRequestFailureKind,
  type AgentRequestOptions,
} from './agent-request.js';
