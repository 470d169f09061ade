import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Agent Desk's package.json, found by walking up from this
 * file, so the CLI works both from source (tsx) and from dist/.
 */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'agent-desk') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the agent-desk package.json above the CLI');
    dir = parent;
  }
}

export function packageVersion(root: string = packageRoot()): string {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  return version ?? '0.0.0';
}
