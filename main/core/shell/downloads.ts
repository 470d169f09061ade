import path from 'node:path';

/**
 * A file name an agent's download suggests, made safe to offer as the save
 * dialog's default: no directories, no control or reserved characters, no
 * leading dots (hidden files), bounded length. The user still chooses where
 * it goes; nothing is ever written without the dialog.
 */
export function safeDownloadName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(char) ? '_' : char))
    .join('')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 120);
  return /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned) || cleaned === '' ? `download${cleaned ? `-${cleaned}` : ''}` : cleaned;
}

export function defaultDownloadPath(downloadsDir: string, suggested: string): string {
  return path.join(downloadsDir, safeDownloadName(suggested));
}
