import { describe, expect, it } from 'vitest';
import {
  mountProblem,
  REDIRECT_BLOCKED_PATH,
  widgetPathDecision,
  widgetPrefix,
  widgetVerdict,
} from '../../../main/core/gateway/widgets/widget-policy.js';

describe('mountProblem', () => {
  it.each(['a', '0', 'clock', 'my-widget-2', 'a'.repeat(64), '9-lives'])('accepts %s', (mount) => {
    expect(mountProblem(mount)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['-lead', /not valid/],
    ['Upper', /not valid/],
    ['a'.repeat(65), /not valid/],
    ['a_b', /not valid/],
    ['a.b', /not valid/],
    ['a/b', /not valid/],
    ['..', /not valid/],
    ['a b', /not valid/],
    ['é', /not valid/],
    ['%61pp', /percent-encoded/],
    ['app%2f..', /percent-encoded/],
    ['%2e%2e', /percent-encoded/],
  ])('refuses %j with a clear reason', (mount, reason) => {
    expect(mountProblem(mount)).toMatch(reason);
  });

  it('refuses non-strings and keeps long names short in the message', () => {
    expect(mountProblem(undefined)).toMatch(/required/);
    expect(mountProblem(42)).toMatch(/required/);
    expect(mountProblem('X'.repeat(500))!.length).toBeLessThan(200);
  });
});

describe('widgetPathDecision', () => {
  const base = '/chat';
  const decide = (url: string, method = 'GET', basePath = base) => widgetPathDecision(method, url, basePath, 'clock');

  it('serves the widget tree with the path unchanged, for any method', () => {
    expect(widgetPrefix(base, 'clock')).toBe('/chat/widgets/clock/');
    for (const url of ['/chat/widgets/clock/', '/chat/widgets/clock/app.js', '/chat/widgets/clock/a/b?x=1', '/chat/widgets/clock/%20x']) {
      expect(decide(url)).toEqual({ kind: 'serve' });
    }
    expect(decide('/chat/widgets/clock/api', 'POST')).toEqual({ kind: 'serve' });
  });

  it('redirects / and the slash-less form into the tree, keeping the query', () => {
    expect(decide('/')).toEqual({ kind: 'redirect', location: '/chat/widgets/clock/' });
    expect(decide('/?a=1')).toEqual({ kind: 'redirect', location: '/chat/widgets/clock/?a=1' });
    expect(decide('/chat/widgets/clock')).toEqual({ kind: 'redirect', location: '/chat/widgets/clock/' });
    expect(decide('/chat/widgets/clock?x')).toEqual({ kind: 'redirect', location: '/chat/widgets/clock/?x' });
    expect(decide('/', 'HEAD')).toEqual({ kind: 'redirect', location: '/chat/widgets/clock/' });
  });

  it('works with an empty base path', () => {
    expect(decide('/widgets/clock/x', 'GET', '')).toEqual({ kind: 'serve' });
    expect(decide('/', 'GET', '')).toEqual({ kind: 'redirect', location: '/widgets/clock/' });
    expect(decide('/chat/widgets/clock/', 'GET', '')).toEqual({ kind: 'not-found' });
  });

  it.each([
    '/chat/',
    '/chat',
    '/chat/healthz',
    '/chat/v1/sessions/status',
    '/chat/v1/responses',
    '/chat/admin/widgets/status',
    '/chat/widgets/',
    '/chat/widgets/other/',
    '/chat/widgets/clockwork/',
    '/chat/widgets/clock-2/',
    '/chat/widgets/%63lock/',
    '/chat/widgets/CLOCK/',
    '/CHAT/widgets/clock/',
    '/widgets/clock/',
    '/__desk/',
    '/__desk/widget-link?t=x',
    '/__desk/enterx',
    '/__desk/enter/x',
    '/sw.js',
  ])('404s %s', (url) => {
    expect(decide(url)).toEqual({ kind: 'not-found' });
  });

  it('knows /__desk/enter (any query) and the blocked-redirect page, and nothing else under /__desk', () => {
    expect(decide('/__desk/enter?g=abc&to=/x')).toEqual({ kind: 'enter' });
    expect(decide('/__desk/enter')).toEqual({ kind: 'enter' });
    expect(decide(REDIRECT_BLOCKED_PATH)).toEqual({ kind: 'redirect-blocked' });
    expect(decide(REDIRECT_BLOCKED_PATH, 'POST')).toEqual({ kind: 'not-found' });
  });

  it('does not redirect unsafe methods', () => {
    expect(decide('/', 'POST')).toEqual({ kind: 'not-found' });
    expect(decide('/chat/widgets/clock', 'DELETE')).toEqual({ kind: 'not-found' });
    expect(decide('/', 'OPTIONS')).toEqual({ kind: 'not-found' });
  });
});

describe('widgetVerdict', () => {
  const own = 'http://w-abc.localhost:4000';
  const h = (headers: Record<string, string>) => headers;

  it('allows same-origin, user-initiated and header-less requests', () => {
    expect(widgetVerdict('GET', h({}), own, false)).toBe('allow');
    expect(widgetVerdict('GET', h({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }), own, false)).toBe('allow');
    expect(widgetVerdict('GET', h({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }), own, false)).toBe('allow');
    expect(widgetVerdict('POST', h({ origin: own, 'sec-fetch-site': 'same-origin' }), own, false)).toBe('allow');
    expect(widgetVerdict('GET', h({ origin: own }), own, true)).toBe('allow');
  });

  it('refuses other sites: their fetches, their unsafe methods and WebSockets, and every navigation from them', () => {
    expect(widgetVerdict('GET', h({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }), own, false)).toBe('cross-site');
    expect(widgetVerdict('GET', h({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' }), own, false)).toBe('cross-site');
    expect(widgetVerdict('POST', h({ origin: 'http://a-x-aaaaaa.localhost:4000' }), own, false)).toBe('foreign-origin');
    expect(widgetVerdict('POST', h({ origin: 'null' }), own, false)).toBe('foreign-origin');
    expect(widgetVerdict('GET', h({ origin: 'http://desk.localhost:4000' }), own, true)).toBe('foreign-origin');
    const nav = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
    expect(widgetVerdict('GET', h({ ...nav, 'sec-fetch-dest': 'document' }), own, false)).toBe('cross-site-navigation');
    expect(widgetVerdict('GET', h({ ...nav, 'sec-fetch-dest': 'iframe' }), own, false)).toBe('cross-site-navigation');
    expect(widgetVerdict('GET', h({ ...nav, 'sec-fetch-mode': 'nested-navigate' }), own, false)).toBe('cross-site-navigation');
  });
});
