/**
 * One entry point for input tables: picks the reader from the extension, checked against the
 * file's first bytes (a renamed CSV is a common mistake, and so is an old .xls).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { type CsvEncodingOption, readCsvRows } from './csv-reader.js';
import { fileError } from './file-errors.js';
import type { RawRow } from './raw-row.js';
import { readXlsxAllSheets, readXlsxRows } from './xlsx-reader.js';

export interface TableReadOptions {
  /** Only this worksheet (xlsx); ignored for CSV. */
  sheet?: string | undefined;
  /** CSV encoding; default auto-detect. */
  encoding?: CsvEncodingOption | undefined;
}

type Magic = 'zip' | 'ole' | 'empty' | 'other';

async function sniff(file: string): Promise<Magic> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    throw fileError(err, file);
  }
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    if (bytesRead === 0) return 'empty';
    if (bytesRead >= 2 && buf[0] === 0x50 && buf[1] === 0x4b) return 'zip';
    if (bytesRead >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return 'ole';
    return 'other';
  } catch (err) {
    throw fileError(err, file);
  } finally {
    await handle.close();
  }
}

const oleMessage = (file: string): string =>
  `文件「${file}」是旧版 Excel (.xls) 格式，或设置了打开密码。请用 Excel/WPS 打开，去掉密码后“另存为” Excel 工作簿 (.xlsx) 再导入`;

/** Rows of an .xlsx/.xlsm (every visible sheet, or `opts.sheet`) or .csv/.txt file. */
export async function* readTableRows(file: string, opts: TableReadOptions = {}): AsyncGenerator<RawRow> {
  const ext = path.extname(file).toLowerCase();
  const known = ['.xlsx', '.xlsm', '.xls', '.csv', '.txt'];
  if (!known.includes(ext)) {
    throw new FpjcError(
      'UNREADABLE_FILE',
      `不支持的文件类型「${ext || '（无扩展名）'}」：${file}。请提供 Excel 工作簿 (.xlsx) 或 CSV (.csv) 文件`,
      { details: { file } },
    );
  }
  const magic = await sniff(file);
  if (magic === 'empty') {
    throw new FpjcError('EMPTY_FILE', `文件「${file}」是空的（0 字节），请检查是否选错了文件或文件未保存完整`, {
      details: { file },
    });
  }
  const xlsx = (): AsyncGenerator<RawRow> =>
    opts.sheet ? readXlsxRows(file, { sheet: opts.sheet }) : readXlsxAllSheets(file);

  if (ext === '.xlsx' || ext === '.xlsm') {
    if (magic === 'ole') throw new FpjcError('UNREADABLE_FILE', oleMessage(file), { details: { file } });
    if (magic !== 'zip') {
      throw new FpjcError(
        'UNREADABLE_FILE',
        `文件「${file}」不是有效的 Excel (.xlsx) 文件，它可能是改了扩展名的 CSV 或文本文件。如果是 CSV，请把扩展名改为 .csv 后再导入；否则请用 Excel/WPS 打开后另存为 .xlsx`,
        { details: { file } },
      );
    }
    yield* xlsx();
    return;
  }
  if (ext === '.xls') {
    if (magic === 'zip') {
      yield* xlsx(); // an .xlsx saved under the old extension
      return;
    }
    throw new FpjcError(
      'UNREADABLE_FILE',
      magic === 'ole'
        ? oleMessage(file)
        : `文件「${file}」扩展名是 .xls，但内容不是 Excel 工作簿（可能是网页或文本格式的导出）。请用 Excel/WPS 打开后“另存为” Excel 工作簿 (.xlsx) 再导入`,
      { details: { file } },
    );
  }
  // .csv / .txt
  if (magic === 'zip') {
    yield* xlsx(); // an .xlsx renamed to .csv
    return;
  }
  if (magic === 'ole') throw new FpjcError('UNREADABLE_FILE', oleMessage(file), { details: { file } });
  yield* readCsvRows(file, { encoding: opts.encoding });
}
