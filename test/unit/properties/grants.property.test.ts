import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSessionCookie, SESSION_COOKIE } from '../../../main/core/gateway/cookies.js';
import { GrantIssuer, type MintRequest } from '../../../main/core/gateway/grants.js';
import { SessionStore } from '../../../main/core/gateway/sessions.js';
import { WidgetLinkSigner } from '../../../main/core/gateway/widgets/widget-links.js';

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const hostArb = fc.tuple(label, fc.integer({ min: 1, max: 65535 })).map(([name, port]) => `${name}.localhost:${port}`);
const mintArb: fc.Arbitrary<MintRequest> = fc.record(
  {
    host: hostArb,
    kind: fc.constantFrom<MintRequest['kind']>('agent', 'widget'),
    agent: label,
    mount: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/),
  },
  { requiredKeys: ['host', 'kind', 'agent'] },
);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('GrantIssuer (property)', () => {
  it('redeems a grant only at its own host, once, with exactly the kind, agent and mount it was minted for', () => {
    fc.assert(
      fc.property(mintArb, hostArb, (request, otherHost) => {
        const issuer = new GrantIssuer();
        const grant = issuer.mint(request);
        if (otherHost !== request.host) expect(issuer.redeem(grant, otherHost)).toEqual({ ok: false, reason: 'wrong-host' });
        const check = issuer.redeem(grant, request.host);
        expect(check.ok).toBe(true);
        if (!check.ok) return;
        expect(check.claims).toMatchObject({ host: request.host, kind: request.kind, agent: request.agent });
        expect(check.claims.mount).toBe(request.mount);
        expect(issuer.redeem(grant, request.host)).toEqual({ ok: false, reason: 'used' });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every changed token: any one character replaced, cut or added', () => {
    fc.assert(
      fc.property(
        mintArb,
        fc.nat(),
        fc.constantFrom(...BASE64URL.split(''), '.', '=', '%', ' '),
        fc.constantFrom<'replace' | 'cut' | 'insert'>('replace', 'cut', 'insert'),
        (request, at, char, edit) => {
          const issuer = new GrantIssuer();
          const grant = issuer.mint(request);
          const changed = edited(grant, at, char, edit);
          fc.pre(changed !== grant);
          expect(issuer.redeem(changed, request.host).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never redeems a grant minted by another issuer (another launch)', () => {
    fc.assert(
      fc.property(mintArb, (request) => {
        const grant = new GrantIssuer().mint(request);
        expect(new GrantIssuer().redeem(grant, request.host).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** `token` with one character replaced, cut or added at `at`. */
function edited(token: string, at: number, char: string, edit: 'replace' | 'cut' | 'insert'): string {
  const i = at % token.length;
  if (edit === 'replace') return token.slice(0, i) + char + token.slice(i + 1);
  if (edit === 'cut') return token.slice(0, i) + token.slice(i + 1);
  return token.slice(0, i) + char + token.slice(i);
}

describe('WidgetLinkSigner (property)', () => {
  it('refuses every changed link and every link of another agent', () => {
    fc.assert(
      fc.property(label, label, fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), fc.nat(), fc.constantFrom(...BASE64URL.split(''), '.', '%'), fc.constantFrom<'replace' | 'cut' | 'insert'>('replace', 'cut', 'insert'), (agent, other, mount, at, char, edit) => {
        const signer = new WidgetLinkSigner();
        const link = signer.mint(agent, mount, `/chat/widgets/${mount}/`);
        expect(signer.verify(link, agent, '/chat').ok).toBe(true);
        if (other !== agent) expect(signer.verify(link, other, '/chat')).toEqual({ ok: false, reason: 'wrong-agent' });
        const changed = edited(link, at, char, edit);
        fc.pre(changed !== link);
        expect(signer.verify(changed, agent, '/chat').ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('SessionStore and the session cookie (property)', () => {
  it('never returns a session for another host, or for an id it did not create', () => {
    fc.assert(
      fc.property(hostArb, hostArb, fc.constantFrom<'desk' | 'agent' | 'widget'>('desk', 'agent', 'widget'), label, fc.string({ maxLength: 60 }), (host, otherHost, kind, agent, guess) => {
        const store = new SessionStore();
        const session = store.create(host, kind, agent);
        expect(store.get(session.id, host)).toMatchObject({ host, kind, agentId: agent });
        if (otherHost !== host) expect(store.get(session.id, otherHost)).toBeUndefined();
        if (guess !== session.id) expect(store.get(guess, host)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('reads only a well-formed session id that stands at a cookie boundary of the header', () => {
    const cookiePart = fc.oneof(
      fc.tuple(fc.stringMatching(/^[A-Za-z_-]{1,12}$/), fc.string({ maxLength: 50 })).map(([name, value]) => `${name}=${value}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((id) => `${SESSION_COOKIE}=${id}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((id) => `x${SESSION_COOKIE}=${id}`),
    );
    fc.assert(
      fc.property(fc.array(cookiePart, { maxLength: 6 }), fc.constantFrom('; ', ';'), (parts, separator) => {
        const header = parts.join(separator);
        const id = readSessionCookie(header);
        const first = parts.find((part) => part.startsWith(`${SESSION_COOKIE}=`));
        if (id === undefined) {
          // Only when no part of ours is well formed in the first place.
          expect(first === undefined || !/^[A-Za-z0-9_-]{43}$/.test(first.slice(SESSION_COOKIE.length + 1))).toBe(true);
        } else {
          expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
          expect(first).toBe(`${SESSION_COOKIE}=${id}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
