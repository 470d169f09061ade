import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WaitForOptions {
  /** Generous deadline: this is a correctness wait, never a speed assertion. */
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the error when the deadline passes, so a failure explains itself. */
  message?: string;
}

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or the
 * deadline passes (then throws with `message` and the last error seen).
 * A predicate that throws counts as "not yet".
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 10, message = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface TempDir {
  path: string;
  /** Removes the directory and everything in it; safe to call twice. */
  remove(): Promise<void>;
}

/** A fresh real directory under the OS temp dir; remove it in afterEach. */
export async function tempDir(prefix = 'agent-desk-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    remove: () => rm(path, { recursive: true, force: true, maxRetries: 3 }),
  };
}
