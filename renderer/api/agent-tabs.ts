import { agentTabName } from '../logic/framed-storage.js';

/** A tab claimed for an agent inside the click, before its enter URL is known. */
export interface ClaimedAgentTab {
  navigate(url: string): void;
  close(): void;
}

/**
 * Agents' own tabs (where framed storage is denied). `claim` must run inside
 * the user's click: a browser lets a page open a tab only then, and fetching
 * the enter URL first would spend that permission.
 */
export interface AgentTabs {
  /** `focused`: the agent's tab was still open and is brought forward; `blocked`: the browser refused a new tab. */
  claim(agentId: string, agentName: string): ClaimedAgentTab | 'focused' | 'blocked';
}

/**
 * window.open-backed tabs, one per agent, named for it. The desk keeps each
 * handle (its COOP is `same-origin-allow-popups`, so the handle survives the
 * agent's page loading) and brings that tab forward on the next open. It cuts
 * the tab's opener before the tab leaves about:blank: the agent's page never
 * gets a reference to the desk. A reloaded desk has no handles left and opens
 * a new tab: finding the old one by name would make Chromium try (and refuse)
 * to navigate a tab whose opener was cut.
 */
export function browserAgentTabs(win: Window = window): AgentTabs {
  const held = new Map<string, Window>();
  return {
    claim(agentId, agentName) {
      const known = held.get(agentId);
      if (known && !known.closed) {
        known.focus();
        return 'focused';
      }
      const tab = win.open('', '_blank');
      if (tab === null) return 'blocked';
      held.set(agentId, tab);
      tab.name = agentTabName(agentId);
      tab.opener = null;
      tab.document.title = `Opening ${agentName}…`;
      return {
        navigate: (url) => tab.location.replace(url),
        close: () => tab.close(),
      };
    },
  };
}
