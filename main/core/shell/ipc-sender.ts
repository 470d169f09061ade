import { isAppUrl } from './app-url.js';

export interface IpcSender {
  /** `senderFrame.url`; null/undefined when the frame is gone. */
  frameUrl: string | null | undefined;
  /** The frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The sending WebContents is the desk's main window (not a webview guest or widget). */
  isMainWindow: boolean;
}

/**
 * Only the desk's own page in the main window may call the desk: its top
 * frame, on exactly `app://desk`. A webview guest, a widget window, an iframe
 * or a page that navigated elsewhere is refused, whatever it sends.
 */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.isMainWindow && sender.isMainFrame && isAppUrl(sender.frameUrl);
}
