import type { WorkspaceState } from '../../../preload/contract.js';
import { Secret } from '../secret.js';
import type { AgentEndpoint } from './workspace-types.js';

export const DEFAULT_WEB_PORT = 8081;
export const DEFAULT_WEB_BASE_PATH = '/chat';

export interface WorkspaceConfig {
  state: WorkspaceState;
  reason?: string;
  /** Present only when state is `ready`. */
  endpoint?: AgentEndpoint;
}

/**
 * An unrendered template placeholder (`{{ .Token }}`), an empty value and a
 * missing key all mean "unset". An explicitly empty `WEB_PORT=` therefore
 * takes the default 8081, as an absent one does (docs/workspaces.md: default
 * when unset), which is also what `${WEB_PORT:-8081}` in a compose file does.
 */
function setValue(env: ReadonlyMap<string, string>, key: string): string | undefined {
  const value = env.get(key);
  if (value === undefined || value === '' || value.includes('{{')) return undefined;
  return value;
}

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `WEB_PORT`: decimal digits only, 1–65535 (leading zeros allowed, as Go's Atoi reads them). */
export function checkWebPort(raw: string | undefined): Checked<number> {
  if (raw === undefined) return { ok: true, value: DEFAULT_WEB_PORT };
  if (!/^[0-9]+$/.test(raw)) return { ok: false, reason: 'WEB_PORT is not a whole number (expected 1–65535)' };
  const digits = raw.replace(/^0+/, '');
  const port = digits.length > 5 ? Infinity : Number(digits || '0');
  if (port < 1 || port > 65535) {
    return { ok: false, reason: 'WEB_PORT is out of range (expected 1–65535)' };
  }
  return { ok: true, value: port };
}

/**
 * `WEB_BASE_PATH`: gains a leading `/`, loses trailing ones; `/` alone is the
 * site root (''). Refuses what could escape or confuse a path prefix.
 */
export function checkWebBasePath(raw: string | undefined): Checked<string> {
  if (raw === undefined) return { ok: true, value: DEFAULT_WEB_BASE_PATH };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/u.test(raw)) return { ok: false, reason: 'WEB_BASE_PATH contains whitespace or control characters' };
  if (/[?#]/.test(raw)) return { ok: false, reason: "WEB_BASE_PATH may not contain '?' or '#'" };
  if (raw.includes('\\')) return { ok: false, reason: "WEB_BASE_PATH may not contain '\\'" };
  if (raw.includes('..')) return { ok: false, reason: "WEB_BASE_PATH may not contain '..'" };
  let end = raw.length;
  while (end > 0 && raw[end - 1] === '/') end--; // not /\/+$/: quadratic on long runs of '/'
  const path = `/${raw.slice(0, end).replace(/^\/+/, '')}`.replace(/^\/$/, '');
  if (path.includes('//')) return { ok: false, reason: "WEB_BASE_PATH may not contain '//'" };
  if (path.split('/').includes('.')) return { ok: false, reason: "WEB_BASE_PATH may not contain a '.' segment" };
  return { ok: true, value: path };
}

/**
 * Turns a parsed `.env` into the workspace state. Reads only WEB_PORT,
 * WEB_TOKEN and WEB_BASE_PATH; reasons never quote a value.
 */
export function workspaceConfig(env: ReadonlyMap<string, string>): WorkspaceConfig {
  const port = checkWebPort(setValue(env, 'WEB_PORT'));
  if (!port.ok) return { state: 'invalid', reason: port.reason };
  const basePath = checkWebBasePath(setValue(env, 'WEB_BASE_PATH'));
  if (!basePath.ok) return { state: 'invalid', reason: basePath.reason };

  const token = env.get('WEB_TOKEN');
  if (token === undefined) return { state: 'not-provisioned', reason: 'WEB_TOKEN is not set in .env' };
  if (token === '') return { state: 'not-provisioned', reason: 'WEB_TOKEN is empty in .env' };
  if (token.includes('{{')) return { state: 'not-provisioned', reason: 'WEB_TOKEN is still a template placeholder' };
  // The gateway sends it as `Authorization: Bearer <token>`: only visible ASCII fits.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return { state: 'invalid', reason: 'WEB_TOKEN contains spaces, control or non-ASCII characters' };
  }
  return { state: 'ready', endpoint: { port: port.value, basePath: basePath.value, token: new Secret(token) } };
}
