/** Minimal view of an opened agent for the hibernation decision. */
export interface IdleEntry {
  id: string;
  /** Epoch ms the user last looked at this agent (when it stopped being active). */
  lastActiveAt: number;
}

/**
 * Which opened agents have been out of view for `minutes` or more and should
 * be unloaded. The agent on screen never hibernates, nor one with an active
 * run (`busy`: its page may be showing that run); 0 minutes means never.
 */
export function agentsToHibernate(
  opened: readonly IdleEntry[],
  activeId: string | null,
  now: number,
  minutes: number,
  busy: ReadonlySet<string> = new Set(),
): string[] {
  if (!(minutes > 0)) return [];
  const limit = minutes * 60_000;
  return opened
    .filter((entry) => entry.id !== activeId && !busy.has(entry.id) && now - entry.lastActiveAt >= limit)
    .map((entry) => entry.id);
}
