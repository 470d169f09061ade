import type { WebContents } from 'electron';
import { urlForLog, type NavigationDecision } from '../core/shell/index.js';

export interface GuardHandlers {
  /** `window.open` (and target=_blank links, form posts to new windows). */
  windowOpen(url: string): NavigationDecision;
  /** A navigation or redirect of the page's main frame. */
  navigate(url: string): NavigationDecision;
  /** Called for `open-widget` and `open-widget-window` decisions. */
  openWidget?(decision: Extract<NavigationDecision, { action: 'open-widget' | 'open-widget-window' }>): void;
  /** Called for `open-external` decisions; absent: the link is refused (widget windows open nothing). */
  openExternal?(url: string): void;
  log(line: string): void;
}

/**
 * Applies navigation decisions to one WebContents: every `window.open` is
 * denied as a window (widgets and external links are opened by us instead),
 * and main-frame navigations and redirects the policy refuses are stopped.
 */
export function guardNavigation(contents: WebContents, what: string, handlers: GuardHandlers): void {
  const act = (decision: NavigationDecision, url: string): boolean => {
    switch (decision.action) {
      case 'allow':
        return true;
      case 'open-external':
        if (handlers.openExternal) handlers.openExternal(decision.url);
        else handlers.log(`${what}: refused ${urlForLog(url)}: no link leaves this window`);
        return false;
      case 'open-widget':
      case 'open-widget-window':
        handlers.openWidget?.(decision);
        return false;
      case 'deny':
        handlers.log(`${what}: refused ${urlForLog(url)}: ${decision.reason}`);
        return false;
    }
  };
  contents.setWindowOpenHandler(({ url }) => {
    act(handlers.windowOpen(url), url);
    return { action: 'deny' };
  });
  const onNavigate = (event: { url: string; isMainFrame: boolean; preventDefault(): void }): void => {
    if (!event.isMainFrame) return;
    if (!act(handlers.navigate(event.url), event.url)) event.preventDefault();
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
}
