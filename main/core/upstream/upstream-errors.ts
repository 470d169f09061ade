/**
 * The one mapping from an upstream failure (undici's errors, Node's socket
 * errors, a head Node will not write) to what we tell people. Only an
 * error's `code` and class are read, never its message: messages may quote
 * addresses or header values.
 */
export type UpstreamFailureKind = 'refused' | 'reset' | 'timeout' | 'invalid-response' | 'bad-request' | 'aborted' | 'network';

export interface UpstreamFailure {
  kind: UpstreamFailureKind;
  /** What a proxy answers: 504 for a deadline, 502 otherwise. */
  status: 502 | 504;
  /** Secret-free words: no address, no token, no header value. */
  problem: string;
  /** For `network`: the error's code when it looks like one (`EHOSTUNREACH`), to say which. */
  code?: string;
}

export interface UpstreamDeadlines {
  connectMs: number;
  headersMs: number;
}

/** A status line Node will not write, or below 100 (undici would read it as an informational head). */
export class InvalidUpstreamResponseError extends Error {
  readonly code = 'ERR_INVALID_UPSTREAM_RESPONSE';
  constructor() {
    super('invalid upstream response');
    this.name = 'InvalidUpstreamResponseError';
  }
}

/**
 * A deadline of ours on a path undici does not run (WebSocket upgrades on
 * node:http), with undici's code so the mapping below reads it the same way.
 */
export class UpstreamTimeoutError extends Error {
  constructor(readonly code: 'UND_ERR_CONNECT_TIMEOUT' | 'UND_ERR_HEADERS_TIMEOUT') {
    super(code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connect timeout' : 'headers timeout');
    this.name = 'UpstreamTimeoutError';
  }
}

/** `5 s`, `0.3 s`: a configured deadline in the words of an error page. */
function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function failure(kind: UpstreamFailureKind, problem: string, status: 502 | 504 = 502): UpstreamFailure {
  return { kind, status, problem };
}

export function describeUpstreamError(error: unknown, deadlines: UpstreamDeadlines): UpstreamFailure {
  const code = codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', 'connection refused');
    case 'ECONNRESET':
    case 'EPIPE':
      return failure('reset', 'connection reset');
    case 'UND_ERR_CONNECT_TIMEOUT':
      return failure('timeout', `no connection within ${seconds(deadlines.connectMs)}`, 504);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return failure('timeout', `no response within ${seconds(deadlines.headersMs)}`, 504);
    case 'UND_ERR_BODY_TIMEOUT':
      return failure('timeout', 'the answer stalled', 504);
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return failure('aborted', 'request aborted');
    case 'UND_ERR_INVALID_ARG':
    case 'UND_ERR_NOT_SUPPORTED':
    case 'ERR_INVALID_HTTP_TOKEN':
      return failure('bad-request', 'cannot build the request (invalid path or header characters)');
    case 'UND_ERR_SOCKET': {
      // undici's own words for a head it refused; any other socket error is the connection going away.
      const message = (error as Error).message;
      return message === 'bad response' || message === 'bad upgrade' ? failure('invalid-response', 'invalid HTTP response') : failure('reset', 'connection reset');
    }
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
    case 'ERR_INVALID_UPSTREAM_RESPONSE':
    case 'ERR_HTTP_INVALID_STATUS_CODE':
    case 'ERR_INVALID_CHAR':
    case 'ERR_HTTP_INVALID_HEADER_VALUE':
      return failure('invalid-response', 'invalid HTTP response');
    default:
      break;
  }
  if (code.startsWith('HPE_') || (error instanceof Error && error.name === 'HTTPParserError')) return failure('invalid-response', 'invalid HTTP response');
  if (!/^[A-Z0-9_]{2,40}$/.test(code)) return failure('network', 'upstream error');
  return { kind: 'network', status: 502, problem: `upstream error (${code})`, code };
}

/**
 * Whether a failed request may go again on a fresh connection: a pooled
 * socket the agent closed between requests fails the next request with a
 * reset before any answer. Only requests that cannot have changed anything
 * are replayed — safe methods without a body, as Go's Transport does — and
 * only once.
 */
export function isReplayable(method: string, hasBody: boolean): boolean {
  return !hasBody && (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'TRACE');
}

/** A reset of the connection before any response byte: the case `isReplayable` requests are retried for. */
export function isConnectionReset(error: unknown, deadlines: UpstreamDeadlines): boolean {
  return describeUpstreamError(error, deadlines).kind === 'reset';
}
