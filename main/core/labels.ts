import { createHash, createHmac } from 'node:crypto';

/** RFC 4648 base32 alphabet, lower-cased so it is valid in a host label. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/** Lower-case, `[a-z0-9-]` only, no leading/trailing/double hyphens, ≤ max. */
export function slugify(name: string, max = 40): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'agent';
}

/**
 * `a-<slug ≤ 40>-<6 base32 of sha256(workspace path)>`: stable across
 * restarts and discovery order, distinct for equal names in two roots.
 */
export function agentLabel(name: string, workspacePath: string): string {
  const digest = createHash('sha256').update(workspacePath).digest();
  return `a-${slugify(name)}-${base32(digest, 6)}`;
}

/**
 * `w-<26 base32 of HMAC-SHA256(install key, agent id NUL mount)>`. The label
 * cannot be turned back into (agent, mount) without the per-install key.
 */
export function widgetLabel(installKey: Uint8Array, agentId: string, mount: string): string {
  const digest = createHmac('sha256', installKey).update(`${agentId}\0${mount}`).digest();
  return `w-${base32(digest, 26)}`;
}

export const DESK_LABEL = 'desk';

/**
 * The gateway's own throwaway host: a tiny page the desk frames once at start
 * to learn whether framed pages may keep storage in this browser. It holds no
 * session and no data; its own storage is deleted as soon as it is tried.
 */
export const STORAGE_PROBE_LABEL = 'storage-probe';

export function isAgentLabel(label: string): boolean {
  return /^a-[a-z0-9-]{1,40}-[a-z2-7]{6}$/.test(label);
}

export function isWidgetLabel(label: string): boolean {
  return /^w-[a-z2-7]{26}$/.test(label);
}
