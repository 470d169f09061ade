import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, runCli, type CliProcess } from '../../helpers/cli-process.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const TOKEN_CANARY = 'canarytoken0123456789abcdef0123456789abcdef0123';
const KEY_CANARY = 'sk-canary-provider-key-5d1e';
const LOGIN_LINE = /^http:\/\/desk\.localhost:\d+\/__desk\/enter\?g=[A-Za-z0-9_.~-]+$/m;

let dir: TempDir;
let roots: string;
let running: CliProcess[] = [];

function env(): NodeJS.ProcessEnv {
  return { HOME: dir.path, XDG_CONFIG_HOME: path.join(dir.path, 'config') };
}

async function writeWorkspace(name: string, body: string): Promise<void> {
  await fs.mkdir(path.join(roots, name), { recursive: true });
  await fs.writeFile(path.join(roots, name, '.env'), body, { mode: 0o600 });
}

function start(args: string[]): CliProcess {
  const cli = runCli(['serve', ...args], env());
  running.push(cli);
  return cli;
}

beforeEach(async () => {
  dir = await tempDir('agent-desk-cli-');
  roots = path.join(dir.path, 'roots');
  await fs.mkdir(roots);
});

afterEach(async () => {
  for (const cli of running) cli.kill();
  running = [];
  await dir.remove();
});

describe('agent-desk serve', () => {
  it('says where it looked and what it found, prints a bare login link, and stops cleanly on SIGTERM', async () => {
    await writeWorkspace('alpha', `WEB_PORT=1\nWEB_TOKEN=${TOKEN_CANARY}\nANTHROPIC_API_KEY=${KEY_CANARY}\n`);
    await writeWorkspace('beta', 'WEB_TOKEN={{ .Token }}\n');
    const cli = start(['--port', String(await freePort()), '--root', roots]);
    await cli.waitForStdout(LOGIN_LINE);
    const out = cli.stdout();
    expect(out).toContain('Looking for workspaces in:');
    expect(out).toContain(`${path.join(dir.path, 'config', 'term-llm', 'containers')} (default)`);
    expect(out).toContain(`${roots} (--root) — ok`);
    expect(out).toMatch(/alpha {2}(checking|offline)/);
    expect(out).toMatch(/beta {2}not-provisioned/);
    // The link stands alone on its line, without colour codes.
    expect(out).not.toContain('\u001b[');
    cli.child.kill('SIGTERM');
    // No process.exit anywhere: the process ends only if every handle was closed.
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('Stopped.');
    for (const text of [cli.stdout(), cli.stderr()]) {
      expect(text).not.toContain(TOKEN_CANARY);
      expect(text).not.toContain(KEY_CANARY);
    }
  });

  it('without --port it listens on the port in the settings', async () => {
    const port = await freePort();
    await fs.mkdir(path.join(dir.path, 'config', 'agent-desk'), { recursive: true });
    await fs.writeFile(path.join(dir.path, 'config', 'agent-desk', 'settings.json'), JSON.stringify({ port }));
    const cli = start(['--root', roots]);
    const [link] = await cli.waitForStdout(LOGIN_LINE);
    expect(new URL(link).port).toBe(String(port));
    expect(cli.stdout()).toContain(`serving on http://desk.localhost:${port} `);
  });

  it('stops cleanly on SIGINT too', async () => {
    const cli = start(['--port', String(await freePort()), '--root', roots]);
    await cli.waitForStdout(LOGIN_LINE);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('gives one clear line and exit code 1 when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const cli = start(['--port', String(port), '--root', roots]);
      expect(await cli.exited).toBe(1);
      const lines = cli.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`port ${port}.*already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a bad --port before starting anything', async () => {
    const cli = start(['--port', '80abc']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--port must be a number from 1 to 65535, got "80abc"');
  });

  it('prints help', async () => {
    const cli = start(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('--root DIR');
  });

  it('with --json prints only JSON lines on stdout, including live directory changes', async () => {
    const cli = start(['--port', String(await freePort()), '--root', roots, '--json']);
    await cli.waitForStdout(/"type":"login"/);
    await writeWorkspace('gamma', `WEB_TOKEN=${TOKEN_CANARY}\nOPENAI_API_KEY=${KEY_CANARY}\n`);
    await waitFor(() => cli.stdout().includes('"name":"gamma"'), { timeoutMs: 10_000, message: 'gamma in a --json directory line' });
    const lines = cli.stdout().trim().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as { type: string });
    expect(parsed.map((entry) => entry.type)).toContain('directory');
    expect(cli.stdout()).not.toContain(TOKEN_CANARY);
    expect(cli.stdout()).not.toContain(KEY_CANARY);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
