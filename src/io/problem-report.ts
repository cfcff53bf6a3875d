import path from 'node:path';
import type { RowProblem } from '../domain/errors.js';
import { XlsxWriter } from './xlsx-writer.js';

/**
 * `<file>.错误报告.xlsx`: every problem of a rejected import, one per line, in the order of the
 * file, so a clerk can fix the source sheet row by row. Returns the path written, or null when
 * the report could not be written (the import result still carries the problems).
 */
export async function writeProblemReport(
  target: string,
  problems: readonly RowProblem[],
  source: string,
): Promise<string | null> {
  const file = path.resolve(target);
  try {
    const writer = await XlsxWriter.create(file);
    const sheet = writer.addSheet('问题清单', {
      columnWidths: [16, 8, 22, 30, 70],
      freezeHeader: true,
      textColumns: [3],
    });
    await sheet.addRow([`导入问题清单：${path.basename(source)}`], { bold: true });
    await sheet.addRow(['工作表', '行号', '列', '值', '问题'], { bold: true });
    for (const p of problems) await sheet.addRow([p.sheet, p.row, p.column, p.value, p.message]);
    await writer.close();
    return file;
  } catch {
    return null;
  }
}
