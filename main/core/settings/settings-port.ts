import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_GATEWAY_PORT, parseStoredSettings } from './settings-schema.js';

/**
 * The saved gateway port, read without loading the store (no backup of a
 * broken file, no warnings: `startDesk` does that). The Electron shell needs
 * it before the desk starts, to explain a taken port.
 */
export async function readSettingsPort(dir: string): Promise<number> {
  try {
    const text = await readFile(path.join(dir, 'settings.json'), 'utf8');
    return parseStoredSettings(JSON.parse(text)).settings.port;
  } catch {
    return DEFAULT_GATEWAY_PORT;
  }
}
