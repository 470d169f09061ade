import type { AgentRecord, AttentionItem, AttentionNotice, NotificationSettings } from '../../../preload/contract.js';
import { attentionTotal, trayIconVariant, trayTooltip } from './tray-menu.js';

/** What the shell shows outside the window for attention: the OS badge and the tray. */
export interface ShellAttention {
  /** `app.setBadgeCount`: items that need the user (approvals and questions). */
  badgeCount: number;
  trayVariant: 'normal' | 'attention';
  trayTooltip: string;
}

export function shellAttention(agents: readonly AgentRecord[]): ShellAttention {
  const needsYou = attentionTotal(agents);
  return { badgeCount: needsYou, trayVariant: trayIconVariant(needsYou), trayTooltip: trayTooltip(needsYou) };
}

/**
 * Whether the desk speaks for the agents: some kind of notification is on,
 * or do-not-disturb holds them all back. Either way an agent page's own
 * notifications are denied, so nothing arrives twice and do-not-disturb
 * cannot be bypassed by the page. Only with every kind off may agents notify
 * by themselves.
 */
export function deskTakesNotifications(settings: NotificationSettings | undefined): boolean {
  if (!settings) return true;
  return settings.doNotDisturb || Object.values(settings.kinds).some(Boolean);
}

/** One shown notification, as the shell keeps it (Electron's `Notification`). */
export interface ShownNotice {
  close(): void;
}

export interface NoticeBoardPorts {
  /** Shows one native notification; `onClick` runs when the user clicks it. Undefined: not supported here. */
  show(notice: AttentionNotice, onClick: () => void): ShownNotice | undefined;
  /** Focuses the desk and opens the agent at that session. */
  openSession(agentId: string, sessionId: string): void;
  /** Clears the session's finished and failed items. */
  markSeen(agentId: string, sessionId: string): void;
}

/**
 * The native notifications for attention items: one per new notice (the
 * desk already filtered them by settings and focus), a click opens the
 * agent at the session and marks it seen. A notification whose item went
 * away (answered, seen, run over) is closed, so the set held here is bounded
 * by the live items — and holding them keeps their click handlers alive.
 */
export class NoticeBoard {
  readonly #ports: NoticeBoardPorts;
  readonly #shown = new Map<string, ShownNotice>();
  #disposed = false;

  constructor(ports: NoticeBoardPorts) {
    this.#ports = ports;
  }

  /** The items after a change, and the notices that change calls for. */
  update(items: readonly AttentionItem[], notices: readonly AttentionNotice[]): void {
    if (this.#disposed) return;
    const live = new Set(items.map((item) => item.id));
    for (const [itemId, shown] of this.#shown) {
      if (live.has(itemId)) continue;
      this.#shown.delete(itemId);
      shown.close();
    }
    for (const notice of notices) {
      if (this.#shown.has(notice.itemId) || !live.has(notice.itemId)) continue;
      const shown = this.#ports.show(notice, () => this.#clicked(notice));
      if (shown) this.#shown.set(notice.itemId, shown);
    }
  }

  /** How many notifications are up (for tests and the dispose check). */
  get size(): number {
    return this.#shown.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const shown of this.#shown.values()) shown.close();
    this.#shown.clear();
  }

  #clicked(notice: AttentionNotice): void {
    if (this.#disposed) return;
    this.#shown.get(notice.itemId)?.close();
    this.#shown.delete(notice.itemId);
    this.#ports.openSession(notice.agentId, notice.sessionId);
    this.#ports.markSeen(notice.agentId, notice.sessionId);
  }
}
