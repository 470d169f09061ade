import { Emitter } from '../../../common/emitter.js';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DeskSettings } from '../../../preload/contract.js';
import { applySettingsPatch, DEFAULT_SETTINGS, parseStoredSettings } from './settings-schema.js';

const SETTINGS_FILE = 'settings.json';
const INSTALL_KEY_FILE = 'install-key';
const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface LoadedSettings {
  settings: DeskSettings;
  /** Set when the file was unreadable or invalid; says where the backup is. */
  warning?: string;
}

const TEMP_SUFFIX = '.tmp';

/**
 * Writes `file` so that a reader (or the next start, after a crash or
 * `kill -9` at any instant) sees either the old content or the new, never a
 * mix: a temp file beside it, flushed, then renamed over it; the folder is
 * flushed too, so the rename itself survives a power cut where it can.
 */
async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

async function syncFolder(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform can open or flush a folder (Windows); the rename stands anyway.
  } finally {
    await handle?.close();
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files left by writers that died mid-write (`<file>.<pid>.<hex>.tmp` of a dead pid). */
async function removeDeadWritersTemps(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(path.dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || processIsAlive(pid)) continue;
    await fs.rm(path.join(path.dirname(file), name), { force: true });
  }
}

/** Copies a bad settings file aside under a name that never overwrites an earlier backup. */
async function keepBackup(file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt += 1) {
    const backup = `${file}.corrupt-${stamp}${attempt ? `-${attempt}` : ''}`;
    try {
      await fs.copyFile(file, backup, fs.constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
    }
  }
}

/**
 * The settings file (JSON, 0600) and the per-install key. A corrupt file is
 * kept as a backup and reported; it is only replaced when the user next
 * changes a setting, never silently at load.
 */
export class SettingsFile {
  readonly dir: string;
  readonly file: string;
  #settings: DeskSettings = { ...DEFAULT_SETTINGS };
  readonly #changes = new Emitter<DeskSettings>('settings change');
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.dir = dir;
    this.file = path.join(dir, SETTINGS_FILE);
  }

  get current(): DeskSettings {
    return this.#settings;
  }

  async load(): Promise<LoadedSettings> {
    await removeDeadWritersTemps(this.file);
    let text: string;
    try {
      const stat = await fs.stat(this.file);
      if (!stat.isFile()) return this.#fallback(`${this.file} is not a regular file; using defaults`);
      if (stat.size > MAX_SETTINGS_BYTES) return this.#fallbackWithBackup('is larger than 1 MiB');
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { settings: this.#settings };
      return this.#fallback(`could not read ${this.file} (${code ?? 'error'}); using defaults`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return this.#fallbackWithBackup('is not valid JSON');
    }
    const { settings, problems } = parseStoredSettings(document);
    this.#settings = settings;
    if (problems.length === 0) return { settings };
    const backup = await keepBackup(this.file);
    return { settings, warning: `Some settings in ${this.file} were invalid and reset to defaults (${problems.join('; ')}). The original is kept at ${backup}.` };
  }

  async update(patch: unknown): Promise<DeskSettings> {
    const next = applySettingsPatch(this.#settings, patch);
    this.#settings = next;
    // Serialise writes so a burst of updates lands in order.
    this.#writing = this.#writing.catch(() => undefined).then(() => this.#write(next));
    await this.#writing;
    this.#changes.fire(next);
    return next;
  }

  onChange(listener: (settings: DeskSettings) => void): () => void {
    return this.#changes.event(listener);
  }

  /** 32 random bytes created on first run, kept beside the settings (0600). */
  async installKey(): Promise<Buffer> {
    const file = path.join(this.dir, INSTALL_KEY_FILE);
    try {
      const hex = (await fs.readFile(file, 'utf8')).trim();
      if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const key = randomBytes(32);
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, `${key.toString('hex')}\n`);
    return key;
  }

  async #write(settings: DeskSettings): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(settings, null, 2)}\n`);
  }

  #fallback(warning: string): LoadedSettings {
    this.#settings = { ...DEFAULT_SETTINGS };
    return { settings: this.#settings, warning };
  }

  async #fallbackWithBackup(problem: string): Promise<LoadedSettings> {
    const backup = await keepBackup(this.file);
    return this.#fallback(`${this.file} ${problem}; using defaults. The original is kept at ${backup}.`);
  }
}
