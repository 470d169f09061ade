import { describe, expect, it } from 'vitest';
import { hasRequestBody, isChunkedOnly, upstreamPath } from '../../../main/core/gateway/upstream-headers.js';

// What reaches the agent (headers, framing) is checked on the wire: test/integration/gateway/upstream-wire.test.ts.

describe('hasRequestBody', () => {
  it('follows HTTP/1.1 framing: Transfer-Encoding or a non-zero Content-Length', () => {
    expect(hasRequestBody({})).toBe(false);
    expect(hasRequestBody({ 'content-length': '0' })).toBe(false);
    expect(hasRequestBody({ 'content-length': '5' })).toBe(true);
    expect(hasRequestBody({ 'transfer-encoding': 'chunked' })).toBe(true);
  });
});

describe('upstreamPath', () => {
  it('sends path and query unchanged, without a fragment', () => {
    expect(upstreamPath('/chat/x?b=2&a=%2F&a=1')).toBe('/chat/x?b=2&a=%2F&a=1');
    expect(upstreamPath('/chat/x?q=1#frag')).toBe('/chat/x?q=1');
    expect(upstreamPath('/chat/"{x}"')).toBe('/chat/"{x}"');
  });
});

describe('isChunkedOnly', () => {
  it('is true only for chunked alone, in any case', () => {
    expect(isChunkedOnly('chunked')).toBe(true);
    expect(isChunkedOnly('Chunked')).toBe(true);
    expect(isChunkedOnly('gzip, chunked')).toBe(false);
    expect(isChunkedOnly('chunked ')).toBe(false);
  });
});
