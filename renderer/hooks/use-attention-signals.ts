import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { attentionCounts } from '../../preload/contract/attention.js';
import { deskTitle } from '../logic/attention-view.js';

/** How often a focused desk repeats "I am looking at this agent" (main forgets a report after a minute). */
export const FOCUS_REPEAT_MS = 20_000;

/**
 * Tells main which agent the user looks at, so it stays quiet about it (and
 * clears its finished and failed items): the agent on screen while this
 * window has focus, or — where agents open in tabs of their own — the agent
 * whose tab the user just brought forward, until this window has focus again.
 * The desk cannot see that tab's focus, so that report is not repeated: main
 * forgets it after a minute (FOCUS_REPORT_TTL_MS), and later runs notify.
 */
export function useFocusReport(): void {
  const { api, stores } = useDesk();
  const view = useStore(stores.navigation, (s) => s.view);
  const activeAgentId = useStore(stores.navigation, (s) => s.activeAgentId);
  const tabInFront = useStore(stores.framedStorage, (s) => s.tabInFront);
  useEffect(() => {
    const agentId = view === 'agent' ? activeAgentId : null;
    const inTab = agentId !== null && tabInFront === agentId;
    const send = () => {
      const focused = (document.visibilityState === 'visible' && document.hasFocus()) || inTab;
      void api.invoke('attention:focus', { agentId, focused }).catch(() => undefined);
    };
    const onFocus = () => {
      // Back in the desk: its own focus speaks again (the effect reruns and reports).
      if (stores.framedStorage.getState().tabInFront !== null) stores.framedStorage.getState().agentTabInFront(null);
      else send();
    };
    send();
    const timer = setInterval(() => {
      if (document.hasFocus()) send();
    }, FOCUS_REPEAT_MS);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', send);
    document.addEventListener('visibilitychange', send);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', send);
      document.removeEventListener('visibilitychange', send);
    };
  }, [api, stores, view, activeAgentId, tabInFront]);
}

function faviconHref(dot: boolean): string {
  const mark = '<rect x="6" y="10" width="52" height="40" rx="8" fill="#2457c5"/>';
  const badge = dot ? '<circle cx="50" cy="14" r="13" fill="#d1242f" stroke="#fff" stroke-width="3"/>' : '';
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${mark}${badge}</svg>`)}`;
}

/** `(N) Agent Desk` in the title (Electron's window title follows it) and a dot on the favicon. */
export function useAttentionTitle(): void {
  const { stores } = useDesk();
  const items = useStore(stores.attention, (s) => s.items);
  const { needsYou, finished } = attentionCounts(items);
  useEffect(() => {
    document.title = deskTitle(needsYou);
    const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    if (!link) return;
    link.dataset.attention = needsYou + finished > 0 ? 'dot' : 'none';
    link.href = needsYou + finished > 0 ? faviconHref(true) : (link.dataset.original ??= link.href);
  }, [needsYou, finished]);
}
