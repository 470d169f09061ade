import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRoot } from '../../../main/core/settings/root-check.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

describe('checkRoot (Settings validates each root live, against the real disk)', () => {
  let tmp: TempDir;
  let home: string;
  let context: Parameters<typeof checkRoot>[1];

  beforeEach(async () => {
    tmp = await tempDir('agent-desk-root-check-');
    home = path.join(tmp.path, 'home');
    await mkdir(path.join(home, 'agents'), { recursive: true });
    await mkdir(path.join(home, 'flagged'), { recursive: true });
    await writeFile(path.join(home, 'notes.txt'), 'a file');
    context = {
      fixed: [
        { path: path.join(home, '.config', 'term-llm', 'containers'), source: 'default' },
        { path: path.join(home, 'flagged'), source: 'flag' },
      ],
      others: [],
      home,
    };
  });
  afterEach(() => tmp.remove());

  it('expands ~ and finds the folder', async () => {
    expect(await checkRoot('~/agents', context)).toEqual({ path: path.join(home, 'agents'), state: 'ok', message: `Folder found: ${path.join(home, 'agents')}.` });
  });

  it('says a misspelled folder does not exist (yet), and that it would be watched', async () => {
    const check = await checkRoot('~/agnets', context);
    expect(check).toMatchObject({ path: path.join(home, 'agnets'), state: 'missing' });
    expect(check.message).toContain('Check the spelling');
  });

  it('refuses a file such as /etc/passwd', async () => {
    expect(await checkRoot(path.join(home, 'notes.txt'), context)).toMatchObject({ state: 'not-a-directory' });
    expect((await checkRoot('/etc/passwd', context)).message).toBe('/etc/passwd is not a folder (this path is a file, not a folder).');
  });

  it('refuses a duplicate of a --root, of the default root, and of another root in the form, after ~ expansion', async () => {
    expect(await checkRoot('~/flagged/', context)).toMatchObject({ state: 'duplicate', message: `${path.join(home, 'flagged')} is already watched: it is a --root given to agent-desk.` });
    expect((await checkRoot('~/.config/term-llm/containers', context)).message).toContain('the default root');
    expect(await checkRoot(path.join(home, 'agents'), { ...context, others: ['~/agents', 'not a path'] })).toMatchObject({
      state: 'duplicate',
      message: expect.stringContaining('another root in this list'),
    });
  });

  it('answers bad input with a clear message instead of throwing', async () => {
    for (const input of ['relative/agents', '', '   ', 'a\0b', 42, null]) {
      const check = await checkRoot(input, context);
      expect(check.state).toBe('invalid');
      expect(check.message).toMatch(/^Enter a full path: /);
    }
  });
});
