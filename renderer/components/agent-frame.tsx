import { useState } from 'react';

export interface AgentFrameProps {
  /** The enter URL from `agents:open`; loaded once, when the frame mounts. */
  url: string;
  title: string;
}

/**
 * The agent's own UI on its own origin. Browser mode uses an iframe; the
 * Electron build swaps this one component for a `<webview>`. The URL is read
 * once: a new enter URL means a new frame (the parent changes the key).
 */
export function AgentFrame({ url, title }: AgentFrameProps) {
  const [src] = useState(url);
  return (
    <iframe
      className="agent-frame"
      title={title}
      src={src}
      // Cross-origin already; the sandbox additionally keeps the agent from
      // navigating the desk itself. Popups may escape (widget links, docs).
      sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals"
      allow="clipboard-write"
      referrerPolicy="no-referrer"
    />
  );
}
