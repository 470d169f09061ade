import { type FSWatcher, watch } from 'chokidar';
import { watch as watchFolder, type FSWatcher as FolderWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ENV_FILE_NAME } from './read-workspace.js';

export type RootWatchEvent =
  /** Something changed in `<root>/<name>` or its `.env`: re-read that workspace. */
  | { kind: 'workspace'; name: string }
  /** The root itself vanished or the watcher failed: check the root's status. */
  | { kind: 'root-check' };

/** Where a watched path sits under the root: the root itself, a workspace entry, its `.env`, or noise. */
function classify(root: string, path: string): { at: 'root' } | { at: 'workspace' | 'env' | 'other'; name: string } {
  const rel = relative(root, path);
  if (rel === '') return { at: 'root' };
  const parts = rel.split(sep);
  const name = parts[0] as string;
  if (name === '..' || parts.length > 2) return { at: 'other', name };
  if (parts.length === 1) return { at: 'workspace', name };
  return { at: parts[1] === ENV_FILE_NAME ? 'env' : 'other', name };
}

/** The workspace a raw fs.watch event is about, if it can concern a `.env`. */
function rawWorkspaceName(root: string, filename: unknown, watchedPath: unknown): string | undefined {
  if (typeof watchedPath !== 'string') return undefined;
  const watched = classify(root, watchedPath);
  const file = typeof filename === 'string' && filename !== '' ? filename : undefined;
  if (watched.at === 'root') return file !== undefined && !file.includes(sep) ? file : undefined;
  if (watched.at === 'env') return watched.name;
  if (watched.at === 'workspace' && (file === undefined || file === ENV_FILE_NAME)) return watched.name;
  return undefined;
}

/**
 * One chokidar watcher on one root, depth 1: the root's folders and the
 * files directly inside them, of which only `.env` is even looked at
 * (everything else is ignored before chokidar stats it). Owned and closed by
 * WorkspaceDirectory; a new RootWatch is made whenever the root reappears.
 */
export class RootWatch {
  readonly #watcher: FSWatcher;
  readonly #ready: Promise<void>;
  readonly #onEvent: (event: RootWatchEvent) => void;
  /** `dev:ino` of each workspace folder as last read. */
  readonly #folders = new Map<string, string>();
  /** Names taken from chokidar after a replacement (see follow()), and their own watchers while present. */
  readonly #taken = new Set<string>();
  readonly #replaced = new Map<string, FolderWatcher>();
  #closed = false;

  constructor(
    readonly root: string,
    onEvent: (event: RootWatchEvent) => void,
  ) {
    this.#onEvent = onEvent;
    this.#watcher = watch(root, {
      depth: 1,
      ignoreInitial: true,
      ignorePermissionErrors: true,
      // We re-read the file on any event, so chokidar's rename coalescing
      // (which delays every unlink by ~100 ms) buys nothing.
      atomic: false,
      ignored: (path) => classify(root, path).at === 'other',
    });
    this.#ready = new Promise<void>((resolve) => {
      this.#watcher.once('ready', () => resolve());
      // A watcher that fails before it is ready must not hang start().
      this.#watcher.once('error', () => resolve());
    });
    this.#watcher.on('all', (event, path) => {
      if (this.#closed) return;
      const where = classify(root, path);
      if (where.at === 'root') {
        if (event === 'unlinkDir') onEvent({ kind: 'root-check' });
      } else if (where.at !== 'other') {
        onEvent({ kind: 'workspace', name: where.name });
      }
    });
    // chokidar drops some `change` events when a file is replaced by rename
    // shortly after being read (seen with chokidar 5 on Linux: the raw
    // inotify events arrive, `change` does not). Raw events are therefore a
    // second trigger; a spurious one only costs a re-read, which emits
    // nothing when nothing visible changed.
    this.#watcher.on('raw', (_event, filename, details) => {
      if (this.#closed) return;
      const name = rawWorkspaceName(root, filename, (details as { watchedPath?: unknown } | undefined)?.watchedPath);
      if (name !== undefined) onEvent({ kind: 'workspace', name });
    });
    this.#watcher.on('error', () => {
      if (!this.#closed) onEvent({ kind: 'root-check' });
    });
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /**
   * Tells the watch which folder `<root>/<name>` is now (its `dev:ino`, or
   * undefined when gone). When a folder is replaced in one rename
   * (`mv new root/ws`), chokidar 5 may report nothing and keep watching the
   * old folder's inode wherever it went, so edits of the new `.env` were
   * lost. A replaced folder is therefore taken from chokidar and watched
   * here with `fs.watch`, which attaches synchronously; one re-read after
   * attaching covers an edit made between the read and the watch.
   */
  follow(name: string, identity: string | undefined): void {
    if (this.#closed) return;
    const known = this.#folders.get(name);
    if (identity === undefined) {
      this.#folders.delete(name);
      this.#dropReplaced(name);
      return;
    }
    this.#folders.set(name, identity);
    const replaced = known !== undefined && known !== identity;
    // Once taken, chokidar ignores the name for good, so a folder that comes back needs our watch too.
    if (!replaced && !(this.#taken.has(name) && !this.#replaced.has(name))) return;
    const path = join(this.root, name);
    if (!this.#taken.has(name)) this.#watcher.unwatch(path);
    this.#taken.add(name);
    this.#dropReplaced(name);
    const reread = (): void => {
      if (!this.#closed) this.#onEvent({ kind: 'workspace', name });
    };
    try {
      const folder = watchFolder(path, { persistent: false }, (_event, file) => {
        if (file === null || file === ENV_FILE_NAME) reread();
      });
      folder.on('error', () => {
        this.#dropReplaced(name);
        reread();
      });
      this.#replaced.set(name, folder);
    } catch {
      // Gone again already: the root's own events bring the next read.
    }
    reread();
  }

  #dropReplaced(name: string): void {
    this.#replaced.get(name)?.close();
    this.#replaced.delete(name);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const name of [...this.#replaced.keys()]) this.#dropReplaced(name);
    await this.#watcher.close();
  }
}
