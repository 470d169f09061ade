import path from 'node:path';
import { app, dialog, shell } from 'electron';
import { startDesk, type Desk } from '../core/desk.js';
import { GatewayListenError } from '../core/gateway/index.js';
import { DESK_LABEL, originOf } from '../core/hosts/index.js';
import { configDir, readSettingsPort } from '../core/settings/index.js';
import { decidePortTaken, nextFreePort, probePortHolder, type LaunchArgs } from '../core/shell/index.js';

/**
 * Starts the desk on the port `--port` or the settings name. When that port
 * is taken, says by whom (another Agent Desk or another program) and offers
 * the next free port (saved when it came from the settings), or to open the
 * other desk in the browser, or to quit. Resolves undefined when the user
 * chose not to start.
 */
export async function startDeskOnItsPort(args: LaunchArgs, log: (line: string) => void): Promise<Desk | undefined> {
  const dir = configDir();
  const source = args.port === undefined ? 'settings' : 'flag';
  let port = args.port ?? (await readSettingsPort(dir));
  let save = false;
  for (;;) {
    try {
      const desk = await startDesk({
        port,
        flagRoots: args.roots.map((root) => path.resolve(root)),
        configDir: dir,
        mode: 'electron',
        version: app.getVersion(),
        log,
      });
      if (save) {
        await desk.service.invoke('settings:update', { port }).catch((error: Error) => log(`could not save port ${port}: ${error.message}`));
      }
      return desk;
    } catch (error) {
      if (!(error instanceof GatewayListenError) || error.code !== 'EADDRINUSE') throw error;
      const holder = await probePortHolder(port);
      const question = decidePortTaken({ port, holder, source, nextFree: await nextFreePort(port) });
      log(`${question.message}`);
      const { response } = await dialog.showMessageBox({
        type: holder === 'agent-desk' ? 'info' : 'warning',
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: question.buttons.map((button) => button.label),
        defaultId: 0,
        cancelId: question.buttons.length - 1,
        noLink: true,
      });
      const chosen = question.buttons[response] ?? question.buttons.at(-1)!;
      if (chosen.action === 'open-other-desk') {
        await shell.openExternal(`${originOf(DESK_LABEL, port)}/`).catch((failure: Error) => log(`could not open the browser: ${failure.message}`));
        return undefined;
      }
      if (chosen.action === 'quit' || chosen.port === undefined) return undefined;
      port = chosen.port;
      save = source === 'settings';
    }
  }
}
