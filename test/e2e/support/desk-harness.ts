import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startDesk, type Desk } from '../../../main/core/desk.js';
import { startFakeAgent, type FakeAgent, type FakeAgentOptions } from '../../fixtures/fake-agent.js';
import { tempDir, waitFor, type TempDir } from '../../helpers/wait-for.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

export interface HarnessAgent {
  name: string;
  fake: FakeAgent;
  dir: string;
}

export interface DeskHarnessOptions {
  healthIntervalMs?: number;
  withUi?: boolean;
  /** Attention polling (default 2 s while a run is active, 10 s otherwise); tests about attention poll faster. */
  attentionIntervalsMs?: { active: number; idle: number };
}

/**
 * A real desk (settings, discovery, health, registry, API, gateway) on a
 * temp root, serving the built UI, with fake agents on loopback.
 */
export class DeskHarness {
  readonly agents = new Map<string, HarnessAgent>();
  desk!: Desk;
  tmp!: TempDir;
  root!: string;
  #deskOptions!: Parameters<typeof startDesk>[0];

  static async start(options: DeskHarnessOptions = {}): Promise<DeskHarness> {
    const harness = new DeskHarness();
    harness.tmp = await tempDir('agent-desk-e2e-');
    harness.root = path.join(harness.tmp.path, 'roots');
    await fs.mkdir(harness.root);
    const deskOptions: Parameters<typeof startDesk>[0] = {
      port: 0,
      flagRoots: [harness.root],
      configDir: path.join(harness.tmp.path, 'config', 'agent-desk'),
      mode: 'browser',
      version: 'e2e',
      env: { XDG_CONFIG_HOME: path.join(harness.tmp.path, 'config') },
      healthIntervalMs: options.healthIntervalMs ?? 300,
    };
    if (options.withUi !== false) deskOptions.staticDir = RENDERER_DIR;
    if (options.attentionIntervalsMs) deskOptions.attentionIntervalsMs = options.attentionIntervalsMs;
    harness.#deskOptions = deskOptions;
    harness.desk = await startDesk(deskOptions);
    return harness;
  }

  /** Stops the desk and starts it again on the same port and config (as a restarted `serve`): every session and desk token is gone. */
  async restartDesk(): Promise<void> {
    const port = this.port;
    await this.desk.close();
    this.desk = await startDesk({ ...this.#deskOptions, port });
  }

  get port(): number {
    return this.desk.gateway.port;
  }

  /** Starts a fake agent and writes its workspace; resolves when the desk sees it online. */
  async addAgent(name: string, options: FakeAgentOptions = {}, { waitOnline = true } = {}): Promise<HarnessAgent> {
    const fake = await startFakeAgent({ name, ...options });
    const dir = path.join(this.root, name);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, '.env'),
      `WEB_PORT=${fake.port}\nWEB_TOKEN=${fake.token}\nWEB_BASE_PATH=${fake.basePath || '/'}\nANTHROPIC_API_KEY=sk-e2e-canary-${name}\n`,
      { mode: 0o600 },
    );
    const agent = { name, fake, dir };
    this.agents.set(name, agent);
    if (waitOnline) await this.waitForStatus(name, 'online');
    return agent;
  }

  recordOf(name: string) {
    return this.desk.registry.list().find((record) => record.name === name);
  }

  async waitForStatus(name: string, status: string): Promise<void> {
    await waitFor(() => this.recordOf(name)?.health.status === status, {
      timeoutMs: 10_000,
      message: `${name} to be ${status} (now ${this.recordOf(name)?.health.status ?? 'absent'})`,
    });
  }

  origin(name: string): string {
    const record = this.recordOf(name);
    if (!record) throw new Error(`no agent ${name}`);
    return this.desk.gateway.origin(record.label);
  }

  async close(): Promise<void> {
    await this.desk?.close();
    await Promise.all([...this.agents.values()].map((agent) => agent.fake.close()));
    await this.tmp?.remove();
  }
}
