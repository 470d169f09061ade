import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';
import { DirectoryUnderTest, writeEnv, writeEnvAtomically } from './directory-fixture.js';

const TOKEN = `canary-token-${randomBytes(12).toString('hex')}`;
const KEY = `canary-key-${randomBytes(12).toString('hex')}`;
const CANARIES = [TOKEN, KEY];

let temp: TempDir;
let under: DirectoryUnderTest | undefined;

beforeEach(async () => {
  temp = await tempDir('agent-desk-canary-');
});
afterEach(async () => {
  await under?.directory.close();
  under = undefined;
  await temp.remove();
});

function expectNoCanary(what: string, text: string): void {
  for (const canary of CANARIES) {
    if (text.includes(canary)) throw new Error(`${what} leaked a canary value`);
  }
}

it('no .env value appears in list(), events, inspect output or reasons', async () => {
  const root = join(temp.path, 'containers');
  const bodies: Record<string, string> = {
    ready: `WEB_TOKEN=${TOKEN}\nANTHROPIC_API_KEY=${KEY}\n`,
    'bad-port': `WEB_PORT=${KEY}\nWEB_TOKEN=${TOKEN}\n`,
    'bad-path': `WEB_BASE_PATH=/${KEY}/../x\nWEB_TOKEN=${TOKEN}\n`,
    'bad-token': `WEB_TOKEN="${TOKEN} ${KEY}"\n`,
    unterminated: `ANTHROPIC_API_KEY="${KEY}\nWEB_TOKEN=${TOKEN}\n`,
    'bad-key': `${KEY}$=1\nWEB_TOKEN=${TOKEN}\n`,
    placeholder: `WEB_TOKEN={{ .Token }}${KEY}\nANTHROPIC_API_KEY=${KEY}\n`,
    'bad name!': `WEB_TOKEN=${TOKEN}\n`,
  };
  for (const [name, body] of Object.entries(bodies)) await writeEnv(root, name, body);
  await mkdir(join(root, 'nul'));
  await writeFile(join(root, 'nul', '.env'), `WEB_TOKEN=${TOKEN}\0${KEY}`);

  under = await new DirectoryUnderTest([{ path: root, source: 'default' }]).start();
  expect(under.directory.list()).toHaveLength(Object.keys(bodies).length + 1);
  expect(under.byName('ready')?.endpoint?.token.reveal()).toBe(TOKEN); // the value is there, only hidden

  // Live edits: token rotation, a key change, and a file turning invalid.
  const seen = under.changes.length;
  await writeEnvAtomically(root, 'ready', `WEB_TOKEN=${TOKEN}x\nANTHROPIC_API_KEY=${KEY}y\n`);
  await under.nextChange('ready', 'updated', seen);
  await writeEnv(root, 'placeholder', `WEB_TOKEN=${TOKEN}\nWEB_PORT=${KEY}`);
  await under.nextChange('placeholder', 'updated', seen);

  const list = under.directory.list();
  expectNoCanary('JSON of list()', JSON.stringify(list));
  expectNoCanary('inspect of list()', inspect(list, { depth: 20, showHidden: true, getters: true }));
  expectNoCanary('String of list()', list.map((w) => `${w.name} ${String(w.endpoint?.token)} ${w.reason}`).join('\n'));
  for (const workspace of list) expectNoCanary(`reason of ${workspace.name}`, workspace.reason ?? '');
  expect(under.changes.length).toBeGreaterThan(Object.keys(bodies).length);
  expectNoCanary('JSON of events', JSON.stringify(under.changes));
  expectNoCanary('inspect of events', inspect(under.changes, { depth: 20, showHidden: true, getters: true }));
  expectNoCanary('root statuses', JSON.stringify(under.directory.rootStatuses()) + JSON.stringify(under.rootEvents));
  // Sanity: the states these reasons describe really are the bad ones.
  expect(under.byName('bad-port')?.state).toBe('invalid');
  expect(under.byName('unterminated')?.state).toBe('invalid');
  expect(under.byName('placeholder')?.state).toBe('invalid');
});
