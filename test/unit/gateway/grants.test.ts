import { describe, expect, it } from 'vitest';
import { GrantIssuer, GRANT_MAX_TTL_MS } from '../../../main/core/gateway/grants.js';

const HOST = 'a-bob-abcdef.localhost:47800';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function decode(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
}

describe('GrantIssuer', () => {
  it('mints a signed, host-bound, ≤60 s grant that redeems once', () => {
    const c = clock();
    const grants = new GrantIssuer({ now: c.now });
    const token = grants.mint({ host: HOST, kind: 'agent', agent: 'a-bob-abcdef', ttlMs: 10 * 60_000 });
    const claims = decode(token);
    expect(claims).toMatchObject({ v: 1, host: HOST, kind: 'agent', agent: 'a-bob-abcdef', iat: c.now() });
    expect(claims.exp).toBe(c.now() + GRANT_MAX_TTL_MS);
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims.kid).toBe('string');
    const first = grants.redeem(token, HOST);
    expect(first.ok).toBe(true);
    expect(grants.redeem(token, HOST)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses an expired grant', () => {
    const c = clock();
    const grants = new GrantIssuer({ now: c.now });
    const token = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    c.advance(GRANT_MAX_TTL_MS);
    expect(grants.redeem(token, HOST)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a grant presented on another host, and it stays unusable there', () => {
    const grants = new GrantIssuer();
    const token = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    expect(grants.redeem(token, 'a-eve-abcdef.localhost:47800')).toEqual({ ok: false, reason: 'wrong-host' });
  });

  it('refuses forged, tampered and malformed grants', () => {
    const grants = new GrantIssuer();
    const token = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    const [body, mac] = token.split('.') as [string, string];
    const claims = decode(token);
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, agent: 'y' })).toString('base64url');
    expect(grants.redeem(`${forgedBody}.${mac}`, HOST)).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = mac.slice(0, -2) + (mac.endsWith('AA') ? 'BB' : 'AA');
    expect(grants.redeem(`${body}.${flipped}`, HOST)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(grants.redeem('', HOST)).toEqual({ ok: false, reason: 'malformed' });
    expect(grants.redeem('a.b.c', HOST)).toEqual({ ok: false, reason: 'malformed' });
    expect(grants.redeem('x'.repeat(5000), HOST)).toEqual({ ok: false, reason: 'malformed' });
    // A grant from another launch (another key) does not verify.
    const other = new GrantIssuer().mint({ host: HOST, kind: 'agent', agent: 'x' });
    expect(grants.redeem(other, HOST)).toEqual({ ok: false, reason: 'bad-signature' });
    // The genuine one still works after all that.
    expect(grants.redeem(token, HOST).ok).toBe(true);
  });

  it("keeps a bounded share per agent: a flood evicts only that agent's oldest grants", () => {
    const grants = new GrantIssuer({ limits: { perAgent: 100 } });
    const first = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    const other = grants.mint({ host: HOST, kind: 'agent', agent: 'y' });
    for (let i = 0; i < 1000; i++) grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    expect(grants.outstandingCount).toBe(101);
    expect(grants.redeem(first, HOST)).toEqual({ ok: false, reason: 'used' });
    expect(grants.redeem(other, HOST).ok).toBe(true);
  });

  it('a widget link mints a few grants a window, in a share of its own', () => {
    const c = clock();
    const grants = new GrantIssuer({ now: c.now, limits: { linkMints: 3, linkWindowMs: 60_000 } });
    const agentGrant = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    const minted = [];
    while (grants.linkWaitMs('x', 'link-1') === 0) minted.push(grants.mint({ host: HOST, kind: 'widget', agent: 'x', mount: 'm', link: 'link-1' }));
    expect(minted).toHaveLength(3);
    expect(grants.redeem(agentGrant, HOST).ok).toBe(true);
    expect(grants.redeem(minted[0]!, HOST).ok).toBe(true);
    expect(grants.linkWaitMs('x', 'link-1')).toBe(60_000);
    expect(grants.linkWaitMs('x', 'link-2')).toBe(0);
    c.advance(20_000);
    expect(grants.linkWaitMs('x', 'link-1')).toBe(40_000);
    c.advance(40_000);
    expect(grants.linkWaitMs('x', 'link-1')).toBe(0);
  });

  it('remembers a bounded number of links per agent, and nothing once everything expired', () => {
    const c = clock();
    const grants = new GrantIssuer({ now: c.now, limits: { linksPerAgent: 4, linkMints: 2 } });
    const firstLink = grants.mint({ host: HOST, kind: 'widget', agent: 'x', mount: 'm', link: 'l0' });
    for (let i = 1; i < 50; i++) {
      grants.mint({ host: HOST, kind: 'widget', agent: 'x', mount: 'm', link: `l${i}` });
      grants.mint({ host: HOST, kind: 'widget', agent: 'x', mount: 'm', link: `l${i}` });
    }
    expect(grants.outstandingCount).toBe(8);
    expect(grants.redeem(firstLink, HOST)).toEqual({ ok: false, reason: 'used' });
    c.advance(GRANT_MAX_TTL_MS);
    grants.mint({ host: HOST, kind: 'agent', agent: 'y' });
    expect(grants.outstandingCount).toBe(1);
  });

  it('desk grants never expire until used, and a new one replaces the old', () => {
    const c = clock();
    const grants = new GrantIssuer({ now: c.now });
    const desk = 'desk.localhost:47800';
    const first = grants.mintDesk(desk);
    c.advance(365 * 24 * 3600_000);
    const used = grants.redeem(first, desk);
    expect(used.ok && used.claims.kind).toBe('desk');
    expect(grants.redeem(first, desk)).toEqual({ ok: false, reason: 'used' });
    const second = grants.mintDesk(desk);
    const third = grants.mintDesk(desk);
    expect(grants.redeem(second, desk)).toEqual({ ok: false, reason: 'used' });
    expect(grants.redeem(third, desk).ok).toBe(true);
  });

  it('revokeAll invalidates everything outstanding', () => {
    const grants = new GrantIssuer();
    const agent = grants.mint({ host: HOST, kind: 'agent', agent: 'x' });
    const desk = grants.mintDesk('desk.localhost:1');
    grants.revokeAll();
    expect(grants.redeem(agent, HOST).ok).toBe(false);
    expect(grants.redeem(desk, 'desk.localhost:1').ok).toBe(false);
  });
});
