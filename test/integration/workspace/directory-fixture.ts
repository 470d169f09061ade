import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkspaceDirectory, type WorkspaceDirectoryOptions } from '../../../main/core/workspace/workspace-directory.js';
import type { RootStatus } from '../../../preload/contract.js';
import type { RootSpec, Workspace, WorkspaceChange } from '../../../main/core/workspace/workspace-types.js';
import { waitFor } from '../../helpers/wait-for.js';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';

export const token = (seed: string): string => seed.repeat(48).slice(0, 48);

export async function writeEnv(root: string, name: string, body: string): Promise<void> {
  await mkdir(join(root, name), { recursive: true });
  await writeFile(join(root, name, '.env'), body);
}

/** How editors and `term-llm` rewrite a file: write a temp file, rename it over. */
export async function writeEnvAtomically(root: string, name: string, body: string): Promise<void> {
  const temp = join(root, name, `.env.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await writeFile(temp, body);
  await rename(temp, join(root, name, '.env'));
}

/** A started WorkspaceDirectory that records every event; close() it in afterEach. */
export class DirectoryUnderTest {
  readonly changes: WorkspaceChange[] = [];
  readonly rootEvents: RootStatus[][] = [];
  readonly directory: WorkspaceDirectory;

  constructor(roots: RootSpec[], options: Partial<WorkspaceDirectoryOptions> = {}) {
    this.directory = new WorkspaceDirectory({ roots, installKey: TEST_INSTALL_KEY, ...options });
    this.directory.onChange((change) => this.changes.push(change));
    this.directory.onRootsChanged((statuses) => this.rootEvents.push(statuses));
  }

  async start(): Promise<this> {
    await this.directory.start();
    return this;
  }

  byName(name: string): Workspace | undefined {
    return this.directory.list().find((w) => w.name === name);
  }

  changesFor(name: string): WorkspaceChange[] {
    return this.changes.filter((c) => c.workspace.name === name);
  }

  /** Waits for the first event of `kind` about `name` after `from` events were seen. */
  async nextChange(name: string, kind: WorkspaceChange['kind'], from: number, message = `${kind} ${name}`): Promise<WorkspaceChange> {
    return waitFor(() => this.changes.slice(from).find((c) => c.kind === kind && c.workspace.name === name), { message });
  }

  rootState(path: string): RootStatus['state'] | undefined {
    return this.directory.rootStatuses().find((s) => s.path === path)?.state;
  }
}
