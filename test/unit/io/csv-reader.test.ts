import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectCsvEncoding, readCsvRows } from '../../../src/io/csv-reader.js';
import { collect, errorCode, randomText, rng, tmpDir } from './tmp.js';

const dir = tmpDir('csv');

const write = (name: string, bytes: Buffer | string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

const cellsOf = async (
  file: string,
  opts?: Parameters<typeof readCsvRows>[1],
): Promise<(string | null | number | boolean)[][]> => (await collect(readCsvRows(file, opts))).map((r) => r.cells);

const TEXT =
  '姓名,证件号码,住址\r\n张三,410102199001011234,"河南省郑州市,金水区"\r\n李四,41010219920202234X,"第一行\r\n第二行"\r\n';
const WANT = [
  ['姓名', '证件号码', '住址'],
  ['张三', '410102199001011234', '河南省郑州市,金水区'],
  ['李四', '41010219920202234X', '第一行\r\n第二行'],
];

describe('readCsvRows', () => {
  it('reads UTF-8 with a BOM, CRLF and quoted fields with commas and line breaks', async () => {
    const file = write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(await detectCsvEncoding(file)).toBe('utf8');
    const rows = await collect(readCsvRows(file));
    expect(rows.map((r) => r.cells)).toEqual(WANT);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0]!.sheet).toBe('bom.csv');
  });

  it('reads UTF-8 without a BOM and LF line ends', async () => {
    const file = write('nobom.csv', TEXT.replace(/\r\n/g, '\n'));
    expect(await detectCsvEncoding(file)).toBe('utf8');
    expect(await cellsOf(file)).toEqual(WANT.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))));
  });

  it('reads GBK bytes with iconv-lite, including bytes TextDecoder("gbk") maps differently', async () => {
    // 〾 = A989 and 㑳 = FE55 in GBK: ICU's TextDecoder('gbk') gives private-use characters for these.
    const text = '户主姓名,备注\r\n王〾,㑳字与中文\r\n"引号""内""",镕\r\n';
    const bytes = iconv.encode(text, 'gbk');
    expect(bytes.includes(Buffer.from([0xa9, 0x89]))).toBe(true);
    const file = write('gbk.csv', bytes);
    expect(await detectCsvEncoding(file)).toBe('gb18030');
    expect(await cellsOf(file)).toEqual([
      ['户主姓名', '备注'],
      ['王〾', '㑳字与中文'],
      ['引号"内"', '镕'],
    ]);
    expect(await cellsOf(file, { encoding: 'gbk' })).toEqual(await cellsOf(file));
  });

  it('reads GB18030 four-byte characters', async () => {
    const text = '姓名\n𠀀𤭢\n😀\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(bytes.includes(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe(true);
    const file = write('gb18030.csv', bytes);
    expect(await cellsOf(file)).toEqual([['姓名'], ['𠀀𤭢'], ['😀']]);
    expect(await cellsOf(file, { encoding: 'gb18030' })).toEqual([['姓名'], ['𠀀𤭢'], ['😀']]);
  });

  it('detects UTF-8 when a multi-byte character is cut at the 64 KB sample edge', async () => {
    const head = 'a'.repeat(64 * 1024 - 1); // '中' (3 bytes) starts at byte 65535
    const file = write('edge.csv', `${head}中,x\n第二行\n`);
    expect(await detectCsvEncoding(file)).toBe('utf8');
    const rows = await cellsOf(file);
    expect(rows[0]).toEqual([`${head}中`, 'x']);
    expect(rows[1]).toEqual(['第二行']);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text", tab separated)', async () => {
    const text = '姓名\t证件号码\r\n张三\t410102199001011234\r\n';
    const le = write('u16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await detectCsvEncoding(le)).toBe('utf16le');
    expect(await cellsOf(le)).toEqual([
      ['姓名', '证件号码'],
      ['张三', '410102199001011234'],
    ]);
    const swapped = Buffer.from(text, 'utf16le');
    swapped.swap16();
    const be = write('u16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]));
    expect(await detectCsvEncoding(be)).toBe('utf16be');
    expect((await cellsOf(be))[1]).toEqual(['张三', '410102199001011234']);
  });

  it('counts empty lines as records, trims trailing empty cells and maps empty cells to null', async () => {
    const file = write('gaps.csv', 'a,b,c\n\n,x,,\n1,,\n');
    const rows = await collect(readCsvRows(file));
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['a', 'b', 'c']],
      [3, [null, 'x']],
      [4, ['1']],
    ]);
  });

  it('reads a 10 MB cell', async () => {
    const big = randomText(rng(7), 3_500_000); // ~10 MB of UTF-8
    expect(Buffer.byteLength(big)).toBeGreaterThan(10_000_000);
    const file = write('big-cell.csv', `名称,内容\n甲,"${big.replace(/"/g, '""')}"\n乙,短\n`);
    const rows = await cellsOf(file);
    expect(rows.length).toBe(3);
    expect(rows[1]![1] === big).toBe(true);
    expect(rows[2]).toEqual(['乙', '短']);
  });

  it('reports an unclosed quote as UNREADABLE_FILE with the line', async () => {
    const file = write('quote.csv', 'a,b\n1,"unclosed\n2,3\n');
    const err = await errorCode(collect(readCsvRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('引号');
  });

  it('reports a missing file as FILE_NOT_FOUND', async () => {
    expect((await errorCode(collect(readCsvRows(path.join(dir, 'missing.csv'))))).code).toBe('FILE_NOT_FOUND');
    expect((await errorCode(detectCsvEncoding(path.join(dir, 'missing.csv')))).code).toBe('FILE_NOT_FOUND');
  });
});
