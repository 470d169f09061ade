import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hasRequestBody, upstreamPath, upstreamRequestHeaders } from '../../../main/core/gateway/upstream-headers.js';

const HOST = '127.0.0.1:8081';
const BEARER = 'Bearer upstream-token';

/** The flat `[name, value, …]` list as pairs, for readable assertions. */
function pairs(flat: string[]): [string, string][] {
  expect(flat.length % 2).toBe(0);
  const out: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

describe('upstreamRequestHeaders', () => {
  it('keeps end-to-end headers, drops credentials, forwarding and hop-by-hop ones, and sets Host and the bearer once', () => {
    const headers: IncomingHttpHeaders = {
      host: 'a-bob-abcdef.localhost:47800',
      accept: 'text/html',
      authorization: 'Bearer client',
      cookie: '__Host-s=session; term_llm_token=client',
      'x-api-key': 'k',
      'proxy-authorization': 'Basic x',
      'proxy-foo': 'bar',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-host': 'evil',
      'x-real-ip': '1.2.3.4',
      forwarded: 'for=1.2.3.4',
      connection: 'keep-alive, X-Secret-Hop, Upgrade',
      'x-secret-hop': 'drop me',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      trailer: 'x',
      upgrade: 'h2c',
      expect: '100-continue',
      'content-type': 'application/json',
      'content-length': '12',
      'sec-fetch-site': 'same-origin',
    };
    const before = { ...headers };
    expect(pairs(upstreamRequestHeaders(headers, HOST, BEARER))).toEqual([
      ['host', HOST],
      ['authorization', BEARER],
      ['accept', 'text/html'],
      ['content-type', 'application/json'],
      ['content-length', '12'],
      ['sec-fetch-site', 'same-origin'],
    ]);
    // A copy: the client's headers stay as they came (the error pages still read them).
    expect(headers).toEqual(before);
  });

  it('keeps a chunked body chunked, so its bytes stay its body upstream', () => {
    const flat = upstreamRequestHeaders({ host: 'x', 'transfer-encoding': 'chunked', 'content-type': 'text/plain' }, HOST, BEARER);
    expect(pairs(flat)).toEqual([
      ['host', HOST],
      ['authorization', BEARER],
      ['content-type', 'text/plain'],
      ['transfer-encoding', 'chunked'],
    ]);
    // Even when the client's Connection names it: the framing is not the client's to remove.
    expect(pairs(upstreamRequestHeaders({ connection: 'transfer-encoding', 'transfer-encoding': 'gzip, chunked' }, HOST, BEARER))).toContainEqual([
      'transfer-encoding',
      'gzip, chunked',
    ]);
  });

  it('drops only what Connection names, with any case and spacing', () => {
    const flat = upstreamRequestHeaders({ connection: ' Close ,X-A,,x-b ', 'x-a': '1', 'x-b': '2', 'x-c': '3' }, HOST, BEARER);
    expect(pairs(flat).slice(2)).toEqual([['x-c', '3']]);
  });

  it('sends each value of a repeated header that Node keeps as a list', () => {
    const flat = upstreamRequestHeaders({ 'set-cookie': ['a=1', 'b=2'] }, HOST, BEARER);
    expect(pairs(flat).slice(2)).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
  });

  it('sends exactly one Host and one Authorization however the client spelled them', () => {
    const flat = upstreamRequestHeaders({ host: 'evil.example', authorization: 'Basic eA==' }, HOST, BEARER);
    expect(flat.filter((_, i) => i % 2 === 0)).toEqual(['host', 'authorization']);
    expect(flat).not.toContain('evil.example');
    expect(flat).not.toContain('Basic eA==');
  });
});

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
