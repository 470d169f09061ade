import type { LaunchArgs } from '../core/shell/launch-args.js';

/** What `npm start` says when it falls back to the browser. */
export const NO_ELECTRON_NOTE = (reason: string): string =>
  [
    `Agent Desk: Electron's binary is not installed here (${reason}); \`npm install\` downloads it from GitHub, which needs network access.`,
    'To get the desktop app, set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron 45, or run `npm install` again where the network allows.',
    'Meanwhile the same desk opens in your browser (agent-desk serve --open); stop it with Ctrl+C.',
  ].join('\n');

/** The serve flags that mean what the app's flags mean; what has no browser equivalent is said, not dropped silently. */
export function serveArgsFor(args: LaunchArgs): { argv: string[]; notes: string[] } {
  const argv: string[] = [];
  const notes: string[] = [];
  if (args.port !== undefined) argv.push('--port', String(args.port));
  for (const root of args.roots) argv.push('--root', root);
  argv.push('--open');
  if (args.hidden) notes.push('--hidden has no meaning in the browser; ignored.');
  if (args.open !== undefined) notes.push(`--open ${args.open}: pick the agent in the desk once it opens.`);
  if (args.ignored.length > 0) notes.push(`ignored: ${args.ignored.join(' ')}`);
  return { argv, notes };
}
