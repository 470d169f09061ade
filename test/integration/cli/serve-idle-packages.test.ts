import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, runCli, type CliProcess } from '../../helpers/cli-process.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

const LOGIN_LINE = /^http:\/\/desk\.localhost:\d+\/__desk\/enter\?g=/m;
const REPORTER = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'report-loaded-packages.mjs');

let dir: TempDir;
let cli: CliProcess | undefined;

beforeEach(async () => {
  dir = await tempDir('agent-desk-idle-packages-');
});

afterEach(async () => {
  cli?.kill();
  cli = undefined;
  await dir.remove();
});

// The headless idle RSS budget (≤ 60 MB, bench/README.md) rests on this: undici alone held
// ~18 MB of an idle desk's RSS and http-proxy-3 more, though a desk with no agent never proxies.
describe('agent-desk serve with no agent', () => {
  it('does not load the upstream HTTP client or the WebSocket proxy', async () => {
    const root = path.join(dir.path, 'root');
    await fs.mkdir(root);
    cli = runCli(['serve', '--port', String(await freePort()), '--root', root], {
      HOME: dir.path,
      XDG_CONFIG_HOME: path.join(dir.path, 'config'),
      NODE_OPTIONS: `--import ${REPORTER}`,
    });
    await cli.waitForStdout(LOGIN_LINE);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const line = /^loaded-packages: (.*)$/m.exec(cli.stderr());
    expect(line, 'the reporter printed nothing').not.toBeNull();
    const packages = JSON.parse(line![1]!) as string[];
    // tsx is the test's loader (runCli); the reporter sees it, so it sees CommonJS loads at all.
    expect(packages).toContain('tsx');
    expect(packages).not.toContain('undici');
    expect(packages).not.toContain('http-proxy-3');
  });
});
