import { classifyPartition, gatewayOrigin } from './partitions.js';

/**
 * What a chat UI needs: desktop notifications for finished runs and writing
 * to the clipboard (copy buttons). Reading the clipboard, camera, microphone,
 * geolocation, MIDI, HID, serial, USB, fullscreen and the rest stay denied.
 */
export const AGENT_ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export interface PermissionQuery {
  /** The session partition the asking page lives in. */
  partition: string | undefined;
  permission: string;
  /** Origin (or URL) of the frame that asks; Electron gives either form. */
  requestingOrigin: string | undefined;
  gatewayPort: number;
  /**
   * Desk notifications are on (attention notifies from main): an agent page's
   * own notifications are then denied, so nothing arrives twice.
   */
  deskNotifies?: boolean;
}

function originOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}

/**
 * Deny by default. Only an agent partition asking from its own agent origin
 * gets the two permissions above; widget partitions, the desk's own window and
 * any unknown partition get nothing. Used for both the request handler and
 * the check handler, so they can never disagree.
 */
export function decidePermission(query: PermissionQuery): boolean {
  const partition = classifyPartition(query.partition);
  if (partition.kind !== 'agent') return false;
  if (!AGENT_ALLOWED_PERMISSIONS.has(query.permission)) return false;
  if (query.permission === 'notifications' && query.deskNotifies) return false;
  return originOf(query.requestingOrigin) === gatewayOrigin(partition.label, query.gatewayPort);
}
