import { describe, expect, it } from 'vitest';
import { errors } from 'undici';
import { describeUpstreamError, headersFromRaw, InvalidUpstreamResponseError, isReplayable, UpstreamTimeoutError } from '../../../main/core/upstream/index.js';

const deadlines = { connectMs: 300, headersMs: 30_000 };
const coded = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('describeUpstreamError', () => {
  it('maps refusals, resets, deadlines and bad heads to a status and safe words', () => {
    expect(describeUpstreamError(coded('ECONNREFUSED'), deadlines)).toEqual({ kind: 'refused', status: 502, problem: 'connection refused' });
    expect(describeUpstreamError(coded('ECONNRESET'), deadlines)).toMatchObject({ kind: 'reset', status: 502 });
    expect(describeUpstreamError(new errors.SocketError('other side closed'), deadlines)).toMatchObject({ kind: 'reset' });
    expect(describeUpstreamError(new errors.SocketError('bad response'), deadlines)).toMatchObject({ kind: 'invalid-response', problem: 'invalid HTTP response' });
    expect(describeUpstreamError(new errors.ConnectTimeoutError(), deadlines)).toEqual({ kind: 'timeout', status: 504, problem: 'no connection within 0.3 s' });
    expect(describeUpstreamError(new errors.HeadersTimeoutError(), deadlines)).toEqual({ kind: 'timeout', status: 504, problem: 'no response within 30 s' });
    expect(describeUpstreamError(new UpstreamTimeoutError('UND_ERR_HEADERS_TIMEOUT'), deadlines)).toMatchObject({ status: 504, problem: 'no response within 30 s' });
    expect(describeUpstreamError(new errors.HTTPParserError('Response does not match the HTTP/1.1 protocol'), deadlines)).toMatchObject({ kind: 'invalid-response' });
    expect(describeUpstreamError(new errors.ResponseContentLengthMismatchError(), deadlines)).toMatchObject({ kind: 'invalid-response' });
    expect(describeUpstreamError(new InvalidUpstreamResponseError(), deadlines)).toMatchObject({ kind: 'invalid-response' });
    expect(describeUpstreamError(coded('ERR_INVALID_CHAR'), deadlines)).toMatchObject({ kind: 'invalid-response' });
    expect(describeUpstreamError(new errors.InvalidArgumentError('invalid authorization header'), deadlines)).toMatchObject({ kind: 'bad-request', status: 502 });
    expect(describeUpstreamError(new errors.RequestAbortedError(), deadlines)).toMatchObject({ kind: 'aborted' });
  });

  it('never repeats an error message; an unknown code is named only when it looks like one', () => {
    const secret = 'Bearer s3cret at 127.0.0.1:4242';
    expect(JSON.stringify(describeUpstreamError(coded('EHOSTUNREACH', secret), deadlines))).not.toContain('s3cret');
    expect(describeUpstreamError(coded('EHOSTUNREACH', secret), deadlines)).toEqual({ kind: 'network', status: 502, problem: 'upstream error (EHOSTUNREACH)', code: 'EHOSTUNREACH' });
    expect(describeUpstreamError(coded(`weird ${secret}`), deadlines)).toEqual({ kind: 'network', status: 502, problem: 'upstream error' });
    expect(describeUpstreamError(null, deadlines)).toMatchObject({ kind: 'network' });
  });
});

describe('isReplayable', () => {
  it('allows only safe methods without a body', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE']) expect(isReplayable(method, false), method).toBe(true);
    for (const method of ['GET', 'HEAD']) expect(isReplayable(method, true), `${method} with body`).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'get']) expect(isReplayable(method, false), method).toBe(false);
  });
});

describe('headersFromRaw', () => {
  const raw = (...pairs: string[]): Buffer[] => pairs.map((p) => Buffer.from(p, 'latin1'));

  it('builds the object Node would: lower-case names, set-cookie a list, single-valued headers first copy, others joined', () => {
    expect(
      headersFromRaw(raw('Content-Type', 'text/html', 'content-type', 'text/plain', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'Vary', 'Accept', 'vary', 'Origin', 'X-Latin', 'caf\u00e9')),
    ).toEqual({ 'content-type': 'text/html', 'set-cookie': ['a=1', 'b=2'], vary: 'Accept, Origin', 'x-latin': 'caf\u00e9' });
    expect(headersFromRaw(raw('Location', '/a', 'location', 'http://127.0.0.1:1/b'))).toEqual({ location: '/a' });
  });

  it('drops a header named __proto__ instead of touching the prototype', () => {
    const headers = headersFromRaw(raw('__proto__', 'x', 'a', '1'));
    expect(headers).toEqual({ a: '1' });
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });

  it('takes a header named like an Object.prototype member as an ordinary header', () => {
    expect(headersFromRaw(raw('Constructor', 'x', 'toString', 'y', 'constructor', 'z'))).toEqual({ constructor: 'x, z', tostring: 'y' });
  });

  it('leaves out what the caller says it would drop, and nothing else', () => {
    const leaveOut = (name: string, value: string): boolean => name === 'keep-alive' || (name === 'connection' && value === 'keep-alive');
    expect(headersFromRaw(raw('Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Connection', 'x-a', 'X-A', '1'), leaveOut)).toEqual({ connection: 'x-a', 'x-a': '1' });
  });
});
