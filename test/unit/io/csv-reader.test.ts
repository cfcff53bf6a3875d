import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectCsvEncoding, neutralise, readCsvRows, Utf8Evidence, unneutralise } from '../../../src/io/csv-reader.js';
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

describe('strict decoding (hostile bytes)', () => {
  const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');
  const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

  it('reports a GBK-typed name inside a UTF-8 file as a problem of its row and column, never as text', async () => {
    const file = write(
      'mixed.csv',
      Buffer.concat([
        utf8('\uFEFF户编号,户主姓名,备注\r\n1,李四,正常\r\n2,'),
        gbk('张保明'),
        utf8(',备注\r\n3,王五,\r\n'),
      ]),
    );
    const rows = await collect(readCsvRows(file));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[1]).toEqual({ sheet: 'mixed.csv', row: 2, cells: ['1', '李四', '正常'] });
    expect(rows[2]!.problems).toEqual([{ column: 1, message: expect.stringContaining('不是 UTF-8 编码的字节') }]);
    expect(rows[2]!.cells[2]).toBe('备注');
    expect(rows[3]!.problems).toBeUndefined();
  });

  it('reports stray FF FE FD bytes in the middle of a UTF-8 file, in the cell they are in', async () => {
    const file = write(
      'stray.csv',
      Buffer.concat([utf8('姓名,证件号码\n张三,4101'), Buffer.from([0xff, 0xfe, 0xfd]), utf8('02\n李四,x\n')]),
    );
    expect(await detectCsvEncoding(file)).toBe('utf8');
    const rows = await collect(readCsvRows(file));
    expect(rows[1]!.problems).toEqual([{ column: 1, message: expect.any(String) }]);
    expect(rows.filter((r) => r.problems).length).toBe(1);
  });

  it('judges the encoding from the whole file: ASCII for 200 KB, then GBK names, is GBK', async () => {
    const lines = ['id,name']; // the first 64 KB are plain ASCII: valid UTF-8 and valid GBK alike
    for (let i = 0; i < 20_000; i++) lines.push(`${1000000 + i},`);
    const head = `${lines.join('\r\n')}\r\n`;
    expect(head.length).toBeGreaterThan(200_000);
    const file = write('late-gbk.csv', Buffer.concat([utf8(head), gbk('9999999,张保明\r\n9999998,欧阳娜娜\r\n')]));
    expect(await detectCsvEncoding(file)).toBe('gb18030');
    const rows = await collect(readCsvRows(file));
    expect(rows.some((r) => r.problems)).toBe(false);
    expect(rows.slice(-2).map((r) => r.cells)).toEqual([
      ['9999999', '张保明'],
      ['9999998', '欧阳娜娜'],
    ]);
  });

  it('keeps UTF-8 when a long UTF-8 file has one GBK name late in it, and reports that cell', async () => {
    const lines = ['户编号,姓名'];
    for (let i = 0; i < 10_000; i++) lines.push(`${1000000 + i},张三丰`);
    const file = write('late-bad.csv', Buffer.concat([utf8(`${lines.join('\n')}\n9,`), gbk('李四'), utf8('\n')]));
    expect(await detectCsvEncoding(file)).toBe('utf8');
    const rows = await collect(readCsvRows(file));
    const bad = rows.filter((r) => r.problems);
    expect(bad.map((r) => [r.row, r.problems![0]!.column])).toEqual([[10_002, 1]]);
  });

  it('reports bytes that are not valid GBK in a GBK file', async () => {
    const file = write(
      'bad-gbk.csv',
      Buffer.concat([gbk('姓名,住址\r\n张三,北京\r\n李四,'), Buffer.from([0x81, 0x20]), gbk('路\r\n')]),
    );
    expect(await detectCsvEncoding(file)).toBe('gb18030');
    const rows = await collect(readCsvRows(file));
    expect(rows[1]!.cells).toEqual(['张三', '北京']);
    expect(rows[2]!.problems).toEqual([{ column: 1, message: expect.stringContaining('GBK') }]);
  });

  it('counts the same evidence whatever the chunking', () => {
    const bytes = Buffer.concat([utf8('中文𠀀abc'), gbk('中文测试'), Buffer.from([0xe4, 0xb8])]);
    const whole = new Utf8Evidence();
    whole.push(bytes);
    whole.end();
    const split = new Utf8Evidence();
    for (const b of bytes) split.push(Uint8Array.of(b));
    split.end();
    expect([split.invalid, split.multi]).toEqual([whole.invalid, whole.multi]);
    expect(whole.multi).toBe(3);
    expect(whole.invalid).toBeGreaterThan(3);
  });
});

describe('line endings', () => {
  it('ends a record at CRLF, a bare LF or a bare CR, also mixed in one file; quoted line breaks stay in the field', async () => {
    const file = write(
      'mixed-eol.csv',
      '户编号,联系电话\r\n1001,13800000001\n1002,13800000002\r\n1003,"第一行\n第二行"\r1004,13800000004\r\n',
    );
    const rows = await collect(readCsvRows(file));
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['户编号', '联系电话']],
      [2, ['1001', '13800000001']],
      [3, ['1002', '13800000002']],
      [4, ['1003', '第一行\n第二行']],
      [5, ['1004', '13800000004']],
    ]);
  });

  it('does not split a CRLF that falls on a read-chunk edge', async () => {
    const pad = 'x'.repeat((1 << 20) - 6); // "a,<pad>\r\n": CR is the last byte of the first 1 MB chunk
    const file = write('edge-eol.csv', `a,${pad}\r\nb,c\r\n`);
    const rows = await collect(readCsvRows(file));
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(rows[1]!.cells).toEqual(['b', 'c']);
  });
});

describe('formula neutralising', () => {
  const values = [
    '=1+1',
    '=HYPERLINK("http://x.test","点击")',
    '+SUM(1,2)',
    '@SUM(A1)',
    '-2+3',
    "=cmd|' /C calc'!A0",
    '\t=1',
    "'=1",
    "''+x",
    "'abc",
    '-500',
    '-12.5',
    '+86 13800000000',
    '普通文字',
    '',
  ];

  it('neutralises formula-looking text but not plain numbers, and gives every value back', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('-500')).toBe('-500');
    expect(neutralise("'abc")).toBe("'abc");
    for (const v of values) expect(unneutralise(neutralise(v))).toBe(v);
  });

  it('reads a neutralised CSV value back as the original', async () => {
    const file = write('formula.csv', `名称,备注\r\n"'=1+1","'=cmd|' /C calc'!A0"\r\n'-2+3,'@x\r\n`);
    expect(await cellsOf(file)).toEqual([
      ['名称', '备注'],
      ['=1+1', "=cmd|' /C calc'!A0"],
      ['-2+3', '@x'],
    ]);
  });
});
