import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { rewriteWidgetResponseHeaders } from '../../../main/core/gateway/widgets/widget-headers.js';
import {
  agentResponseCsp,
  appendCsp,
  isDroppedResponseHeader,
  rewriteLocation,
  rewriteResponseHeaders,
  stripRequestHeaders,
  stripResponseHeaders,
  upstreamOriginsFor,
  type ResponseRewrite,
} from '../../../main/core/gateway/header-rewrite.js';

describe('stripRequestHeaders', () => {
  it('removes credentials, forwarding and hop-by-hop headers, including those Connection names', () => {
    const headers: IncomingHttpHeaders = {
      host: 'a-bob-abcdef.localhost:1',
      accept: 'text/html',
      authorization: 'Bearer client',
      cookie: 'a=1',
      'x-api-key': 'k',
      'proxy-authorization': 'Basic x',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-host': 'evil',
      forwarded: 'for=1.2.3.4',
      connection: 'keep-alive, X-Secret-Hop, Upgrade',
      'x-secret-hop': 'drop me',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      trailer: 'x',
      upgrade: 'h2c',
      'transfer-encoding': 'chunked',
      expect: '100-continue',
      'content-type': 'application/json',
    };
    stripRequestHeaders(headers, false);
    expect(headers).toEqual({ host: 'a-bob-abcdef.localhost:1', accept: 'text/html', 'content-type': 'application/json' });
  });

  it('keeps the WebSocket handshake on upgrades', () => {
    const headers: IncomingHttpHeaders = {
      connection: 'Upgrade, x-hop',
      upgrade: 'websocket',
      'x-hop': '1',
      'sec-websocket-key': 'k',
      'sec-websocket-version': '13',
      cookie: 'a=1',
      authorization: 'Bearer client',
    };
    stripRequestHeaders(headers, true);
    expect(headers).toEqual({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'k', 'sec-websocket-version': '13' });
  });
});

const rewrite = {
  agentOrigin: 'http://a-bob-abcdef.localhost:47800',
  upstreamOrigins: upstreamOriginsFor(8081),
  csp: 'frame-ancestors http://desk.localhost:47800',
} satisfies ResponseRewrite;

describe('rewriteLocation', () => {
  it('moves upstream-absolute locations to the agent origin', () => {
    expect(rewriteLocation('http://127.0.0.1:8081/chat/x?y=1#z', rewrite)).toBe('http://a-bob-abcdef.localhost:47800/chat/x?y=1#z');
    expect(rewriteLocation('http://localhost:8081/chat/', rewrite)).toBe('http://a-bob-abcdef.localhost:47800/chat/');
    expect(rewriteLocation('http://[::1]:8081', rewrite)).toBe('http://a-bob-abcdef.localhost:47800/');
  });
  it('leaves relative locations, other ports and other hosts alone', () => {
    expect(rewriteLocation('/chat/', rewrite)).toBe('/chat/');
    expect(rewriteLocation('http://127.0.0.1:80811/x', rewrite)).toBe('http://127.0.0.1:80811/x');
    expect(rewriteLocation('https://example.com/', rewrite)).toBe('https://example.com/');
  });
});

describe('stripResponseHeaders: the rules both host kinds share', () => {
  const upstream = (): OutgoingHttpHeaders => ({
    connection: 'Keep-Alive, X-Hop ,, close,x-other',
    'x-hop': '1',
    'x-other': '2',
    'set-cookie': ['a=1'],
    'keep-alive': 'timeout=5',
    'proxy-authenticate': 'Basic',
    'proxy-connection': 'keep-alive',
    trailer: 'x-t',
    'content-type': 'text/html',
  });

  it('drops what Connection names (case-insensitive, empty tokens skipped), Set-Cookie and hop-by-hop; keeps the rest', () => {
    const headers = upstream();
    stripResponseHeaders(200, headers);
    expect(headers).toEqual({ connection: 'Keep-Alive, X-Hop ,, close,x-other', 'content-type': 'text/html' });
  });

  it('leaves what Connection names on a 101 (there Connection is the handshake), still drops the rest', () => {
    const headers = upstream();
    stripResponseHeaders(101, headers);
    expect(headers).toEqual({ connection: 'Keep-Alive, X-Hop ,, close,x-other', 'x-hop': '1', 'x-other': '2', 'content-type': 'text/html' });
  });

  it('is what both rewrites apply: agent and widget responses lose the same headers', () => {
    const agent = upstream();
    rewriteResponseHeaders(200, agent, rewrite);
    const widget = upstream();
    rewriteWidgetResponseHeaders(200, widget, 'http://w-abc.localhost:47800');
    for (const name of ['x-hop', 'x-other', 'set-cookie', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'trailer']) {
      expect(agent[name], `agent ${name}`).toBeUndefined();
      expect(widget[name], `widget ${name}`).toBeUndefined();
    }
  });
});

describe('appendCsp', () => {
  it('sets ours alone, or adds it as a value of its own after one or several upstream policies', () => {
    const none: OutgoingHttpHeaders = {};
    appendCsp(none, 'ours');
    expect(none['content-security-policy']).toBe('ours');
    const one: OutgoingHttpHeaders = { 'content-security-policy': "default-src 'self'" };
    appendCsp(one, 'ours');
    expect(one['content-security-policy']).toEqual(["default-src 'self'", 'ours']);
    const many = { 'content-security-policy': ['a', 'b'] } as unknown as OutgoingHttpHeaders;
    appendCsp(many, 'ours');
    expect(many['content-security-policy']).toEqual(['a', 'b', 'ours']);
  });
});

describe('rewriteResponseHeaders', () => {
  it('drops Set-Cookie and hop-by-hop, rewrites Location on 303, appends CSP, adds nosniff', () => {
    const headers: OutgoingHttpHeaders = {
      'set-cookie': ['a=1', 'b=2'],
      location: 'http://127.0.0.1:8081/chat/done',
      connection: 'keep-alive, x-hop',
      'x-hop': '1',
      'keep-alive': 'timeout=5',
      'content-security-policy': "default-src 'self'",
      'content-type': 'text/html',
    };
    rewriteResponseHeaders(303, headers, rewrite);
    expect(headers).toEqual({
      location: 'http://a-bob-abcdef.localhost:47800/chat/done',
      connection: 'keep-alive, x-hop',
      'content-security-policy': ["default-src 'self'", rewrite.csp],
      'content-type': 'text/html',
      'x-content-type-options': 'nosniff',
    });
  });

  it('keeps several upstream CSPs and adds ours; no CSP → ours alone', () => {
    const many = { 'content-security-policy': ['a', 'b'] } as unknown as OutgoingHttpHeaders;
    rewriteResponseHeaders(200, many, rewrite);
    expect(many['content-security-policy']).toEqual(['a', 'b', rewrite.csp]);
    const none: OutgoingHttpHeaders = { location: 'http://127.0.0.1:8081/x' };
    rewriteResponseHeaders(200, none, rewrite);
    expect(none['content-security-policy']).toBe(rewrite.csp);
    expect(none.location).toBe('http://127.0.0.1:8081/x'); // not a redirect
  });

  it.each([301, 302, 303, 307, 308, 201])('rewrites Location on %i', (status) => {
    const headers: OutgoingHttpHeaders = { location: 'http://127.0.0.1:8081/chat/' };
    rewriteResponseHeaders(status, headers, rewrite);
    expect(headers.location).toBe('http://a-bob-abcdef.localhost:47800/chat/');
  });
});

describe('agentResponseCsp', () => {
  it('frames only the desk (and embedders) may use, and frames and embeds only of the agent itself or of no gateway host', () => {
    expect(agentResponseCsp('http://desk.localhost:47800 app://desk')).toBe(
      "frame-ancestors http://desk.localhost:47800 app://desk; frame-src 'self' https: blob: data:; object-src 'self' https: blob: data:",
    );
  });

  it('names no http source but the agent itself: every gateway host (agents, widgets, desk) is plain http', () => {
    const directives = agentResponseCsp('http://desk.localhost:1').split(';').slice(1);
    for (const directive of directives) {
      const sources = directive.trim().split(/\s+/).slice(1);
      expect(sources.filter((s) => s === 'http:' || s === '*' || s.startsWith('http://'))).toEqual([]);
    }
  });
});

describe('isDroppedResponseHeader', () => {
  it('leaves out what every rule set drops, and a Connection that names nothing', () => {
    for (const name of ['set-cookie', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'trailer', 'transfer-encoding', 'upgrade']) {
      expect(isDroppedResponseHeader(name, 'x')).toBe(true);
    }
    for (const value of ['keep-alive', 'Keep-Alive', 'close', 'CLOSE']) expect(isDroppedResponseHeader('connection', value)).toBe(true);
  });

  it('keeps a Connection that names headers (the rules drop those), and everything else', () => {
    for (const value of ['x-secret', 'keep-alive, x-secret', 'close,x-secret', '']) expect(isDroppedResponseHeader('connection', value)).toBe(false);
    for (const name of ['content-type', 'location', 'content-security-policy', 'x-content-type-options', 'cache-control']) {
      expect(isDroppedResponseHeader(name, 'keep-alive')).toBe(false);
    }
  });
});
