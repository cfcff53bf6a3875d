import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../../src/io/raw-row.js';
import { listSheets, readXlsxAllSheets, readXlsxRows } from '../../../src/io/xlsx-reader.js';
import { type CellValue, XlsxWriter } from '../../../src/io/xlsx-writer.js';
import { collect, randomText, rng, tmpDir } from './tmp.js';

const dir = tmpDir('roundtrip');

/** What the reader should return for what was written: '' and null/undefined are empty, trailing empties trimmed. */
function expected(values: CellValue[]): RawCell[] {
  const cells = values.map((v) => (v === undefined || v === '' ? null : v));
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

describe('XlsxWriter → readXlsxRows round trip', () => {
  it('keeps > 1 MB of random Chinese text (1–4 byte UTF-8, emoji, CJK ext. B) exactly', async () => {
    const file = path.join(dir, '中文往返.xlsx');
    const rand = rng(20240501);
    const rows: CellValue[][] = [];
    let bytes = 0;
    for (let r = 0; bytes < 1_500_000; r++) {
      const row: CellValue[] = [];
      const n = 1 + Math.floor(rand() * 12);
      for (let c = 0; c < n; c++) {
        const k = rand();
        if (k < 0.75) {
          const s = randomText(rand, 1 + Math.floor(rand() * (k < 0.05 ? 3000 : 40)));
          bytes += Buffer.byteLength(s);
          row.push(s);
        } else if (k < 0.85) row.push(Math.round(rand() * 1e6) / 100);
        else if (k < 0.88) row.push(rand() < 0.5);
        else if (k < 0.95) row.push(null);
        else row.push(`4101021990${String(r).padStart(8, '0')}`);
      }
      rows.push(row);
    }
    const w = await XlsxWriter.create(file);
    const sheet = w.addSheet('成员', { freezeHeader: true, textColumns: [0] });
    for (const row of rows) {
      const p = sheet.addRow(row);
      if (p) await p;
    }
    await w.close();

    const got = await collect(readXlsxRows(file));
    const want = rows
      .map((r, i) => ({ sheet: '成员', row: i + 1, cells: expected(r) }))
      .filter((r) => r.cells.length > 0);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      if (JSON.stringify(got[i]) !== JSON.stringify(want[i])) expect(got[i]).toEqual(want[i]);
    }
    expect(bytes).toBeGreaterThan(1_000_000);
  });

  it('keeps characters XML cannot carry, escapes, entities and whitespace', async () => {
    const file = path.join(dir, 'special.xlsx');
    const tricky: CellValue[] = [
      'a&b<c>d"e\'f',
      'line1\nline2',
      'crlf\r\nend',
      'lone\rcr',
      'tab\there',
      'ctl\u0001\u0008\u000b\u001f',
      '_x000D_ literal',
      '_x005F_ literal too',
      '  leading and trailing  ',
      ' ',
      '😀𠀀𤭢',
      '&amp; stays as typed',
      ']]>',
      '\u00a0nbsp',
      0,
      -1.5,
      1e21,
      0.1 + 0.2,
      410102199001011260,
      true,
      false,
    ];
    const w = await XlsxWriter.create(file);
    const s = w.addSheet('特殊');
    s.addRow(tricky);
    s.addRow(['', null, undefined, 'x']);
    await w.close();
    const got = await collect(readXlsxRows(file));
    expect(got[0]!.cells).toEqual(tricky);
    expect(got[1]).toEqual({ sheet: '特殊', row: 2, cells: [null, null, null, 'x'] });
  });

  it('writes several sheets, sanitises names, and reads them back in order', async () => {
    const file = path.join(dir, 'multi.xlsx');
    const w = await XlsxWriter.create(file);
    w.addSheet('户信息').addRow(['户编号', '户主']);
    w.addSheet('a/b:c*d?[e]').addRow([1]);
    w.addSheet('户信息').addRow([2]);
    w.addSheet('这是一个非常非常非常非常非常非常非常非常非常非常长的工作表名称超过三十一个字').addRow([3]);
    await w.close();
    const names = await listSheets(file);
    expect(names[0]).toBe('户信息');
    expect(names[1]).toBe('a_b_c_d__e_');
    expect(names[2]).toBe('户信息(2)');
    expect(names[3]!.length).toBeLessThanOrEqual(31);
    const all = await collect(readXlsxAllSheets(file));
    expect(all.map((r) => [r.sheet, r.cells[0]])).toEqual([
      ['户信息', '户编号'],
      ['a_b_c_d__e_', 1],
      ['户信息(2)', 2],
      [names[3], 3],
    ]);
  });

  it('produces a file exceljs reads: values, header style, text columns, frozen header, widths', async () => {
    const file = path.join(dir, 'styled.xlsx');
    const w = await XlsxWriter.create(file);
    const s = w.addSheet('问题清单', { columnWidths: [16, 8, 22], freezeHeader: true, textColumns: [2] });
    await s.addRow(['导入问题清单'], { bold: true });
    await s.addRow(['工作表', '行号', '证件号码'], { bold: true });
    await s.addRow(['成员', 12, '410102199001011234']);
    await w.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('问题清单')!;
    expect(ws.getCell('A1').value).toBe('导入问题清单');
    expect(ws.getCell('B3').value).toBe(12);
    expect(ws.getCell('C3').value).toBe('410102199001011234');
    expect(ws.getCell('C3').numFmt).toBe('@');
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('A3').font?.bold).toBeFalsy();
    expect(ws.getColumn(1).width).toBe(16);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('writes under a temporary name and only renames at close; abort leaves nothing', async () => {
    const file = path.join(dir, 'atomic.xlsx');
    const w = await XlsxWriter.create(file);
    w.addSheet('S').addRow(['x']);
    expect(fs.existsSync(file)).toBe(false);
    await w.close();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const file2 = path.join(dir, 'aborted.xlsx');
    const w2 = await XlsxWriter.create(file2);
    w2.addSheet('S').addRow(['x']);
    await w2.abort();
    expect(fs.existsSync(file2)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('signals backpressure with an occasional promise and keeps memory bounded', async () => {
    const file = path.join(dir, 'big.xlsx');
    const w = await XlsxWriter.create(file);
    const s = w.addSheet('大表');
    const row = Array.from({ length: 20 }, (_, i) => `第${i}列的一些中文内容`);
    let promises = 0;
    for (let i = 0; i < 60_000; i++) {
      const p = s.addRow(row);
      if (p) {
        promises++;
        await p;
      }
    }
    await w.close();
    expect(promises).toBeGreaterThan(0);
    expect(promises).toBeLessThan(60_000 / 10);
    let n = 0;
    for await (const r of readXlsxRows(file)) {
      expect(r.cells.length).toBe(20);
      n++;
    }
    expect(n).toBe(60_000);
  });
});
