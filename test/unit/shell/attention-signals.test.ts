import { describe, expect, it } from 'vitest';
import type { AgentRecord, AttentionItem, AttentionNotice, NotificationSettings } from '../../../preload/contract.js';
import { deskTakesNotifications, NoticeBoard, shellAttention } from '../../../main/core/shell/attention-signals.js';
import { trayIconBitmap, trayIconSpec } from '../../../main/core/shell/tray-menu.js';

function record(id: string, needsYou: number, finished = 0): AgentRecord {
  return {
    id,
    name: id,
    root: '/r',
    runtime: { kind: 'none', container: 'unknown' },
    label: id,
    state: 'ready',
    health: { status: 'online', latencyMs: 1, version: null, capabilities: [], checkedAt: null },
    widgets: [],
    sessions: { count: 1, activeRuns: 0 },
    attention: { needsYou, finished },
  };
}

function item(id: string, agentId = 'a-alpha', sessionId = 's1'): AttentionItem {
  return { id, agentId, agentName: 'alpha', sessionId, sessionTitle: 'Refactor parser', kind: 'approval', title: 'rm -rf build', since: 1 };
}

function notice(of: AttentionItem): AttentionNotice {
  return { itemId: of.id, agentId: of.agentId, sessionId: of.sessionId, title: `alpha · ${of.sessionTitle}`, body: `wants to run: ${of.title}`, silent: false };
}

/** The board's ports, recording what the shell was asked to do. */
function ports() {
  const shown: Array<{ notice: AttentionNotice; click: () => void; closed: boolean }> = [];
  const opened: string[] = [];
  const seen: string[] = [];
  return {
    shown,
    opened,
    seen,
    board: new NoticeBoard({
      show: (shownNotice, click) => {
        const entry = { notice: shownNotice, click, closed: false };
        shown.push(entry);
        return { close: () => (entry.closed = true) };
      },
      openSession: (agentId, sessionId) => opened.push(`${agentId}/${sessionId}`),
      markSeen: (agentId, sessionId) => seen.push(`${agentId}/${sessionId}`),
    }),
  };
}

describe('shellAttention: the OS badge and the tray', () => {
  it('counts what needs the user across agents (finished runs are not counted)', () => {
    expect(shellAttention([record('a', 2, 5), record('b', 1)])).toEqual({ badgeCount: 3, trayVariant: 'attention', trayTooltip: 'Agent Desk — 3 items need you' });
    expect(shellAttention([record('a', 0, 4)])).toEqual({ badgeCount: 0, trayVariant: 'normal', trayTooltip: 'Agent Desk' });
    expect(shellAttention([])).toEqual({ badgeCount: 0, trayVariant: 'normal', trayTooltip: 'Agent Desk' });
  });

  it('the attention tray icon carries a badge dot: a shape, not only a colour', () => {
    const plain = trayIconBitmap(32, 'accent');
    const badged = trayIconBitmap(32, 'accent', true);
    expect(badged.equals(plain)).toBe(false);
    // A transparent gap separates the dot from the circle, then the dot is opaque.
    const at = (bitmap: Buffer, x: number, y: number) => bitmap[(y * 32 + x) * 4 + 3]!;
    const dot = { x: Math.round(0.78 * 31), y: Math.round(0.22 * 31) };
    expect(at(badged, dot.x, dot.y)).toBe(255);
    // (19, 12): between the dot and the circle's centre, inside the circle, in the gap.
    expect(at(badged, 19, 12)).toBe(0);
    expect(at(plain, 19, 12)).toBe(255);
    // The centre stays the circle.
    expect(at(badged, 15, 20)).toBe(255);
    for (const variant of ['normal', 'attention'] as const) {
      const spec = trayIconSpec('darwin', variant);
      for (const { bitmap } of spec.representations) {
        for (let offset = 0; offset < bitmap.length; offset += 4) expect([bitmap[offset], bitmap[offset + 1], bitmap[offset + 2]]).toEqual([0, 0, 0]);
      }
    }
    expect(trayIconSpec('linux', 'attention').representations.map(({ size }) => size)).toEqual([32, 64]);
  });
});

describe('deskTakesNotifications: an agent page may notify by itself only when the desk does not', () => {
  const settings = (kinds: boolean, doNotDisturb = false): NotificationSettings => ({
    kinds: { approval: kinds, question: kinds, finished: kinds, failed: kinds },
    mutedAgents: [],
    doNotDisturb,
    sound: true,
  });
  it('on with any kind on, and under do-not-disturb (the page must not get around it)', () => {
    expect(deskTakesNotifications(settings(true))).toBe(true);
    expect(deskTakesNotifications({ ...settings(false), kinds: { approval: false, question: false, finished: true, failed: false } })).toBe(true);
    expect(deskTakesNotifications(settings(false, true))).toBe(true);
    expect(deskTakesNotifications(undefined)).toBe(true);
  });
  it('off only when every kind is off and do-not-disturb is off', () => {
    expect(deskTakesNotifications(settings(false))).toBe(false);
  });
});

describe('NoticeBoard: native notifications for attention items', () => {
  it('shows one notification per new notice, never twice for the same item', () => {
    const { board, shown } = ports();
    const first = item('i1');
    board.update([first], [notice(first)]);
    board.update([first], [notice(first)]);
    expect(shown.map((entry) => entry.notice.title)).toEqual(['alpha · Refactor parser']);
    expect(board.size).toBe(1);
  });

  it('a click opens the agent at the session, marks it seen and closes the notification', () => {
    const { board, shown, opened, seen } = ports();
    const first = item('i1', 'a-alpha', 's9');
    board.update([first], [notice(first)]);
    shown[0]!.click();
    expect(opened).toEqual(['a-alpha/s9']);
    expect(seen).toEqual(['a-alpha/s9']);
    expect(shown[0]!.closed).toBe(true);
    expect(board.size).toBe(0);
  });

  it('closes the notification of an item that went away (answered elsewhere, seen, run over)', () => {
    const { board, shown } = ports();
    const [a, b] = [item('i1'), item('i2')];
    board.update([a, b], [notice(a), notice(b)]);
    board.update([b], []);
    expect(shown.map((entry) => entry.closed)).toEqual([true, false]);
    expect(board.size).toBe(1);
  });

  it('shows nothing for a notice whose item is already gone, and nothing where the OS cannot', () => {
    const { board, shown } = ports();
    const gone = item('i1');
    board.update([], [notice(gone)]);
    expect(shown).toEqual([]);
    const unsupported = new NoticeBoard({ show: () => undefined, openSession: () => undefined, markSeen: () => undefined });
    unsupported.update([gone], [notice(gone)]);
    expect(unsupported.size).toBe(0);
  });

  it('dispose closes every notification; a late click or update does nothing', () => {
    const { board, shown, opened } = ports();
    const first = item('i1');
    board.update([first], [notice(first)]);
    board.dispose();
    expect(shown[0]!.closed).toBe(true);
    shown[0]!.click();
    board.update([item('i2')], [notice(item('i2'))]);
    expect(opened).toEqual([]);
    expect(shown).toHaveLength(1);
  });
});
