import { app, Notification } from 'electron';
import type { Desk } from '../core/desk.js';
import { NoticeBoard, shellAttention } from '../core/shell/index.js';

export interface DeskAttentionOptions {
  desk: Desk;
  /** Focuses the desk window and opens the agent at the session (the UI marks it seen too). */
  openSession(agentId: string, sessionId: string): void;
  log(line: string): void;
}

/**
 * Attention outside the window: one native `Notification` per new item (a
 * click opens the agent at the session and marks it seen) and the OS badge
 * count. The decisions are in main/core/shell/attention-signals.ts; the
 * tray's icon and tooltip are drawn by tray.ts from the same function.
 */
export class DeskAttention {
  readonly #board: NoticeBoard;
  readonly #unsubscribe: () => void;
  #badge = -1;

  constructor(options: DeskAttentionOptions) {
    const { desk, log } = options;
    const supported = Notification.isSupported();
    if (!supported) log('this system shows no desktop notifications; attention stays in the inbox, badges and tray');
    this.#board = new NoticeBoard({
      show: (notice, onClick) => {
        if (!supported) return undefined;
        const notification = new Notification({ title: notice.title, body: notice.body, silent: notice.silent });
        notification.on('click', onClick);
        notification.show();
        return notification;
      },
      openSession: (agentId, sessionId) => options.openSession(agentId, sessionId),
      markSeen: (agentId, sessionId) => desk.attention.seen(agentId, sessionId),
    });
    this.#unsubscribe = desk.service.subscribe((event) => {
      if (event.channel === 'attention:changed') this.#board.update(event.payload.items, event.payload.notify);
      else if (event.channel === 'agents:changed') this.#setBadge(shellAttention(event.payload.agents).badgeCount);
    });
    this.#setBadge(shellAttention(desk.registry.list()).badgeCount);
  }

  dispose(): void {
    this.#unsubscribe();
    this.#board.dispose();
    if (this.#badge > 0) app.setBadgeCount(0);
  }

  #setBadge(count: number): void {
    if (count === this.#badge) return;
    this.#badge = count;
    // False where the OS has no badge (most Linux desktops): the tray and the title carry the count there.
    app.setBadgeCount(count);
  }
}
