import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { FpjcError } from '../domain/errors.js';
import { displayValue } from '../domain/field-values.js';
import { exportFields, type ImportKind, KIND_NAMES_CN, KINDS } from '../domain/fields.js';
import { fileError } from '../io/file-errors.js';
import { XlsxWriter } from '../io/xlsx-writer.js';
import type { Register } from '../register/connection.js';
import { iterateForExport, type Scope } from '../register/export-repo.js';

export interface ExportRequest {
  kind: ImportKind;
  out: string;
  scope?: Scope;
  encoding?: 'utf8' | 'gbk' | undefined;
}

export interface ExportResult {
  kind: ImportKind;
  file: string;
  rows: number;
  format: 'xlsx' | 'csv';
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The register back out in the import format of a kind, so that export → import changes nothing. */
export async function exportKind(register: Register, req: ExportRequest): Promise<ExportResult> {
  const def = KINDS[req.kind];
  if (req.kind === 'visits')
    throw new FpjcError('USAGE', '入户排查结果请用 fpjc report screening-list 或 fpjc screen list 导出。');
  if (req.kind === 'national')
    throw new FpjcError(
      'USAGE',
      '按人导出的监测对象信息是全国系统的格式，fpjc 不导出它。请分别导出 households、members、incomes、measures。',
    );
  const file = path.resolve(req.out);
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw new FpjcError('USAGE', `--out「${req.out}」的扩展名应为 .xlsx 或 .csv。`);
  }
  const fields = exportFields(def);
  const headers = fields.map((f) => f.header);
  let rows = 0;
  if (ext === '.xlsx') {
    const writer = await XlsxWriter.create(file);
    const textColumns = fields.flatMap((f, i) => (['code', 'idNo', 'phone'].includes(f.type) ? [i] : []));
    const sheet = writer.addSheet(KIND_NAMES_CN[req.kind], {
      columnWidths: fields.map((f) =>
        f.type === 'idNo' ? 21 : f.type === 'code' ? 18 : Math.max(10, f.header.length * 2 + 2),
      ),
      freezeHeader: true,
      textColumns,
    });
    await sheet.addRow(headers, { bold: true });
    for (const r of iterateForExport(register.db, req.kind, req.scope)) {
      const p = sheet.addRow(fields.map((f) => displayValue(f, exportValue(r[f.column]))));
      if (p) await p;
      rows++;
    }
    await writer.close();
  } else {
    const tmp = `${file}.${process.pid}.tmp`;
    let fd: number;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fd = fs.openSync(tmp, 'w');
    } catch (err) {
      throw fileError(err, file);
    }
    const gbk = req.encoding === 'gbk';
    const write = (line: string): void => {
      if (gbk) fs.writeSync(fd, iconv.encode(line, 'gbk'));
      else fs.writeSync(fd, line);
    };
    try {
      if (!gbk) write('\uFEFF'); // Excel needs the BOM to read UTF-8
      write(`${headers.map(csvCell).join(',')}\r\n`);
      let chunk = '';
      for (const r of iterateForExport(register.db, req.kind, req.scope)) {
        chunk += `${fields.map((f) => csvCell(displayValue(f, exportValue(r[f.column])))).join(',')}\r\n`;
        rows++;
        if (chunk.length > 1 << 20) {
          write(chunk);
          chunk = '';
        }
      }
      write(chunk);
      fs.closeSync(fd);
      fs.renameSync(tmp, file);
    } catch (err) {
      try {
        fs.closeSync(fd);
      } catch {}
      fs.rmSync(tmp, { force: true });
      throw fileError(err, file);
    }
  }
  return { kind: req.kind, file, rows, format: ext === '.xlsx' ? 'xlsx' : 'csv' };
}

/** Key columns stored as '' for "none" go out empty. */
const exportValue = (v: string | number | null | undefined): string | number | null =>
  v === undefined || v === '' ? null : v;
