import { describe, expect, it } from 'vitest';
import { agentVerdict, deskVerdict, isCrossSiteNavigation, isNavigation, isOriginOf, pathProblem, safeRedirectTarget } from '../../../main/core/gateway/request-policy.js';

describe('pathProblem', () => {
  it.each(['/', '/chat/', '/chat/v1/responses?x=%2f&y=..&w=wid%67ets', '/chat/a.b/c..d/.well', '/chat/%20x', '/chat/%C3%A9t%C3%A9', '/chat/%3F%23', '/a/b?q=/../', '/a/b?q=//x'])(
    'accepts %s',
    (url) => expect(pathProblem(url)).toBeUndefined(),
  );

  it.each([
    '/chat/%2fetc',
    '/chat/%2Fetc',
    '/chat/%5cetc',
    '/chat/%5Cetc',
    '/chat/../admin',
    '/chat/./x',
    '/chat/..',
    '/chat/%2e%2e/admin',
    '/chat/%2E%2E/admin',
    '/chat/.%2e/admin',
    '/chat/%2e/x',
    // Encoded unreserved characters: an agent that decodes paths would route
    // these somewhere our checks did not see (e.g. its widget proxy).
    '/chat/wid%67ets/app/',
    '/chat/%77idgets/app/',
    '/chat/WID%47ETS/app/',
    '/chat/widgets/%61pp/',
    '/chat/a%2db',
    '/chat/a%5Fb',
    '/chat/a%7eb',
    '/chat/v%31/x',
    '/chat\\..\\admin',
    '/chat\\x',
    '//evil.example/x',
    // Empty segments: a router that reads `//` as `/` would see a widget path our checks did not.
    '/chat//widgets/app/',
    '/chat/widgets//app/',
    '/chat/x//',
    '/chat//%2e%2e/x',
    'http://evil.example/x',
    '*',
    '',
  ])('refuses %s', (url) => expect(pathProblem(url)).toBeTypeOf('string'));
});

const OWN = 'http://a-bob-abcdef.localhost:47800';
const OWN_HOST = 'a-bob-abcdef.localhost:47800';

describe('agentVerdict', () => {
  it('allows same-origin, user-initiated and header-less requests', () => {
    expect(agentVerdict('GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }, OWN_HOST, false)).toBe('allow');
    expect(agentVerdict('GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }, OWN_HOST, false)).toBe('allow');
    expect(agentVerdict('POST', { origin: OWN, 'sec-fetch-site': 'same-origin' }, OWN_HOST, false)).toBe('allow');
    expect(agentVerdict('POST', {}, OWN_HOST, false)).toBe('allow');
  });

  it('refuses cross-site subresource requests', () => {
    expect(agentVerdict('GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }, OWN_HOST, false)).toBe('cross-site');
    expect(agentVerdict('GET', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }, OWN_HOST, false)).toBe('cross-site');
  });

  it('refuses unsafe methods and upgrades from another Origin (also navigations: form POST)', () => {
    expect(agentVerdict('POST', { origin: 'http://a-eve-ghijkl.localhost:47800' }, OWN_HOST, false)).toBe('foreign-origin');
    expect(agentVerdict('DELETE', { origin: 'null' }, OWN_HOST, false)).toBe('foreign-origin');
    expect(agentVerdict('POST', { origin: 'http://evil.example', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'cross-site' }, OWN_HOST, false)).toBe('foreign-origin');
    expect(agentVerdict('GET', { origin: 'http://evil.example' }, OWN_HOST, true)).toBe('foreign-origin');
    expect(agentVerdict('GET', { origin: OWN }, OWN_HOST, true)).toBe('allow');
  });

  it('turns every navigation another site started away (frames too: agents framed in the desk share a cookie partition)', () => {
    for (const site of ['cross-site', 'same-site']) {
      const nav = { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' };
      for (const dest of ['iframe', 'frame', 'document', 'embed', 'object']) {
        expect(agentVerdict('GET', { ...nav, 'sec-fetch-dest': dest }, OWN_HOST, false)).toBe('cross-site-navigation');
      }
    }
    expect(agentVerdict('GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' }, OWN_HOST, false)).toBe('allow');
    expect(agentVerdict('GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }, OWN_HOST, false)).toBe('allow');
  });

  it('tells navigations another site started from the others', () => {
    expect(isCrossSiteNavigation({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).toBe(true);
    expect(isCrossSiteNavigation({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).toBe(true);
    expect(isCrossSiteNavigation({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' })).toBe(false);
    expect(isCrossSiteNavigation({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).toBe(false);
    expect(isCrossSiteNavigation({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).toBe(false);
    expect(isCrossSiteNavigation({})).toBe(false);
  });
});

describe('isOriginOf', () => {
  it('matches exactly http://<host>', () => {
    expect(isOriginOf(OWN, OWN_HOST)).toBe(true);
    expect(isOriginOf(`https://${OWN_HOST}`, OWN_HOST)).toBe(false);
    expect(isOriginOf(`http://x${OWN_HOST}`, OWN_HOST)).toBe(false);
    expect(isOriginOf(`http://${OWN_HOST}/`, OWN_HOST)).toBe(false);
    expect(isOriginOf('null', OWN_HOST)).toBe(false);
  });
});

describe('deskVerdict', () => {
  const DESK = 'http://desk.localhost:47800';
  it('needs the desk Origin on unsafe methods', () => {
    expect(deskVerdict('POST', { origin: DESK }, DESK)).toBe('allow');
    expect(deskVerdict('POST', {}, DESK)).toBe('foreign-origin');
    expect(deskVerdict('POST', { origin: OWN }, DESK)).toBe('foreign-origin');
    expect(deskVerdict('GET', {}, DESK)).toBe('allow');
    expect(deskVerdict('GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }, DESK)).toBe('cross-site');
  });
});

describe('isNavigation', () => {
  it('uses Sec-Fetch-Mode, else Accept', () => {
    expect(isNavigation({ 'sec-fetch-mode': 'navigate' })).toBe(true);
    expect(isNavigation({ 'sec-fetch-mode': 'cors', accept: 'text/html' })).toBe(false);
    expect(isNavigation({ accept: 'text/html,application/xhtml+xml' })).toBe(true);
    expect(isNavigation({ accept: 'application/json' })).toBe(false);
    expect(isNavigation({})).toBe(false);
  });
});

describe('safeRedirectTarget', () => {
  it('keeps same-host paths', () => {
    expect(safeRedirectTarget('/chat/', '/x/')).toBe('/chat/');
    expect(safeRedirectTarget('/chat/s/1?tab=2#m', '/x/')).toBe('/chat/s/1?tab=2#m');
  });
  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    'javascript:alert(1)',
    'chat/',
    '/chat/../admin',
    '/%2f%2fevil.example',
    '/ /evil',
    '/\t/evil.example',
    '/chat/\u0101',
    '/chat/\u00e9',
    '',
    null,
    undefined,
  ])('falls back for %s', (to) => expect(safeRedirectTarget(to, '/chat/')).toBe('/chat/'));
});
