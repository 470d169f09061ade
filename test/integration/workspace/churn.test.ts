import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkspace } from '../../../main/core/workspace/read-workspace.js';
import type { Workspace } from '../../../main/core/workspace/workspace-types.js';
import { enterAgent, send, startHarness, type Harness } from '../gateway/harness.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { DirectoryUnderTest, token, writeEnv, writeEnvAtomically } from './directory-fixture.js';

let temp: TempDir;
let root: string;
let under: DirectoryUnderTest | undefined;
let harness: Harness | undefined;

beforeEach(async () => {
  temp = await tempDir('agent-desk-churn-');
  root = join(temp.path, 'containers');
  await mkdir(root);
});

afterEach(async () => {
  await under?.directory.close();
  await harness?.close();
  under = undefined;
  harness = undefined;
  await temp.remove();
});

/** What a workspace looks like from outside, token included (compared, never printed). */
const view = (w: Workspace): string => JSON.stringify([w.name, w.state, w.reason ?? '', w.endpoint?.port ?? 0, w.endpoint?.basePath ?? '', w.endpoint?.token.reveal() ?? '']);

/** The directory as the disk says it should be, read afresh. */
async function diskTruth(): Promise<string[]> {
  const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const found = await Promise.all(names.map((name) => readWorkspace(root, name, TEST_INSTALL_KEY)));
  return found.filter((w): w is Workspace => w !== undefined).map(view).sort();
}

describe('WorkspaceDirectory under churn', () => {
  it('equals the disk after 200 workspaces are created, edited, renamed, replaced and deleted while requests flow', async () => {
    const seed = Number(process.env.CHURN_SEED ?? 20261206);
    const random = seededRandom(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    harness = await startHarness();
    const cookie = await enterAgent(harness);
    under = await new DirectoryUnderTest([{ path: root, source: 'settings' }]).start();

    let requests = 0;
    let failures = 0;
    let churning = true;
    const traffic = (async () => {
      while (churning) {
        requests++;
        const status = await send(harness!.port, { host: harness!.host, path: '/chat/healthz', headers: { cookie } }).then(
          (reply) => reply.status,
          () => 0,
        );
        if (status !== 200) failures++;
      }
    })();

    const live: string[] = [];
    /** Every operation by workspace name, so a failure can say what happened to the names that differ. */
    const history = new Map<string, string[]>();
    const note = (name: string, op: string): void => void history.set(name, [...(history.get(name) ?? []), `${op}@${step}`]);
    let step = 0;
    let serial = 0;
    const body = (n: number): string => `WEB_TOKEN=${token(String(n % 10))}${n}\nWEB_PORT=${9000 + (n % 500)}\n`;
    const create = async (): Promise<void> => {
      const name = `ws-${serial++}`;
      await writeEnv(root, name, body(serial));
      live.push(name);
      note(name, 'create');
    };
    for (let i = 0; i < 200; i++) await create();

    for (step = 0; step < Number(process.env.CHURN_STEPS ?? 400); step++) {
      const roll = random();
      const name = live.length > 0 ? pick(live) : undefined;
      if (!name || roll < 0.15) {
        await create();
      } else if (roll < 0.35) {
        note(name, 'edit');
        await writeFile(join(root, name, '.env'), body(step));
      } else if (roll < 0.5) {
        note(name, 'atomic-edit');
        await writeEnvAtomically(root, name, body(step + 1000));
      } else if (roll < 0.62) {
        const next = `ws-${serial++}`;
        note(name, `rename-to-${next}`);
        note(next, `rename-from-${name}`);
        await rename(join(root, name), join(root, next));
        live.splice(live.indexOf(name), 1, next);
      } else if (roll < 0.77) {
        // Replaced in one rename: the new folder takes the old one's name.
        note(name, 'replace');
        const fresh = join(temp.path, `fresh-${step}`);
        await mkdir(fresh);
        await writeFile(join(fresh, '.env'), body(step + 2000));
        await rename(join(root, name), join(temp.path, `old-${step}`));
        await rename(fresh, join(root, name));
        // Edits of the old folder, now outside the root, must not count.
        await writeFile(join(temp.path, `old-${step}`, '.env'), 'WEB_TOKEN=stale\n');
      } else if (roll < 0.87) {
        note(name, 'delete');
        await rm(join(root, name), { recursive: true });
        live.splice(live.indexOf(name), 1);
      } else if (roll < 0.93) {
        note(name, 'invalid');
        await writeFile(join(root, name, '.env'), 'WEB_PORT=not-a-port\nWEB_TOKEN=x\n');
      } else {
        note(name, 'rm-env');
        await rm(join(root, name, '.env'), { force: true });
      }
      if (step % 7 === 0) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 6)));
    }

    churning = false;
    await traffic;
    const truth = await diskTruth();
    const listed = (): string[] => under!.directory.list().map(view).sort();
    await waitFor(() => JSON.stringify(listed()) === JSON.stringify(truth), { timeoutMs: 15_000, message: `directory equals the disk (seed ${seed})` }).catch(
      (error: Error) => {
        const got = new Set(listed());
        const want = new Set(truth);
        const wrong = [...want].filter((v) => !got.has(v)).length + [...got].filter((v) => !want.has(v)).length;
        const names = (list: string[]) =>
          list.map((v) => {
            const name = (JSON.parse(v) as string[])[0] as string;
            return `${name} (${(history.get(name) ?? []).join(', ')})`;
          });
        const missing = names([...want].filter((v) => !got.has(v)));
        const extra = names([...got].filter((v) => !want.has(v)));
        throw new Error(`${error.message}; ${wrong} entries differ: missing [${missing.join('; ')}], stale [${extra.join('; ')}]`);
      },
    );
    expect(requests).toBeGreaterThan(0);
    expect(failures).toBe(0);
  }, 180_000);
});
