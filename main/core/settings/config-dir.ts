import os from 'node:os';
import path from 'node:path';

/**
 * Where Agent Desk keeps its settings: `$XDG_CONFIG_HOME/agent-desk` (else
 * `~/.config/agent-desk`) on Linux, `~/Library/Application Support/agent-desk`
 * on macOS, `%APPDATA%\agent-desk` on Windows. `AGENT_DESK_CONFIG_DIR` wins.
 */
export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.AGENT_DESK_CONFIG_DIR;
  if (override && path.isAbsolute(override)) return override;
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'agent-desk');
  if (platform === 'win32') {
    const appData = env.APPDATA && path.isAbsolute(env.APPDATA) ? env.APPDATA : path.join(home, 'AppData', 'Roaming');
    return path.join(appData, 'agent-desk');
  }
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
  return path.join(base, 'agent-desk');
}
