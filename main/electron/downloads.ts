import { app, type Session } from 'electron';
import { defaultDownloadPath } from '../core/shell/index.js';

/**
 * Every download asks where to save it: no save path is set, so Electron
 * shows the save dialog, starting in Downloads with a sanitized name.
 * Cancelling the dialog cancels the download.
 */
export function handleDownloads(target: Session): void {
  target.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({
      title: 'Save download',
      defaultPath: defaultDownloadPath(app.getPath('downloads'), item.getFilename()),
    });
  });
}
