import type { InvokeChannel } from '../../../preload/contract.js';
import { isInvokeChannelName } from '../../../preload/contract/channels.js';
import type { IpcReply } from '../../../preload/ipc-channels.js';
import { toDeskError } from '../api/desk-errors.js';
import { isTrustedSender, type IpcSender } from './ipc-sender.js';

/** The part of DeskService IPC needs; it validates payloads itself. */
export interface InvokeTarget {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
}

export type IpcDispatch = (sender: IpcSender, channel: string, payload: unknown) => Promise<IpcReply>;

/**
 * Everything ipc.ts does per message, minus Electron: refuse any sender but
 * the desk page, refuse unknown channels, pass the raw payload to the service
 * (which validates it) and turn every failure into a safe `{code, message}`.
 * Internal errors are logged by name only and reach the page as a generic
 * message, so nothing from inside the desk (paths, upstream errors) leaks.
 */
export function createIpcDispatch(target: InvokeTarget, log: (line: string) => void): IpcDispatch {
  return async (sender, channel, payload) => {
    if (!isTrustedSender(sender)) {
      log(`refused IPC ${isInvokeChannelName(channel) ? channel : '(unknown channel)'} from an untrusted frame`);
      return { ok: false, error: { code: 'forbidden', message: 'only the desk window may call the desk' } };
    }
    if (!isInvokeChannelName(channel)) {
      return { ok: false, error: { code: 'bad-request', message: 'unknown desk channel' } };
    }
    try {
      return { ok: true, value: await target.invoke(channel, payload) };
    } catch (error) {
      const deskError = toDeskError(error);
      if (deskError.code === 'internal') log(`IPC ${channel} failed: ${error instanceof Error ? error.name : typeof error}`);
      return { ok: false, ...deskError.toBody() };
    }
  };
}
