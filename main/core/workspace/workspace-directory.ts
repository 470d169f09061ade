import { Emitter } from '../../../common/emitter.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RootStatus } from '../../../preload/contract.js';
import { createLimiter } from './limiter.js';
import { readWorkspace } from './read-workspace.js';
import { RootWatch, type RootWatchEvent } from './root-watch.js';
import { dedupeRootSpecs, folderIdentity, rootStatus } from './roots.js';
import { compareWorkspaces, sameVisibleWorkspace } from './workspace-compare.js';
import type { RootSpec, Workspace, WorkspaceChange } from './workspace-types.js';

export interface WorkspaceDirectoryOptions {
  roots: RootSpec[];
  /** Quiet time per workspace before its `.env` is re-read (default 40 ms). */
  debounceMs?: number;
  /** How often root folders are checked for appearing, vanishing or being replaced (default 200 ms). */
  rootPollMs?: number;
  /** `.env` files read at once during a scan (default 32). */
  readConcurrency?: number;
  /** Per-install key agent labels are derived with (SettingsFile.installKey()): stable per install, unguessable elsewhere. */
  installKey: Uint8Array;
}

interface RootEntry {
  spec: RootSpec;
  status: RootStatus;
  /** `dev:ino` of the root folder while it is `ok`: a new value means it was replaced. */
  identity?: string;
  watch?: RootWatch;
  /** Bumped whenever the root is (re)activated or dropped; stale reads are discarded. */
  generation: number;
}

/**
 * The live set of workspaces under the configured roots. Each root is
 * watched with its own chokidar watcher (depth 1); a change re-reads only the
 * workspace it touched, after a short per-workspace debounce. Roots that are
 * missing, files or unreadable are reported by `rootStatuses()` and polled,
 * and a fresh watcher starts when one becomes usable (chokidar 5 does not
 * report files in folders created under a root that appeared late).
 *
 * Events: every workspace found (initial scan included) arrives as `added`;
 * `updated` only when state, reason, port, base path or token changed.
 */
export class WorkspaceDirectory {
  readonly #debounceMs: number;
  readonly #rootPollMs: number;
  readonly #limit: <T>(task: () => Promise<T>) => Promise<T>;
  #roots: RootEntry[] = [];
  readonly #workspaces = new Map<string, Workspace>();
  readonly #byId = new Map<string, Workspace>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #reading = new Map<string, { entry: RootEntry; generation: number; done: Promise<void> }>();
  readonly #dirty = new Set<string>();
  readonly #changes = new Emitter<WorkspaceChange>('workspace change');
  readonly #rootChanges = new Emitter<RootStatus[]>('root status');
  /** Root activation, polling and setRoots run one at a time, in order. */
  #rootQueue: Promise<void> = Promise.resolve();
  #pollTimer?: NodeJS.Timeout;
  #initialRoots: RootSpec[];
  #pollQueued = false;
  #started = false;
  #closed = false;

  readonly #installKey: Uint8Array;

  constructor({ roots, debounceMs = 40, rootPollMs = 200, readConcurrency = 32, installKey }: WorkspaceDirectoryOptions) {
    this.#initialRoots = dedupeRootSpecs(roots);
    this.#installKey = installKey;
    this.#debounceMs = debounceMs;
    this.#rootPollMs = rootPollMs;
    this.#limit = createLimiter(readConcurrency);
  }

  /** Resolves once every usable root is watched and scanned. */
  async start(): Promise<void> {
    if (this.#started) throw new Error('WorkspaceDirectory.start() was already called');
    if (this.#closed) throw new Error('WorkspaceDirectory is closed');
    this.#started = true;
    await this.#enqueue(async () => {
      this.#roots = this.#initialRoots.map((spec) => this.#newEntry(spec));
      await Promise.all(this.#roots.map((entry) => this.#activate(entry)));
    });
    if (this.#closed) return;
    this.#emitRoots();
    this.#pollTimer = setInterval(() => this.#requestPoll(), this.#rootPollMs);
    this.#pollTimer.unref();
  }

  list(): Workspace[] {
    return [...this.#workspaces.values()].sort(compareWorkspaces);
  }

  get(id: string): Workspace | undefined {
    return this.#byId.get(id);
  }

  rootStatuses(): RootStatus[] {
    return this.#roots.map((entry) => ({ ...entry.status }));
  }

  onChange(listener: (change: WorkspaceChange) => void): () => void {
    return this.#changes.event(listener);
  }

  onRootsChanged(listener: (statuses: RootStatus[]) => void): () => void {
    return this.#rootChanges.event(listener);
  }

  /** Replaces the roots live: dropped roots lose their workspaces, new ones are scanned. */
  async setRoots(roots: RootSpec[]): Promise<void> {
    if (this.#closed) throw new Error('WorkspaceDirectory is closed');
    const wanted = dedupeRootSpecs(roots);
    if (!this.#started) {
      this.#initialRoots = wanted;
      return;
    }
    await this.#enqueue(async () => {
      const current = new Map(this.#roots.map((entry) => [entry.spec.path, entry]));
      const next: RootEntry[] = [];
      const fresh: RootEntry[] = [];
      for (const spec of wanted) {
        const existing = current.get(spec.path);
        if (existing) {
          current.delete(spec.path);
          existing.spec = spec;
          existing.status = { ...existing.status, source: spec.source };
          next.push(existing);
        } else {
          const entry = this.#newEntry(spec);
          fresh.push(entry);
          next.push(entry);
        }
      }
      this.#roots = next;
      await Promise.all([...current.values()].map((entry) => this.#deactivate(entry)));
      await Promise.all(fresh.map((entry) => this.#activate(entry)));
    });
    this.#emitRoots();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#pollTimer);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.#rootQueue;
    await Promise.all(this.#roots.map((entry) => entry.watch?.close()));
    await Promise.allSettled([...this.#reading.values()].map((read) => read.done));
    this.#changes.dispose();
    this.#rootChanges.dispose();
  }

  #newEntry(spec: RootSpec): RootEntry {
    return { spec, status: { path: spec.path, source: spec.source, state: 'missing' }, generation: 0 };
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#rootQueue.then(() => (this.#closed ? undefined : task()));
    this.#rootQueue = run.catch(() => undefined);
    return run;
  }

  /** Checks the root and, when usable, watches it with a fresh watcher and scans it. */
  async #activate(entry: RootEntry): Promise<void> {
    const generation = ++entry.generation;
    entry.status = await rootStatus(entry.spec.path, entry.spec.source);
    if (entry.status.state !== 'ok') return;
    entry.identity = await folderIdentity(entry.spec.path);
    const watch = new RootWatch(entry.spec.path, (event) => this.#onRootEvent(entry, generation, event));
    entry.watch = watch;
    await watch.ready();
    let names: string[];
    try {
      const dirents = await readdir(entry.spec.path, { withFileTypes: true });
      names = dirents.filter((d) => d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
    } catch {
      return; // Vanished or became unreadable in between: the next poll sees it.
    }
    await Promise.all(names.map((name) => this.#refresh(entry, generation, name)));
  }

  /** Stops watching a root and removes its workspaces. */
  async #deactivate(entry: RootEntry): Promise<void> {
    entry.generation++;
    const watch = entry.watch;
    entry.watch = undefined;
    entry.identity = undefined;
    await watch?.close();
    for (const workspace of [...this.#workspaces.values()]) {
      if (workspace.root !== entry.spec.path) continue;
      const timer = this.#timers.get(workspace.path);
      if (timer) clearTimeout(timer);
      this.#timers.delete(workspace.path);
      this.#store(workspace.path, undefined);
    }
  }

  /** Queues one root check unless one is already waiting. */
  #requestPoll(): void {
    if (this.#pollQueued || this.#closed) return;
    this.#pollQueued = true;
    void this.#enqueue(async () => {
      this.#pollQueued = false;
      await this.#pollRoots();
    });
  }

  async #pollRoots(): Promise<void> {
    let changed = false;
    for (const entry of this.#roots) {
      const status = await rootStatus(entry.spec.path, entry.spec.source);
      const identity = status.state === 'ok' ? await folderIdentity(entry.spec.path) : undefined;
      const before = entry.status;
      if (status.state === before.state && status.reason === before.reason && identity === entry.identity) continue;
      if (this.#closed) return;
      await this.#deactivate(entry);
      await this.#activate(entry);
      changed ||= entry.status.state !== before.state || entry.status.reason !== before.reason;
    }
    if (changed) this.#emitRoots();
  }

  #onRootEvent(entry: RootEntry, generation: number, event: RootWatchEvent): void {
    if (this.#closed || entry.generation !== generation) return;
    if (event.kind === 'root-check') {
      this.#requestPoll();
      return;
    }
    const path = join(entry.spec.path, event.name);
    const pending = this.#timers.get(path);
    if (pending) clearTimeout(pending);
    const timer = setTimeout(() => {
      this.#timers.delete(path);
      void this.#refresh(entry, generation, event.name);
    }, this.#debounceMs);
    this.#timers.set(path, timer);
  }

  /**
   * Re-reads one workspace. A change that lands while it is being read marks
   * it dirty and it is read again right after, so the last state always wins.
   */
  #refresh(entry: RootEntry, generation: number, name: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const path = join(entry.spec.path, name);
    const inFlight = this.#reading.get(path);
    if (inFlight) {
      if (inFlight.entry === entry && inFlight.generation === generation) {
        this.#dirty.add(path);
        return inFlight.done;
      }
      // A read for an older watch of this root: let it finish (it is discarded), then read anew.
      return inFlight.done.then(() => this.#refresh(entry, generation, name));
    }
    const run = (async () => {
      do {
        this.#dirty.delete(path);
        const [workspace, identity] = await this.#limit(() => Promise.all([readWorkspace(entry.spec.path, name, this.#installKey), folderIdentity(path)]));
        if (this.#closed || entry.generation !== generation) return;
        entry.watch?.follow(name, identity);
        this.#store(path, workspace);
      } while (this.#dirty.has(path));
    })();
    const done = run.finally(() => this.#reading.delete(path));
    this.#reading.set(path, { entry, generation, done });
    return done;
  }

  #store(path: string, workspace: Workspace | undefined): void {
    const previous = this.#workspaces.get(path);
    if (workspace) {
      this.#workspaces.set(path, workspace);
      if (previous && previous.id !== workspace.id) this.#byId.delete(previous.id);
      this.#byId.set(workspace.id, workspace);
      if (!previous) this.#emit({ kind: 'added', workspace });
      else if (!sameVisibleWorkspace(previous, workspace)) this.#emit({ kind: 'updated', workspace, previous });
      else {
        // Nothing visible changed: keep the old object so identity checks stay cheap.
        this.#workspaces.set(path, previous);
        this.#byId.set(previous.id, previous);
      }
    } else if (previous) {
      this.#workspaces.delete(path);
      this.#byId.delete(previous.id);
      this.#emit({ kind: 'removed', workspace: previous });
    }
  }

  #emit(change: WorkspaceChange): void {
    if (this.#closed) return;
    this.#changes.fire(change);
  }

  #emitRoots(): void {
    if (this.#closed) return;
    this.#rootChanges.fire(this.rootStatuses());
  }
}
