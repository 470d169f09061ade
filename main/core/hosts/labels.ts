import { createHmac } from 'node:crypto';

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

/** Longest slug in an agent label. */
export const AGENT_SLUG_MAX = 30;

/** Lower-case, `[a-z0-9-]` only, no leading/trailing/double hyphens, ≤ max. */
export function slugify(name: string, max = AGENT_SLUG_MAX): string {
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
 * `a-<slug ≤ 30>-<16 base32 of HMAC-SHA256(install key, workspace path)>`:
 * stable across restarts of one install, different on another install, and
 * not computable by anyone without the key (a page cannot name another
 * agent's host to send it requests or cookies). Distinct for equal names in
 * two roots.
 */
export function agentLabel(installKey: Uint8Array, name: string, workspacePath: string): string {
  const digest = createHmac('sha256', installKey).update(`agent\0${workspacePath}`).digest();
  return `a-${slugify(name)}-${base32(digest, 16)}`;
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

/** Exactly what agentLabel mints: a slug of hyphen-joined `[a-z0-9]` runs (≤ 30), then 16 base32. */
const AGENT_LABEL = /^a-(?=[a-z0-9-]{1,30}-[a-z2-7]{16}$)[a-z0-9]+(?:-[a-z0-9]+)*-[a-z2-7]{16}$/;

export function isAgentLabel(label: string): boolean {
  return AGENT_LABEL.test(label);
}

const WIDGET_LABEL = /^w-[a-z2-7]{26}$/;

export function isWidgetLabel(label: string): boolean {
  return WIDGET_LABEL.test(label);
}

export type LabelKind = 'desk' | 'storage-probe' | 'agent' | 'widget';

/** What a label names, or undefined when the gateway never mints it. */
export function labelKind(label: string): LabelKind | undefined {
  if (label === DESK_LABEL) return 'desk';
  if (label === STORAGE_PROBE_LABEL) return 'storage-probe';
  if (isAgentLabel(label)) return 'agent';
  if (isWidgetLabel(label)) return 'widget';
  return undefined;
}
