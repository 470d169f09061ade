import { randomBytes } from 'node:crypto';
import { GrantLedger, type GrantLimits } from './grant-ledger.js';
import { openToken, signToken } from './signed-token.js';

/** Agent and widget grants live at most this long. */
export const GRANT_MAX_TTL_MS = 60_000;

export type GrantKind = 'desk' | 'agent' | 'widget';

/** The signed payload of a grant (docs/security.md, "Defences": grants and sessions). */
export interface GrantClaims {
  v: 1;
  kid: string;
  /** `<label>.localhost:PORT`, the only host that may redeem it. */
  host: string;
  kind: GrantKind;
  /** Agent id; empty for the desk. */
  agent: string;
  mount?: string;
  iat: number;
  /** Epoch ms; null only for the desk login grant, valid until used or the key dies. */
  exp: number | null;
  jti: string;
}

export interface MintRequest {
  host: string;
  kind: Exclude<GrantKind, 'desk'>;
  agent: string;
  mount?: string;
  ttlMs?: number;
  /** The widget link that asked for it (its id); such grants count against that link, not the agent. */
  link?: string;
}

export type GrantCheck =
  | { ok: true; claims: GrantClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-key' | 'wrong-host' | 'expired' | 'used' };

export interface GrantIssuerOptions {
  now?: () => number;
  /** Outstanding (minted, unused) grants kept per agent and per widget link (defaults in grant-ledger.ts). */
  limits?: Partial<GrantLimits>;
}

/**
 * Mints and redeems grants with a per-launch HMAC key. Single use is enforced
 * by remembering what was minted, not what was used: a grant is redeemable only
 * while its jti is outstanding, so forged or replayed grants cost no memory.
 * The outstanding set is kept in shares per agent and per widget link
 * (grant-ledger.ts), so no one minter's flood can evict another's grants.
 */
export class GrantIssuer {
  readonly #key = randomBytes(32);
  readonly #kid = randomBytes(6).toString('base64url');
  readonly #now: () => number;
  /** Outstanding agent/widget grants, by the agent or widget link that minted them. */
  readonly #outstanding: GrantLedger;
  /** The single live desk grant's jti (no expiry until used). */
  #deskJti: string | undefined;

  constructor(options: GrantIssuerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#outstanding = new GrantLedger(options.limits);
  }

  mint(request: MintRequest): string {
    const iat = this.#now();
    const ttl = Math.min(Math.max(request.ttlMs ?? GRANT_MAX_TTL_MS, 0), GRANT_MAX_TTL_MS);
    const claims: GrantClaims = {
      v: 1,
      kid: this.#kid,
      host: request.host,
      kind: request.kind,
      agent: request.agent,
      ...(request.mount !== undefined ? { mount: request.mount } : {}),
      iat,
      exp: iat + ttl,
      jti: randomBytes(16).toString('base64url'),
    };
    this.#outstanding.add(claims.jti, claims.exp!, request.agent, request.link, iat);
    return this.#sign(claims);
  }

  /** Milliseconds until widget link `link` of `agent` may mint another grant; 0 when it may now. */
  linkWaitMs(agent: string, link: string): number {
    return this.#outstanding.linkWaitMs(agent, link, this.#now());
  }

  /** A fresh desk login grant; it replaces (invalidates) the previous unused one. */
  mintDesk(host: string): string {
    const claims: GrantClaims = {
      v: 1,
      kid: this.#kid,
      host,
      kind: 'desk',
      agent: '',
      iat: this.#now(),
      exp: null,
      jti: randomBytes(16).toString('base64url'),
    };
    this.#deskJti = claims.jti;
    return this.#sign(claims);
  }

  /** Verifies and consumes: the same grant never passes twice. */
  redeem(token: string, host: string): GrantCheck {
    const check = this.#verify(token, host);
    if (!check.ok) return check;
    const { claims } = check;
    if (claims.kind === 'desk') {
      if (claims.jti !== this.#deskJti) return { ok: false, reason: 'used' };
      this.#deskJti = undefined;
    } else if (!this.#outstanding.take(claims.jti)) {
      return { ok: false, reason: 'used' };
    }
    return check;
  }

  /** Forgets every outstanding grant (shutdown). */
  revokeAll(): void {
    this.#outstanding.clear();
    this.#deskJti = undefined;
  }

  get outstandingCount(): number {
    return this.#outstanding.size;
  }

  #verify(token: string, host: string): GrantCheck {
    const opened = openToken(this.#key, token, 2048);
    if (!opened.ok) return opened;
    const claims = opened.claims as GrantClaims;
    if (claims === null || typeof claims !== 'object' || claims.v !== 1) return { ok: false, reason: 'malformed' };
    if (claims.kid !== this.#kid) return { ok: false, reason: 'wrong-key' };
    if (claims.host !== host) return { ok: false, reason: 'wrong-host' };
    if (claims.kind === 'desk') {
      if (claims.exp !== null) return { ok: false, reason: 'malformed' };
    } else if (typeof claims.exp !== 'number' || this.#now() >= claims.exp) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, claims };
  }

  #sign(claims: GrantClaims): string {
    return signToken(this.#key, claims);
  }
}
