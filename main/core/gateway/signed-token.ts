import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `<base64url JSON>.<base64url HMAC-SHA256 of the first part>`: the shape of
 * grants and widget links. Signed with a per-launch key held by the caller.
 */
export function signToken(key: Buffer, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export type OpenedToken = { ok: true; claims: unknown } | { ok: false; reason: 'malformed' | 'bad-signature' };

/**
 * The claims of a token this key signed, or why not. Only the one canonical
 * spelling passes: Node's base64url decoder skips characters outside the
 * alphabet and spare trailing bits, so without the re-encoding check `sig%`
 * or a changed last character would decode to the same MAC.
 */
export function openToken(key: Buffer, token: unknown, maxLength: number): OpenedToken {
  if (typeof token !== 'string' || token.length === 0 || token.length > maxLength) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || given.toString('base64url') !== signature || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  try {
    return { ok: true, claims: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}
