import { describe, expect, it } from 'vitest';
import type { AgentRecord, HealthStatus, WorkspaceState } from '../../../preload/contract.js';
import { buildTrayMenu, TRAY_AGENT_LIMIT, trayIconBitmap, trayIconSpec, trayMenuSignature } from '../../../main/core/shell/tray-menu.js';

function agent(id: string, name: string, status: HealthStatus = 'online', state: WorkspaceState = 'ready'): AgentRecord {
  return {
    id,
    name,
    root: '/r',
    runtime: { kind: 'none', container: 'unknown' },
    label: id,
    state,
    health: { status, latencyMs: 1, version: null, capabilities: [], checkedAt: null },
    widgets: [],
    sessions: { count: 0, activeRuns: 0 },
    attention: { needsYou: 0, finished: 0 },
  };
}

const login = { supported: true, enabled: false };

describe('buildTrayMenu', () => {
  it('lists agents with status in the user order, then the desk, start at login and quit', () => {
    const items = buildTrayMenu({
      agents: [agent('a-b', 'beta', 'offline'), agent('a-a', 'alpha'), agent('a-c', 'gamma', 'unauthorized'), agent('a-d', 'delta', 'unknown', 'not-provisioned')],
      order: ['a-c'],
      startAtLogin: { supported: true, enabled: true },
    });
    expect(items).toEqual([
      { kind: 'agent', id: 'a-c', label: 'gamma — token rejected', enabled: true, actions: [] },
      { kind: 'agent', id: 'a-a', label: 'alpha — online', enabled: true, actions: [] },
      { kind: 'agent', id: 'a-b', label: 'beta — offline', enabled: true, actions: [] },
      { kind: 'agent', id: 'a-d', label: 'delta — not set up', enabled: false, actions: [] },
      { kind: 'separator' },
      { kind: 'open-desk', label: 'Open Agent Desk' },
      { kind: 'start-at-login', label: 'Start at login', checked: true, enabled: true },
      { kind: 'separator' },
      { kind: 'quit', label: 'Quit Agent Desk' },
    ]);
  });

  it('gives agents whose root has commands a submenu: Open, then Start / Stop / Restart as the shared rule offers, or Cancel while one runs', () => {
    const managed = (id: string, name: string, status: HealthStatus, container: AgentRecord['runtime']['container']): AgentRecord => ({
      ...agent(id, name, status),
      runtime: { kind: 'term-llm', container },
    });
    const items = buildTrayMenu({
      agents: [managed('a-a', 'alpha', 'offline', 'stopped'), managed('a-b', 'beta', 'online', 'running'), managed('a-c', 'gamma', 'starting', 'running'), agent('a-d', 'delta', 'offline')],
      order: ['a-a', 'a-b', 'a-c', 'a-d'],
      startAtLogin: login,
      running: (id) => (id === 'a-c' ? 'start' : undefined),
    });
    const actions = (id: string) => items.find((item) => item.kind === 'agent' && item.id === id);
    expect(actions('a-a')).toMatchObject({ actions: [{ kind: 'open', label: 'Open', enabled: true }, { kind: 'lifecycle', verb: 'start', label: 'Start' }] });
    expect(actions('a-b')).toMatchObject({
      actions: [
        { kind: 'open', label: 'Open', enabled: true },
        { kind: 'lifecycle', verb: 'stop', label: 'Stop' },
        { kind: 'lifecycle', verb: 'restart', label: 'Restart' },
      ],
    });
    expect(actions('a-c')).toMatchObject({ actions: [{ kind: 'open', label: 'Open', enabled: true }, { kind: 'cancel', label: 'Cancel start' }] });
    // Runtime "none": a plain item that opens the agent.
    expect(actions('a-d')).toMatchObject({ actions: [] });
  });

  it('says so when there are no agents, and disables start at login where unsupported', () => {
    const items = buildTrayMenu({ agents: [], order: [], startAtLogin: { supported: false, enabled: false } });
    expect(items[0]).toEqual({ kind: 'note', label: 'No agents found' });
    expect(items.find((item) => item.kind === 'start-at-login')).toMatchObject({ enabled: false, checked: false });
  });

  it('cuts long directories and keeps labels plain', () => {
    const many = Array.from({ length: TRAY_AGENT_LIMIT + 3 }, (_, i) => agent(`a-${String(i).padStart(2, '0')}`, `agent ${String(i).padStart(2, '0')}`));
    many.push(agent('a-zz', 'R&D\nteam'));
    const items = buildTrayMenu({ agents: many, order: ['a-zz'], startAtLogin: login });
    expect(items.filter((item) => item.kind === 'agent')).toHaveLength(TRAY_AGENT_LIMIT);
    expect(items[0]).toMatchObject({ label: 'R&&D team — online' });
    expect(items).toContainEqual({ kind: 'note', label: '4 more in the desk' });
  });

  it('has a signature that changes only when the menu does', () => {
    const one = buildTrayMenu({ agents: [agent('a-a', 'alpha')], order: [], startAtLogin: login });
    const same = buildTrayMenu({ agents: [agent('a-a', 'alpha')], order: [], startAtLogin: login });
    const other = buildTrayMenu({ agents: [agent('a-a', 'alpha', 'offline')], order: [], startAtLogin: login });
    expect(trayMenuSignature(one)).toBe(trayMenuSignature(same));
    expect(trayMenuSignature(one)).not.toBe(trayMenuSignature(other));
  });
});

describe('trayIconBitmap', () => {
  it('is a BGRA square with an opaque centre and transparent corners', () => {
    const size = 32;
    const pixels = trayIconBitmap(size);
    expect(pixels.length).toBe(size * size * 4);
    expect(pixels[(16 * size + 16) * 4 + 3]).toBe(255);
    expect(pixels[3]).toBe(0);
  });
});

describe('trayIconSpec', () => {
  it('macOS gets a black template image at 16 px (1×) and 32 px (2×)', () => {
    const spec = trayIconSpec('darwin');
    expect(spec.template).toBe(true);
    expect(spec.representations.map(({ scaleFactor, size }) => [scaleFactor, size])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    for (const { size, bitmap } of spec.representations) {
      expect(bitmap.length).toBe(size * size * 4);
      // Template images are black plus alpha: the menu bar tints them for light and dark.
      for (let offset = 0; offset < bitmap.length; offset += 4) expect([bitmap[offset], bitmap[offset + 1], bitmap[offset + 2]]).toEqual([0, 0, 0]);
      const centre = (Math.floor(size / 2) * size + Math.floor(size / 2)) * 4;
      expect(bitmap[centre + 3]).toBe(255);
    }
  });

  it('elsewhere a coloured icon at 1× and 2×, premultiplied (no channel above its alpha)', () => {
    const spec = trayIconSpec('linux');
    expect(spec.template).toBe(false);
    expect(spec.representations.map(({ scaleFactor }) => scaleFactor)).toEqual([1, 2]);
    const { bitmap } = spec.representations[0]!;
    for (let offset = 0; offset < bitmap.length; offset += 4) {
      const alpha = bitmap[offset + 3]!;
      expect(Math.max(bitmap[offset]!, bitmap[offset + 1]!, bitmap[offset + 2]!)).toBeLessThanOrEqual(alpha);
    }
    expect(trayIconSpec('win32').template).toBe(false);
  });
});

describe('tray: attention', () => {
  const waiting = (id: string, name: string, needsYou: number): AgentRecord => ({ ...agent(id, name), attention: { needsYou, finished: 0 } });
  it('lists agents that need the user first, with the count, and totals them', async () => {
    const { attentionTotal, trayTooltip, trayIconVariant } = await import('../../../main/core/shell/tray-menu.js');
    const agents = [waiting('a-a', 'alpha', 0), waiting('a-b', 'beta', 2), waiting('a-c', 'gamma', 1)];
    const labels = buildTrayMenu({ agents, order: ['a-a', 'a-b', 'a-c'], startAtLogin: { supported: true, enabled: false } })
      .filter((item) => item.kind === 'agent')
      .map((item) => (item as { label: string }).label);
    expect(labels).toEqual(['beta — needs you (2)', 'gamma — needs you (1)', 'alpha — online']);
    expect(attentionTotal(agents)).toBe(3);
    expect(trayTooltip(3)).toBe('Agent Desk — 3 items need you');
    expect(trayTooltip(1)).toBe('Agent Desk — 1 item needs you');
    expect(trayTooltip(0)).toBe('Agent Desk');
    expect([trayIconVariant(0), trayIconVariant(3)]).toEqual(['normal', 'attention']);
  });
});
