import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDownloadPath, safeDownloadName } from '../../../main/core/shell/downloads.js';

describe('safeDownloadName', () => {
  it('keeps ordinary names', () => {
    expect(safeDownloadName('report 2026.pdf')).toBe('report 2026.pdf');
  });

  it('drops directories, control and reserved characters, and leading dots', () => {
    expect(safeDownloadName('../../.bashrc')).toBe('bashrc');
    expect(safeDownloadName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeDownloadName('a\u0000b\nc<d>.txt')).toBe('a_b_c_d_.txt');
    expect(safeDownloadName('CON.txt')).toBe('download-CON.txt');
    expect(safeDownloadName('...')).toBe('download');
    expect(safeDownloadName('x'.repeat(300))).toHaveLength(120);
  });

  it('joins onto the downloads folder without leaving it', () => {
    expect(defaultDownloadPath('/home/u/Downloads', '../../etc/passwd')).toBe(path.join('/home/u/Downloads', 'passwd'));
  });
});
