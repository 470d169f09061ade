import { describe, expect, it } from 'vitest';
import { isWidgetLabel, widgetLabel } from '../../../main/core/hosts/index.js';
import { WidgetHostTable, WidgetMountError } from '../../../main/core/gateway/widgets/widget-hosts.js';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);

describe('WidgetHostTable', () => {
  it('derives stable labels from the install key that differ by agent, mount and key', () => {
    const table = new WidgetHostTable(KEY);
    const label = table.labelFor('a-bob-abcdef', 'clock');
    expect(isWidgetLabel(label)).toBe(true);
    expect(label).toBe(widgetLabel(KEY, 'a-bob-abcdef', 'clock'));
    expect(new WidgetHostTable(Buffer.from(KEY)).labelFor('a-bob-abcdef', 'clock')).toBe(label);
    expect(table.labelFor('a-bob-abcdef', 'timer')).not.toBe(label);
    expect(table.labelFor('a-eve-abcdef', 'clock')).not.toBe(label);
    expect(new WidgetHostTable(OTHER_KEY).labelFor('a-bob-abcdef', 'clock')).not.toBe(label);
  });

  it('labelFor is pure: computing a label does not make it routable', () => {
    const table = new WidgetHostTable(KEY);
    const label = table.labelFor('a-bob-abcdef', 'clock');
    expect(table.byLabel(label)).toBeUndefined();
    expect(table.size).toBe(0);
  });

  it('refuses bad mounts with a WidgetMountError, and a short key', () => {
    const table = new WidgetHostTable(KEY);
    expect(() => table.labelFor('a-bob-abcdef', 'Bad')).toThrow(WidgetMountError);
    expect(() => table.open('a-bob-abcdef', '%63lock')).toThrow(/percent-encoded/);
    expect(() => table.open('', 'clock')).toThrow(WidgetMountError);
    expect(() => new WidgetHostTable(Buffer.alloc(4))).toThrow(/at least 16 bytes/);
  });

  it('routes exactly the widgets of the reported list and forgets those that leave it', () => {
    const table = new WidgetHostTable(KEY);
    expect(table.syncAgent('a-bob-abcdef', ['clock', 'timer', 'Not Valid', '%61'])).toEqual([]);
    const clock = table.labelFor('a-bob-abcdef', 'clock');
    const timer = table.labelFor('a-bob-abcdef', 'timer');
    expect(table.byLabel(clock)).toEqual({ label: clock, agentId: 'a-bob-abcdef', mount: 'clock', listed: true, opened: false });
    expect(table.byLabel(timer)?.mount).toBe('timer');
    expect(table.size).toBe(2);
    expect(table.syncAgent('a-bob-abcdef', ['clock'])).toEqual([timer]);
    expect(table.byLabel(timer)).toBeUndefined();
    expect(table.byLabel(clock)?.mount).toBe('clock');
    expect(table.syncAgent('a-bob-abcdef', [])).toEqual([clock]);
    expect(table.size).toBe(0);
  });

  it('keeps explicitly opened widgets for the run, even when they leave the list, until the agent goes', () => {
    const table = new WidgetHostTable(KEY);
    const entry = table.open('a-bob-abcdef', 'fresh');
    expect(table.byLabel(entry.label)?.agentId).toBe('a-bob-abcdef');
    table.syncAgent('a-bob-abcdef', ['fresh']);
    expect(table.syncAgent('a-bob-abcdef', [])).toEqual([]);
    expect(table.byLabel(entry.label)?.mount).toBe('fresh');
    expect(table.open('a-bob-abcdef', 'fresh')).toBe(table.byLabel(entry.label));
    table.syncAgent('a-eve-abcdef', ['clock']);
    expect(table.forgetAgent('a-bob-abcdef')).toEqual([entry.label]);
    expect(table.byLabel(entry.label)).toBeUndefined();
    expect(table.get('a-eve-abcdef', 'clock')?.mount).toBe('clock');
    expect(table.forgetAgent('a-nobody-abcdef')).toEqual([]);
  });

  it('keeps agents apart: the same mount on two agents is two hosts', () => {
    const table = new WidgetHostTable(KEY);
    table.syncAgent('a-bob-abcdef', ['clock']);
    table.syncAgent('a-eve-abcdef', ['clock']);
    const bob = table.get('a-bob-abcdef', 'clock')!;
    const eve = table.get('a-eve-abcdef', 'clock')!;
    expect(bob.label).not.toBe(eve.label);
    expect(table.byLabel(bob.label)?.agentId).toBe('a-bob-abcdef');
    expect(table.byLabel(eve.label)?.agentId).toBe('a-eve-abcdef');
    expect(table.entriesOf('a-bob-abcdef').map((e) => e.mount)).toEqual(['clock']);
  });

  it('bounds explicit opens per agent: the oldest unlisted ones go first', () => {
    const table = new WidgetHostTable(KEY, { maxOpenedPerAgent: 3 });
    table.syncAgent('a-bob-abcdef', ['listed']);
    const first = table.open('a-bob-abcdef', 'w0');
    for (let i = 1; i <= 3; i++) table.open('a-bob-abcdef', `w${i}`);
    expect(table.byLabel(first.label)).toBeUndefined();
    expect(table.entriesOf('a-bob-abcdef').map((e) => e.mount).sort()).toEqual(['listed', 'w1', 'w2', 'w3']);
  });

  it('clear() forgets everything', () => {
    const table = new WidgetHostTable(KEY);
    table.syncAgent('a-bob-abcdef', ['clock']);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get('a-bob-abcdef', 'clock')).toBeUndefined();
  });
});
