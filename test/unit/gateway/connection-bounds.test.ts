import { describe, expect, it } from 'vitest';
import { ConnectionBounds, DEFAULT_CONNECTION_LIMITS, hasBody, serverOptions } from '../../../main/core/gateway/connection-bounds.js';

describe('connection bounds', () => {
  it('gives Node the header and keep-alive timeouts, no total request timeout, and a checking interval that keeps them', () => {
    expect(serverOptions(DEFAULT_CONNECTION_LIMITS)).toMatchObject({ requestTimeout: 0, headersTimeout: 10_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 });
    expect(serverOptions({ ...DEFAULT_CONNECTION_LIMITS, headersTimeoutMs: 300 }).connectionsCheckingInterval).toBe(75);
    expect(serverOptions({ ...DEFAULT_CONNECTION_LIMITS, headersTimeoutMs: 40 }).connectionsCheckingInterval).toBe(25);
  });

  it('knows a request brings a body from its headers', () => {
    expect(hasBody({})).toBe(false);
    expect(hasBody({ 'content-length': '0' })).toBe(false);
    expect(hasBody({ 'content-length': '5' })).toBe(true);
    expect(hasBody({ 'transfer-encoding': 'chunked' })).toBe(true);
  });

  it('refuses limits that are not positive integers, naming the one that is wrong', () => {
    expect(new ConnectionBounds({ maxConnections: 5 }).limits).toEqual({ ...DEFAULT_CONNECTION_LIMITS, maxConnections: 5 });
    expect(() => new ConnectionBounds({ maxConnections: 0 })).toThrow('connection limits: maxConnections must be a positive integer (got 0)');
    expect(() => new ConnectionBounds({ headersTimeoutMs: 1.5 })).toThrow(/headersTimeoutMs/);
    expect(() => new ConnectionBounds({ bodyTimeoutMs: Number.NaN })).toThrow(/bodyTimeoutMs/);
  });
});
