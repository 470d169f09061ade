import { createContext, createElement, useContext, useState } from 'react';

export type FrameKind = 'iframe' | 'webview';

/**
 * Which element hosts agent UIs: an iframe in browser mode, Electron's
 * `<webview>` in the desktop app (main forces its partition, preload and
 * sandbox in `will-attach-webview`, so the renderer sets none of them).
 */
export const FrameKindContext = createContext<FrameKind>('iframe');

/**
 * Cross-origin already; the sandbox additionally keeps the agent from
 * navigating the desk itself. Popups may escape (widget links, docs). The
 * storage probe is framed the same way, so it sees what an agent would.
 */
export const AGENT_FRAME_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals';

export interface AgentFrameProps {
  /** The enter URL from `agents:open`; loaded once, when the frame mounts. */
  url: string;
  title: string;
}

/**
 * The agent's own UI on its own origin. The URL is read once: a new enter
 * URL means a new frame (the parent changes the key).
 */
export function AgentFrame({ url, title }: AgentFrameProps) {
  const [src] = useState(url);
  const kind = useContext(FrameKindContext);
  if (kind === 'webview') {
    // `src` must be present when the element is attached: main refuses a
    // webview without one. React sets attributes before inserting the node.
    return createElement('webview', { className: 'agent-frame', title, src });
  }
  return (
    <iframe
      className="agent-frame"
      title={title}
      src={src}
      sandbox={AGENT_FRAME_SANDBOX}
      allow="clipboard-write"
      referrerPolicy="no-referrer"
    />
  );
}
