import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from '../../../main/core/desk.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';
import { send } from '../gateway/harness.js';

let tmp: TempDir | undefined;
let desk: Desk | undefined;

afterEach(async () => {
  await desk?.close();
  desk = undefined;
  await tmp?.remove();
});

async function start(mode: 'browser' | 'electron'): Promise<Desk> {
  tmp = await tempDir('agent-desk-probe-');
  return startDesk({
    port: 0,
    flagRoots: [path.join(tmp.path, 'roots')],
    configDir: path.join(tmp.path, 'config'),
    mode,
    version: 'test',
    env: { XDG_CONFIG_HOME: path.join(tmp.path, 'xdg') },
  });
}

describe('desk info: the framed-storage check', () => {
  it('browser mode names the gateway storage-probe page, which answers', async () => {
    desk = await start('browser');
    const url = desk.info().storageProbeUrl;
    expect(url).toBe(`http://storage-probe.localhost:${desk.gateway.port}/`);
    const reply = await send(desk.gateway.port, { host: new URL(url!).host, path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(`data-desk-origin="http://desk.localhost:${desk.gateway.port}"`);
  });

  it('Electron needs no check: its agent views are top-level pages', async () => {
    desk = await start('electron');
    expect(desk.info().storageProbeUrl).toBeUndefined();
  });
});
