import type { AttentionItem, AttentionNotice, NotificationSettings } from '../../../preload/contract.js';

/** "wants to run: rm -rf build", "asks: Which branch?", "finished", … */
export function reasonOf(item: AttentionItem): string {
  switch (item.kind) {
    case 'approval':
      return `wants to run: ${item.title}`;
    case 'question':
      return `asks: ${item.title}`;
    case 'finished':
      return 'finished';
    case 'failed':
      return item.title;
  }
}

/** The one notification for a new item: "alpha · Refactor parser" / "wants to run: rm -rf build". */
export function noticeFor(item: AttentionItem, sound: boolean): AttentionNotice {
  return {
    itemId: item.id,
    agentId: item.agentId,
    sessionId: item.sessionId,
    title: `${item.agentName} · ${item.sessionTitle}`,
    body: reasonOf(item),
    silent: !sound,
  };
}

/**
 * Which new items notify: none under do-not-disturb, none for a muted agent
 * or a kind switched off. (Items of the agent the user is looking at never
 * reach here: the center leaves them out of `fresh`.)
 */
export function noticesFor(fresh: readonly AttentionItem[], settings: NotificationSettings): AttentionNotice[] {
  if (settings.doNotDisturb) return [];
  const muted = new Set(settings.mutedAgents);
  return fresh.filter((item) => settings.kinds[item.kind] && !muted.has(item.agentId)).map((item) => noticeFor(item, settings.sound));
}
