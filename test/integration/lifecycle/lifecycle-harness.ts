import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startDesk, type Desk, type DeskOptions } from '../../../main/core/desk.js';
import { installFakeRuntime, type FakeRuntime } from '../../fixtures/lifecycle/fake-runtime.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

export const TOKEN = '0ca9a7f0ca9a7f0ca9a7f0ca9a7f0ca9a7f0ca9a7f0ca9a7';
export const API_KEY = 'sk-ant-api03-lifecycle-canary-key';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A real desk whose default root is a term-llm containers folder
 * (`$XDG_CONFIG_HOME/term-llm/containers`), with fake `docker` / `term-llm`
 * executables as the only things on PATH.
 */
export class LifecycleHarness {
  tmp!: TempDir;
  runtime!: FakeRuntime;
  desk!: Desk;
  root!: string;
  configHome!: string;
  readonly logs: string[] = [];

  static async create(tools: Array<'docker' | 'term-llm'> = ['docker', 'term-llm']): Promise<LifecycleHarness> {
    const harness = new LifecycleHarness();
    harness.tmp = await tempDir('agent-desk-lifecycle-');
    harness.runtime = await installFakeRuntime(harness.tmp.path, tools);
    harness.configHome = path.join(harness.tmp.path, 'cfg');
    harness.root = path.join(harness.configHome, 'term-llm', 'containers');
    await fs.mkdir(harness.root, { recursive: true });
    return harness;
  }

  async addWorkspace(name: string, port: number, token = TOKEN): Promise<string> {
    const dir = path.join(this.root, name);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'compose.yaml'), 'services: {}\n');
    await fs.writeFile(path.join(dir, '.env'), `WEB_PORT=${port}\nWEB_TOKEN=${token}\nANTHROPIC_API_KEY=${API_KEY}\n`, { mode: 0o600 });
    return dir;
  }

  async start(options: Partial<DeskOptions> = {}): Promise<Desk> {
    this.desk = await startDesk({
      port: 0,
      flagRoots: [],
      configDir: path.join(this.tmp.path, 'desk-config'),
      mode: 'browser',
      version: 'test',
      env: { ...this.runtime.env, XDG_CONFIG_HOME: this.configHome },
      healthIntervalMs: 300,
      log: (line) => this.logs.push(line),
      ...options,
    });
    return this.desk;
  }

  record(name: string) {
    return this.desk.registry.list().find((record) => record.name === name);
  }

  id(name: string): string {
    const record = this.record(name);
    if (!record) throw new Error(`no agent ${name}`);
    return record.id;
  }

  async waitFor(name: string, what: string, predicate: (record: NonNullable<ReturnType<LifecycleHarness['record']>>) => boolean, timeoutMs = 30_000): Promise<void> {
    await waitFor(() => {
      const record = this.record(name);
      return record !== undefined && predicate(record);
    }, { timeoutMs, intervalMs: 25, message: `${name}: ${what} (now ${JSON.stringify(this.record(name)?.health.status)} / ${JSON.stringify(this.record(name)?.runtime)})` });
  }

  async close(): Promise<void> {
    await this.desk?.close();
    await this.runtime?.cleanup();
    await this.tmp?.remove();
  }
}
