/**
 * Whether agents may open inside the desk's frames in this browser: their
 * pages need storage (localStorage, IndexedDB, a service worker), which some
 * browsers deny to framed sites. The gateway's storage-probe page tries all
 * three inside a frame like an agent's and posts what happened
 * (main/core/gateway/storage-probe.ts).
 */

/** The `type` of the probe's one message (STORAGE_PROBE_MESSAGE on the gateway side). */
export const STORAGE_PROBE_MESSAGE = 'agent-desk:storage-probe';

/** Each check: true, or why it failed. */
export interface StorageProbeResult {
  localStorage: true | string;
  indexedDB: true | string;
  serviceWorker: true | string;
}

export type FramedStorage =
  /** Electron: an agent's `<webview>` is a top-level page of its own partition. */
  | { state: 'not-needed' }
  | { state: 'checking' }
  | { state: 'available' }
  | { state: 'denied'; reason: string }
  /** The probe never answered: agents open inside the desk as before. */
  | { state: 'unknown'; reason: string };

/** Where a selected agent's page goes; `undecided` while the check runs. */
export type AgentPlacement = 'desk' | 'tab' | 'undecided';

export function placementOf(framed: FramedStorage): AgentPlacement {
  if (framed.state === 'checking') return 'undecided';
  return framed.state === 'denied' ? 'tab' : 'desk';
}

const CHECK_NAMES: Record<keyof StorageProbeResult, string> = {
  localStorage: 'localStorage',
  indexedDB: 'IndexedDB',
  serviceWorker: 'service workers',
};

function isCheck(value: unknown): value is true | string {
  return value === true || (typeof value === 'string' && value.length <= 300);
}

/** The probe's message, or undefined for anything else a frame might post. */
export function readProbeMessage(data: unknown): StorageProbeResult | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.type !== STORAGE_PROBE_MESSAGE) return undefined;
  if (!isCheck(message.localStorage) || !isCheck(message.indexedDB) || !isCheck(message.serviceWorker)) return undefined;
  return { localStorage: message.localStorage, indexedDB: message.indexedDB, serviceWorker: message.serviceWorker };
}

/** Available only when all three work: term-llm's page stops at the first that throws. */
export function verdictOf(result: StorageProbeResult): FramedStorage {
  const failed = (Object.keys(CHECK_NAMES) as Array<keyof StorageProbeResult>).filter((check) => result[check] !== true);
  if (failed.length === 0) return { state: 'available' };
  const reason = failed.map((check) => `${CHECK_NAMES[check]}: ${String(result[check])}`).join('; ');
  return { state: 'denied', reason };
}

/** The window name of an agent's own tab: a second open finds and focuses it. */
export function agentTabName(agentId: string): string {
  return `agent-desk-${agentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
