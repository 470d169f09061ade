import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { DirectoryUnderTest, token, writeEnv } from './directory-fixture.js';

let temp: TempDir;
let root: string;
let under: DirectoryUnderTest | undefined;

beforeEach(async () => {
  temp = await tempDir('agent-desk-replace-');
  root = join(temp.path, 'containers');
  await mkdir(root);
});

afterEach(async () => {
  await under?.directory.close();
  under = undefined;
  await temp.remove();
});

const tokenOf = (name: string): string | undefined => under?.byName(name)?.endpoint?.token.reveal();

/** A watched root holding one workspace `ws`. */
async function watchOneWorkspace(): Promise<DirectoryUnderTest> {
  await writeEnv(root, 'ws', `WEB_TOKEN=${token('0')}`);
  under = await new DirectoryUnderTest([{ path: root, source: 'settings' }]).start();
  return under;
}

/** `mv root/ws <oldPlace> && mv <fresh folder> root/ws`, the fresh folder's `.env` holding `webToken`. */
async function replaceWs(fresh: string, oldPlace: string, webToken: string): Promise<void> {
  await mkdir(fresh);
  await writeFile(join(fresh, '.env'), `WEB_TOKEN=${webToken}`);
  await rename(join(root, 'ws'), oldPlace);
  await rename(fresh, join(root, 'ws'));
}

/**
 * `mv root/ws old && mv new root/ws` swaps the folder under a watched path.
 * chokidar 5 sometimes reports nothing for it and keeps watching the old
 * folder's inode, so later edits of the new `.env` were lost (and edits of
 * the old folder, now outside the root, were taken for the workspace's).
 * Repeated, because whether chokidar notices depends on timing.
 */
describe('WorkspaceDirectory: a workspace folder replaced by another in one rename', () => {
  it('follows the new folder: its edits arrive, the old folder is no longer the workspace', async () => {
    const watched = await watchOneWorkspace();
    for (let round = 1; round <= 6; round++) {
      const old = join(temp.path, `old-${round}`);
      await replaceWs(join(temp.path, `fresh-${round}`), old, token(`a${round}`));
      await waitFor(() => tokenOf('ws') === token(`a${round}`), { message: `round ${round}: the swapped-in folder is read` });

      // An edit of the new folder's .env (in place) must arrive.
      await writeFile(join(root, 'ws', '.env'), `WEB_TOKEN=${token(`b${round}`)}`);
      await waitFor(() => tokenOf('ws') === token(`b${round}`), { message: `round ${round}: edit of the new .env` });

      // An edit of the old folder (now outside the root) changes nothing.
      const seen = watched.changes.length;
      await writeFile(join(old, '.env'), `WEB_TOKEN=${token(`c${round}`)}\nWEB_PORT=9999`);
      await writeFile(join(root, 'ws', '.env'), `WEB_TOKEN=${token(`d${round}`)}`);
      await waitFor(() => tokenOf('ws') === token(`d${round}`), { message: `round ${round}: second edit of the new .env` });
      expect(watched.changes.slice(seen).every((c) => c.workspace.endpoint?.port !== 9999)).toBe(true);
    }
    expect(watched.directory.list().map((w) => w.name)).toEqual(['ws']);
  });

  it('keeps following the name after the replaced folder is deleted and made again', async () => {
    await watchOneWorkspace();
    await replaceWs(join(temp.path, 'swapped'), join(temp.path, 'gone'), token('1'));
    await waitFor(() => tokenOf('ws') === token('1'), { message: 'swapped-in folder read' });
    await rm(join(root, 'ws'), { recursive: true });
    await waitFor(() => under?.byName('ws') === undefined, { message: 'deleted folder removed' });
    await writeEnv(root, 'ws', `WEB_TOKEN=${token('2')}`);
    await waitFor(() => tokenOf('ws') === token('2'), { message: 'recreated folder read' });
    await writeFile(join(root, 'ws', '.env'), `WEB_TOKEN=${token('3')}`);
    await waitFor(() => tokenOf('ws') === token('3'), { message: 'edit of the recreated folder' });
  });

  it('keeps watching a replaced folder while its .env is deleted and written again', async () => {
    await watchOneWorkspace();
    await replaceWs(join(temp.path, 'swapped'), join(temp.path, 'gone'), token('1'));
    await waitFor(() => tokenOf('ws') === token('1'), { message: 'swapped-in folder read' });
    await rm(join(root, 'ws', '.env'));
    await waitFor(() => under?.byName('ws') === undefined, { message: 'workspace without .env removed' });
    await writeFile(join(root, 'ws', '.env'), `WEB_TOKEN=${token('2')}`);
    await waitFor(() => tokenOf('ws') === token('2'), { message: '.env written again' });
  });
});
