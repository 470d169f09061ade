import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsFile } from '../../../main/core/settings/index.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-desk-settings-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('SettingsFile', () => {
  it('starts from defaults when there is no file and round-trips an update', async () => {
    const store = new SettingsFile(dir);
    expect((await store.load()).warning).toBeUndefined();
    await store.update({ theme: 'dark', roots: ['/srv/agents'] });
    const again = new SettingsFile(dir);
    const loaded = await again.load();
    expect(loaded.settings.theme).toBe('dark');
    expect(loaded.settings.roots).toEqual(['/srv/agents']);
    expect((await fs.stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('keeps a corrupt file as a backup, reports it and does not overwrite it at load', async () => {
    const corrupt = '{"theme": "dark",, oops';
    await fs.writeFile(path.join(dir, 'settings.json'), corrupt);
    const store = new SettingsFile(dir);
    const loaded = await store.load();
    expect(loaded.settings.theme).toBe('system');
    expect(loaded.warning).toMatch(/is not valid JSON; using defaults\. The original is kept at .*corrupt-/);
    expect(await fs.readFile(store.file, 'utf8')).toBe(corrupt);
    const backups = (await fs.readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, backups[0]!), 'utf8')).toBe(corrupt);
  });

  it('never overwrites an earlier backup', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), 'not json 1');
    await new SettingsFile(dir).load();
    await new SettingsFile(dir).load();
    const backups = (await fs.readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(backups).toHaveLength(2);
  });

  it('resets only invalid fields and keeps the original as a backup', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', hibernateAfterMinutes: 'soon' }));
    const loaded = await new SettingsFile(dir).load();
    expect(loaded.settings.theme).toBe('dark');
    expect(loaded.settings.hibernateAfterMinutes).toBe(0);
    expect(loaded.warning).toMatch(/hibernation must be a whole number of minutes/);
  });

  it('refuses an invalid update and leaves the file untouched', async () => {
    const store = new SettingsFile(dir);
    await store.update({ theme: 'light' });
    const before = await fs.readFile(store.file, 'utf8');
    await expect(store.update({ roots: ['relative'] })).rejects.toThrow(/absolute path/);
    expect(await fs.readFile(store.file, 'utf8')).toBe(before);
    expect(store.current.theme).toBe('light');
  });

  it('reports a settings path that is a directory without crashing', async () => {
    await fs.mkdir(path.join(dir, 'settings.json'));
    const loaded = await new SettingsFile(dir).load();
    expect(loaded.warning).toMatch(/not a regular file/);
  });

  it('creates the install key once (0600) and returns the same key afterwards', async () => {
    const first = await new SettingsFile(dir).installKey();
    const second = await new SettingsFile(dir).installKey();
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect((await fs.stat(path.join(dir, 'install-key'))).mode & 0o777).toBe(0o600);
  });
});
