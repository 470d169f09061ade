import { useContext, useEffect, useState } from 'react';
import { switcherKeyLabel } from '../logic/shortcuts.js';
import { FrameKindContext } from './agent-frame.js';

/** Whether keyboard focus is inside this pane's agent frame (the desk page then gets no keys at all). */
function useFocusInFrame(paneId: string): boolean {
  const [inFrame, setInFrame] = useState(false);
  useEffect(() => {
    const check = () => {
      const active = document.activeElement;
      setInFrame(active instanceof HTMLElement && active.classList.contains('agent-frame') && active.closest('[data-agent-pane]')?.getAttribute('data-agent-pane') === paneId);
    };
    // Focus moving into a cross-origin frame blurs the window; the active element is the frame a tick later.
    const onBlur = () => setTimeout(check, 0);
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', check);
    document.addEventListener('focusin', check);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', check);
      document.removeEventListener('focusin', check);
    };
  }, [paneId]);
  return inFrame;
}

/**
 * In a browser, keys typed in an agent's page go to that page (another
 * origin), so the desk's shortcuts cannot work there; say how to get them
 * back. Shift+Tab leaves the page only from its first focusable field (the
 * agent's page keeps Tab for itself everywhere else), so the sure way is a
 * click outside it. Electron forwards them itself, so it needs no hint.
 */
export function FrameFocusHint({ paneId }: { paneId: string }) {
  const kind = useContext(FrameKindContext);
  const inFrame = useFocusInFrame(paneId);
  if (kind !== 'iframe' || !inFrame) return null;
  return (
    <p className="frame-focus-hint" data-testid="frame-focus-hint">
      Keys go to the agent. For {switcherKeyLabel()} and the other desk keys, click here — or press Shift+Tab in its first field.
    </p>
  );
}
