import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReadableFile, fileError } from '../../../src/io/file-errors.js';
import { readTableRows } from '../../../src/io/table-reader.js';
import { XlsxWriter } from '../../../src/io/xlsx-writer.js';
import { collect, errorCode, tmpDir } from './tmp.js';

const dir = tmpDir('table');

async function xlsx(name: string): Promise<string> {
  const file = path.join(dir, name);
  const w = await XlsxWriter.create(file);
  w.addSheet('户信息').addRow(['户编号', '户主']);
  w.addSheet('成员').addRow(['证件号码']);
  await w.close();
  return file;
}

describe('readTableRows', () => {
  it('reads every sheet of an .xlsx, or the one asked for', async () => {
    const file = await xlsx('两表.xlsx');
    expect((await collect(readTableRows(file))).map((r) => r.sheet)).toEqual(['户信息', '成员']);
    expect((await collect(readTableRows(file, { sheet: '成员' }))).map((r) => r.cells)).toEqual([['证件号码']]);
  });

  it('reads .csv and .txt as CSV', async () => {
    const csv = path.join(dir, 'a.csv');
    fs.writeFileSync(csv, '户编号,户主\n1,张三\n');
    expect((await collect(readTableRows(csv))).map((r) => r.cells)).toEqual([
      ['户编号', '户主'],
      ['1', '张三'],
    ]);
    const txt = path.join(dir, 'a.txt');
    fs.writeFileSync(txt, '户编号\t户主\n1\t张三\n');
    expect((await collect(readTableRows(txt)))[1]!.cells).toEqual(['1', '张三']);
  });

  it('reads an .xlsx that was saved with a .xls or .csv name', async () => {
    const real = await xlsx('real.xlsx');
    const asXls = path.join(dir, 'old-name.xls');
    fs.copyFileSync(real, asXls);
    expect((await collect(readTableRows(asXls))).length).toBe(2);
    const asCsv = path.join(dir, 'wrong-name.csv');
    fs.copyFileSync(real, asCsv);
    expect((await collect(readTableRows(asCsv))).length).toBe(2);
  });

  it('asks for .xlsx when given an old .xls', async () => {
    const file = path.join(dir, 'old.xls');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    const err = await errorCode(collect(readTableRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('.xlsx');
    const html = path.join(dir, 'web.xls');
    fs.writeFileSync(html, '<html><table><tr><td>1</td></tr></table></html>');
    expect((await errorCode(collect(readTableRows(html)))).message).toContain('另存为');
  });

  it('says a renamed CSV is not an .xlsx', async () => {
    const file = path.join(dir, 'renamed.xlsx');
    fs.writeFileSync(file, '户编号,户主\n1,张三\n');
    const err = await errorCode(collect(readTableRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('CSV');
  });

  it('refuses other extensions, empty files and missing files', async () => {
    const pdf = path.join(dir, 'a.pdf');
    fs.writeFileSync(pdf, '%PDF');
    expect((await errorCode(collect(readTableRows(pdf)))).code).toBe('UNREADABLE_FILE');
    const empty = path.join(dir, 'empty.xlsx');
    fs.writeFileSync(empty, '');
    expect((await errorCode(collect(readTableRows(empty)))).code).toBe('EMPTY_FILE');
    expect((await errorCode(collect(readTableRows(path.join(dir, 'missing.xlsx'))))).code).toBe('FILE_NOT_FOUND');
  });
});

describe('file errors', () => {
  it('maps fs error codes to clear Chinese messages', () => {
    const e = (code: string): Error => Object.assign(new Error(code), { code, syscall: 'open' });
    expect(fileError(e('ENOENT'), 'a.xlsx')).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: '找不到文件「a.xlsx」，请检查路径是否正确',
    });
    for (const c of ['EBUSY', 'EPERM', 'EACCES']) {
      const err = fileError(e(c), 'a.xlsx');
      expect(err.code).toBe('FILE_BUSY');
      expect(err.message).toBe('文件「a.xlsx」正被其他程序（如 Excel/WPS）占用或没有权限，请先关闭该文件后重试');
    }
    expect(fileError(e('EISDIR'), 'd').message).toContain('文件夹');
    expect(fileError(e('ENOSPC'), 'd').message).toContain('磁盘空间不足');
    expect(fileError(new Error('odd'), 'x').code).toBe('UNREADABLE_FILE');
  });

  it('assertReadableFile checks existence, kind and size', async () => {
    expect((await errorCode(assertReadableFile(path.join(dir, 'none.csv')))).code).toBe('FILE_NOT_FOUND');
    expect((await errorCode(assertReadableFile(dir))).code).toBe('UNREADABLE_FILE');
    const empty = path.join(dir, 'zero.csv');
    fs.writeFileSync(empty, '');
    expect((await errorCode(assertReadableFile(empty))).code).toBe('EMPTY_FILE');
    const ok = path.join(dir, 'ok.csv');
    fs.writeFileSync(ok, 'a\n');
    await expect(assertReadableFile(ok)).resolves.toBeUndefined();
  });

  it('XlsxWriter reports an unwritable target as a file error', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const err = await errorCode(XlsxWriter.create(path.join(blocker, 'out.xlsx')));
    expect(['FILE_NOT_FOUND', 'UNREADABLE_FILE', 'FILE_BUSY']).toContain(err.code);
  });
});

describe('bench/xlsx-floor.mjs', () => {
  it('counts rows and cells of the first sheet', async () => {
    const file = path.join(dir, 'floor.xlsx');
    const w = await XlsxWriter.create(file);
    const s = w.addSheet('S');
    for (let i = 0; i < 3000; i++) s.addRow([`第${i}行`, i, '410102199001011234']);
    w.addSheet('T').addRow(['other']);
    await w.close();
    const floorPath = '../../../bench/xlsx-floor.mjs';
    const { measureFloor } = (await import(floorPath)) as {
      measureFloor: (f: string) => Promise<{ ms: number; rows: number; cells: number }>;
    };
    const r = await measureFloor(file);
    expect(r.rows).toBe(3000);
    expect(r.cells).toBe(9000);
    expect(r.ms).toBeGreaterThan(0);
  });
});
