import { constants } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { agentLabel } from '../hosts/index.js';
import { EnvFileSyntaxError, parseEnvFile } from './env-file.js';
import { workspaceConfig, type WorkspaceConfig } from './workspace-config.js';
import type { Workspace } from './workspace-types.js';

export const ENV_FILE_NAME = '.env';
export const MAX_ENV_BYTES = 64 * 1024;
export const MAX_WORKSPACE_NAME_LENGTH = 64;
const WORKSPACE_NAME = /^[A-Za-z0-9_.-]+$/;

/** Why a directory name is not a usable workspace name, or undefined if it is. */
export function workspaceNameProblem(name: string): string | undefined {
  if (name.length > MAX_WORKSPACE_NAME_LENGTH) return `the folder name is longer than ${MAX_WORKSPACE_NAME_LENGTH} characters`;
  if (!WORKSPACE_NAME.test(name)) return 'the folder name may only use letters A–Z, digits, dot, dash and underscore';
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function describeFsError(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return "'.env' cannot be read: permission denied";
    case 'ELOOP':
      return "'.env' is a loop of symbolic links";
    case 'ENOENT':
      return "'.env' is a symbolic link to nothing";
    case 'EISDIR':
      return "'.env' is a folder, not a file";
    default:
      return `'.env' cannot be read (${code ?? 'unknown error'})`;
  }
}

const invalid = (reason: string): WorkspaceConfig => ({ state: 'invalid', reason });
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and judges one `.env`. Never blocks on a FIFO (checked before and
 * after open, opened non-blocking), never reads more than 64 KiB + 1 byte,
 * and keeps nothing of the file but the three keys (in `endpoint`).
 */
async function readEnvConfig(envPath: string): Promise<WorkspaceConfig> {
  try {
    const target = await stat(envPath);
    if (target.isDirectory()) return invalid("'.env' is a folder, not a file");
    if (!target.isFile()) return invalid("'.env' is not a regular file");
  } catch (error) {
    return invalid(describeFsError(errorCode(error)));
  }

  let bytes: Buffer;
  try {
    const handle = await open(envPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) return invalid("'.env' is not a regular file");
      if (opened.size > MAX_ENV_BYTES) return invalid("'.env' is larger than 64 KiB");
      bytes = Buffer.alloc(MAX_ENV_BYTES + 1);
      let length = 0;
      while (length < bytes.length) {
        const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > MAX_ENV_BYTES) {
        bytes.fill(0);
        return invalid("'.env' is larger than 64 KiB");
      }
      bytes = bytes.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return invalid(describeFsError(errorCode(error)));
  }

  try {
    if (bytes.includes(0)) return invalid("'.env' is not a text file (it contains NUL bytes)");
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return invalid("'.env' is not valid UTF-8 text");
    }
    const env = parseEnvFile(text);
    const config = workspaceConfig(env);
    env.clear(); // Provider keys live in here: drop them now, not at the next GC.
    return config;
  } catch (error) {
    if (error instanceof EnvFileSyntaxError) return invalid(`'.env' ${error.message} (Docker Compose refuses this file too)`);
    return invalid("'.env' could not be parsed");
  } finally {
    bytes.fill(0);
  }
}

/**
 * The workspace `<root>/<name>`, or undefined when that folder holds no
 * `.env` (or is gone). Bad names, unreadable or odd files make an `invalid`
 * workspace, so the user sees it and the reason instead of nothing.
 */
export async function readWorkspace(root: string, name: string, installKey: Uint8Array): Promise<Workspace | undefined> {
  const path = join(root, name);
  const envPath = join(path, ENV_FILE_NAME);
  const label = agentLabel(installKey, name, path);
  const base = { id: label, label, name, root, path };

  let config: WorkspaceConfig;
  try {
    await lstat(envPath);
    const nameProblem = workspaceNameProblem(name);
    config = nameProblem ? invalid(nameProblem) : await readEnvConfig(envPath);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EACCES' || code === 'EPERM') config = invalid('the workspace folder cannot be read: permission denied');
    else config = invalid(`the workspace folder cannot be read (${code ?? 'unknown error'})`);
  }
  return { ...base, ...config };
}
