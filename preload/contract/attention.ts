/**
 * The attention domain: what agents wait for or finished, across every
 * agent, answered in place. Items are built in main from each agent's
 * session endpoints; they never carry a token.
 */

export type AttentionKind = 'approval' | 'question' | 'finished' | 'failed';

export interface AttentionOption {
  label: string;
  description?: string;
  /** Sent back as `choice` to pick this option. */
  index: number;
}

export interface AttentionQuestion {
  question: string;
  header?: string;
  /** Offered answers; absent for a free-text question. */
  options?: string[];
  multiSelect?: boolean;
}

export interface AttentionItem {
  /** Opaque, stable while the item lives. */
  id: string;
  agentId: string;
  agentName: string;
  sessionId: string;
  sessionTitle: string;
  kind: AttentionKind;
  /** The reason: the command wanting approval, the first question, "finished", … */
  title: string;
  options?: AttentionOption[];
  questions?: AttentionQuestion[];
  /** Epoch ms the item appeared. */
  since: number;
}

/** Per agent, on its record: counts only. */
export interface AttentionCounts {
  /** Approvals and questions waiting for the user. */
  needsYou: number;
  /** Finished and failed runs not yet seen. */
  finished: number;
}

/** One notification to show for a new item (already filtered by the user's settings). */
export interface AttentionNotice {
  itemId: string;
  agentId: string;
  sessionId: string;
  /** "alpha · Refactor parser" */
  title: string;
  /** "wants to run: rm -rf build", "finished", … */
  body: string;
  silent: boolean;
}

export interface NotificationSettings {
  /** Notifications per kind of item. */
  kinds: Record<AttentionKind, boolean>;
  /** Agent ids that never notify (their items still show in the inbox). */
  mutedAgents: string[];
  doNotDisturb: boolean;
  sound: boolean;
}

/**
 * An approval is answered with an option index; a question with one answer
 * per question: a list of option labels for a multi-select question, else a
 * string (an option label, or free text when no options are offered).
 */
export type AttentionAnswer = { itemId: string; choice: number } | { itemId: string; answers: Array<string | string[]> };

export interface AttentionInvoke {
  'attention:list': { request: void; response: { items: AttentionItem[] } };
  /** Posts the answer to the agent (409 when the item no longer exists). */
  'attention:answer': { request: AttentionAnswer; response: { ok: true } };
  /** Clears finished and failed items of the agent (or one session). */
  'attention:seen': { request: { agentId: string; sessionId?: string }; response: { ok: true } };
  /** The UI reports which agent is on screen and whether its window has focus. */
  'attention:focus': { request: { agentId: string | null; focused: boolean }; response: { ok: true } };
}

export interface AttentionEvents {
  /** Every item after a change, and the notifications the change calls for. */
  'attention:changed': { items: AttentionItem[]; notify: AttentionNotice[] };
}

/** What `AttentionCounts` counts, from a list of items: the desk badges each agent, the UI the whole desk. */
export function attentionCounts(items: readonly AttentionItem[]): AttentionCounts {
  let needsYou = 0;
  let finished = 0;
  for (const item of items) {
    if (item.kind === 'approval' || item.kind === 'question') needsYou += 1;
    else finished += 1;
  }
  return { needsYou, finished };
}
