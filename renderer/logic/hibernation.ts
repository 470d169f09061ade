/** Minimal view of an opened agent for the hibernation decision. */
export interface IdleEntry {
  id: string;
  /** Epoch ms the user last looked at this agent (when it stopped being active). */
  lastActiveAt: number;
}

/**
 * Which opened agents have been out of view for `minutes` or more and should
 * be unloaded. The agent on screen never hibernates; 0 minutes means never.
 */
export function agentsToHibernate(
  opened: readonly IdleEntry[],
  activeId: string | null,
  now: number,
  minutes: number,
): string[] {
  if (!(minutes > 0)) return [];
  const limit = minutes * 60_000;
  return opened.filter((entry) => entry.id !== activeId && now - entry.lastActiveAt >= limit).map((entry) => entry.id);
}
