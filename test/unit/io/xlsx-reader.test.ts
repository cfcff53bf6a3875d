import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { listSheets, readXlsxAllSheets, readXlsxRows } from '../../../src/io/xlsx-reader.js';
import { collect, errorCode, tmpDir } from './tmp.js';

const dir = tmpDir('xlsx');

/** A zip built by hand, so the XML is exactly what a test needs. */
async function handZip(file: string, parts: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(parts)) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
  return file;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Minimal package around the given sheet XML bodies (and optional shared strings). */
function pkg(sheets: { name: string; xml: string; state?: string }[], sst?: string): Record<string, string> {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join(
        '',
      )}${sst ? `<Relationship Id="rId99" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  };
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml;
  });
  if (sst) parts['xl/sharedStrings.xml'] = sst;
  return parts;
}

const sheetXml = (body: string, dim?: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${
    dim ? `<dimension ref="${dim}"/>` : ''
  }<sheetData>${body}</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`;

describe('readXlsxRows on a file written by exceljs (non-streaming writer)', () => {
  it('reads shared strings, rich text, numbers, dates, booleans, formulas, errors, merged title rows and sparse rows', async () => {
    const file = path.join(dir, 'exceljs.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('家庭成员');
    ws.getCell('A1').value = '2024年度家庭成员信息表';
    ws.mergeCells('A1:F1');
    ws.getCell('A2').value = '填报单位：榆次区';
    ws.mergeCells('A2:F2');
    ws.getRow(3).values = ['证件号码', '姓名', '出生日期', '是否在校生', '人均纯收入（元）', '备注'];
    ws.getRow(4).values = ['410102199001011234', '张三', new Date(Date.UTC(1990, 0, 1)), true, 12345.67, '无'];
    ws.getRow(5).values = ['410102199202022345', '李四', new Date(Date.UTC(1992, 1, 2)), false, 0, '重复的值'];
    ws.getCell('F5').value = '无'; // shared string used twice
    ws.getCell('A8').value = '41010219930303345X'; // sparse: rows 6 and 7 missing
    ws.getCell('B8').value = {
      richText: [
        { text: '王' },
        { font: { bold: true }, text: '小' },
        { font: { color: { argb: 'FFFF0000' } }, text: '明' },
      ],
    };
    ws.getCell('E8').value = { formula: 'E4+1', result: 12346.67 };
    ws.getCell('F8').value = { formula: 'B4&"x"', result: '张三x' };
    ws.getCell('G8').value = { error: '#N/A' };
    ws.getCell('D8').value = { formula: '1=1', result: true };
    ws.getCell('A9').value = 'a&b<c> "q"';
    await wb.xlsx.writeFile(file);

    const rows = await collect(readXlsxRows(file));
    const serial = (y: number, m: number, d: number): number => (Date.UTC(y, m, d) - Date.UTC(1899, 11, 30)) / 86400000;
    expect(rows).toEqual([
      { sheet: '家庭成员', row: 1, cells: ['2024年度家庭成员信息表'] },
      { sheet: '家庭成员', row: 2, cells: ['填报单位：榆次区'] },
      { sheet: '家庭成员', row: 3, cells: ['证件号码', '姓名', '出生日期', '是否在校生', '人均纯收入（元）', '备注'] },
      { sheet: '家庭成员', row: 4, cells: ['410102199001011234', '张三', serial(1990, 0, 1), true, 12345.67, '无'] },
      { sheet: '家庭成员', row: 5, cells: ['410102199202022345', '李四', serial(1992, 1, 2), false, 0, '无'] },
      { sheet: '家庭成员', row: 8, cells: ['41010219930303345X', '王小明', null, true, 12346.67, '张三x', '#N/A'] },
      { sheet: '家庭成员', row: 9, cells: ['a&b<c> "q"'] },
    ]);
  });

  it('reads every sheet in order, or one by name, and names the sheets when one is missing', async () => {
    const file = path.join(dir, 'sheets.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这是说明']);
    wb.addWorksheet('户信息').addRow(['户编号']);
    const hidden = wb.addWorksheet('字典');
    hidden.state = 'hidden';
    hidden.addRow(['是', '否']);
    wb.addWorksheet('成员').addRow(['证件号码']);
    await wb.xlsx.writeFile(file);

    expect(await listSheets(file)).toEqual(['说明', '户信息', '字典', '成员']);
    const all = await collect(readXlsxAllSheets(file));
    expect(all.map((r) => r.sheet)).toEqual(['说明', '户信息', '成员']); // hidden sheet skipped
    expect((await collect(readXlsxRows(file, { sheet: '成员' }))).map((r) => r.cells)).toEqual([['证件号码']]);
    expect((await collect(readXlsxRows(file, { sheet: '字典' }))).map((r) => r.cells)).toEqual([['是', '否']]);
    expect((await collect(readXlsxRows(file))).map((r) => r.sheet)).toEqual(['说明']);
    const err = await errorCode(collect(readXlsxRows(file, { sheet: '不存在' })));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('工作表「不存在」不存在，文件中的工作表有：');
    expect(err.message).toContain('「户信息」');
  });
});

describe('readXlsxRows on hand-made XML', () => {
  it('handles cells and rows without r, self-closing elements, entities, escapes, types, rich inline text and shared strings', async () => {
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="4" uniqueCount="4">
      <si><t>普通</t></si>
      <si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">富 </t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>
      <si/>
      <si><t xml:space="preserve">  空格_x000D_换行&#x4E2D;&#20013;&amp;</t></si>
    </sst>`;
    const body = `
      <row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>
      <row><c><v>1</v></c><c/><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c><c t="str"><f>A1</f><v>公式&lt;结果&gt;</v></c></row>
      <row r="5"/>
      <row r="6">
        <c r='B6' t='inlineStr'><is><r><t>内</t></r><r><rPr><i/></rPr><t>联</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>
        <c r="C6" s="3"/>
        <c r="D6" t="n"><v>-1.25E-3</v></c>
        <c r="E6"><f>SUM(A1:A2)</f></c>
        <c r="F6" t="d"><v>2024-05-01T00:00:00</v></c>
        <c r="G6" t="inlineStr"><is><t xml:space="preserve"> 首尾 </t></is></c>
        <c r="H6"><v xml:space="preserve">7</v></c>
        <c r="I6" t="str"><v></v></c>
      </row>
      <row r="7"><c r="A7" t="inlineStr"><is><t>_x005F_x0041_ 和 _x0041_</t></is></c><c r="B7"><v>12345678901234567890</v></c></row>`;
    const file = await handZip(path.join(dir, 'hand.xlsx'), pkg([{ name: '手工', xml: sheetXml(body, 'A1:I7') }], sst));
    const rows = await collect(readXlsxRows(file));
    expect(rows).toEqual([
      { sheet: '手工', row: 1, cells: ['普通', null, '富 文本', null, '  空格\r换行中中&'] },
      { sheet: '手工', row: 2, cells: [1, null, false, '#DIV/0!', '公式<结果>'] },
      { sheet: '手工', row: 6, cells: [null, '内联', null, -0.00125, null, '2024-05-01T00:00:00', ' 首尾 ', 7] },
      { sheet: '手工', row: 7, cells: ['_x0041_ 和 A', Number('12345678901234567890')] },
    ]);
  });

  it('reads sheets whose elements carry a namespace prefix (x:row, x:c)', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>
      <x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const sst = `<x:sst xmlns:x="${MAIN}"><x:si><x:t>乙</x:t></x:si></x:sst>`;
    const file = await handZip(path.join(dir, 'prefix.xlsx'), pkg([{ name: 'P', xml }], sst));
    expect((await collect(readXlsxRows(file))).map((r) => [r.row, r.cells])).toEqual([
      [1, ['甲', 2]],
      [2, [null, '乙']],
    ]);
  });

  it('refuses a sheet with fewer rows than its dimension says (silent truncation is data loss)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
      '',
    );
    const file = await handZip(path.join(dir, 'short.xlsx'), pkg([{ name: '成员', xml: sheetXml(rows, 'A1:C100') }]));
    const err = await errorCode(collect(readXlsxRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('100');
    expect(err.message).toContain('50');

    // a dimension that matches, or just "A1", is fine
    const ok = await handZip(path.join(dir, 'ok.xlsx'), pkg([{ name: 'a', xml: sheetXml(rows, 'A1:A50') }]));
    expect((await collect(readXlsxRows(ok))).length).toBe(50);
    const a1 = await handZip(path.join(dir, 'a1.xlsx'), pkg([{ name: 'a', xml: sheetXml('', 'A1') }]));
    expect(await collect(readXlsxRows(a1))).toEqual([]);
  });

  it('finds </sheetData> across a chunk edge and ignores a long tail after it', async () => {
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><dimension ref="A1:B3"/><sheetData>`;
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1"><v>1</v></c></row><row r="2"/>';
    const padRow = (n: number): string =>
      `<row r="3"><c r="A3" t="inlineStr"><is><t>${'x'.repeat(n)}</t></is></c></row>`;
    const before = Buffer.byteLength(head + rows + padRow(0));
    const edge = 2 * 32 * 1024; // the reader decodes in 32 KB pieces
    const pad = edge - 5 - before; // "</she" | "etData>"
    const merges = Array.from({ length: 40_000 }, (_, i) => `<mergeCell ref="C${i + 1}:D${i + 1}"/>`).join('');
    const xml = `${head}${rows}${padRow(pad)}</sheetData><mergeCells count="40000">${merges}</mergeCells></worksheet>`;
    expect(Buffer.byteLength(xml.slice(0, xml.indexOf('</sheetData>')))).toBe(edge - 5);
    const file = await handZip(path.join(dir, 'edge.xlsx'), pkg([{ name: 'E', xml }]));
    const got = await collect(readXlsxRows(file));
    expect(got.map((r) => r.row)).toEqual([1, 3]);
    expect(got[1]!.cells[0]).toBe('x'.repeat(pad));
  });

  it('decodes a 4-byte character and a </row> that straddle chunk edges', async () => {
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>`;
    const open = '<row r="1"><c r="A1" t="inlineStr"><is><t>';
    const edge = 32 * 1024;
    const pad1 = 'a'.repeat(edge - 2 - Buffer.byteLength(head + open)); // 😀 = F0 9F | 98 80
    const row1 = `${open}${pad1}😀中</t></is></c></row>`;
    const open2 = '<row r="2"><c r="A2" t="inlineStr"><is><t>';
    const pad2 = '中'.repeat(100);
    const row2 = `${open2}${pad2}</t></is></c></row>`;
    const padB = 'b'.repeat(
      2 * edge -
        3 -
        Buffer.byteLength(head + row1 + row2) -
        Buffer.byteLength('<row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c>'),
    );
    const row3 = `<row r="3"><c r="A3" t="inlineStr"><is><t>${padB}</t></is></c></row>`; // "</r" | "ow>"
    const xml = `${head}${row1}${row2}${row3}<row r="4"><c r="A4"><v>4</v></c></row></sheetData></worksheet>`;
    expect(Buffer.byteLength(xml.slice(0, xml.indexOf('😀')))).toBe(edge - 2);
    expect(Buffer.byteLength(xml.slice(0, xml.indexOf('</row><row r="4"')))).toBe(2 * edge - 3);
    const file = await handZip(path.join(dir, 'straddle.xlsx'), pkg([{ name: 'S', xml }]));
    const got = await collect(readXlsxRows(file));
    expect(got.map((r) => r.cells[0])).toEqual([`${pad1}😀中`, pad2, padB, 4]);
  });

  it('refuses a sheet whose XML stops in the middle', async () => {
    const xml = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`;
    const file = await handZip(path.join(dir, 'cut.xlsx'), pkg([{ name: 'a', xml }]));
    const err = await errorCode(collect(readXlsxRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
  });
});

describe('readXlsxRows errors', () => {
  it('says a renamed CSV is not a valid .xlsx', async () => {
    const file = path.join(dir, '其实是CSV.xlsx');
    fs.writeFileSync(file, '姓名,证件号码\n张三,410102199001011234\n');
    const err = await errorCode(collect(readXlsxRows(file)));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('不是有效的 Excel (.xlsx) 文件');
    expect(err.message).toContain('.csv');
    expect((await errorCode(listSheets(file))).code).toBe('UNREADABLE_FILE');
  });

  it('reports a missing file as FILE_NOT_FOUND', async () => {
    const err = await errorCode(collect(readXlsxRows(path.join(dir, 'nope.xlsx'))));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.message).toContain('找不到文件');
  });

  it('reports a zip without a workbook, and a truncated zip, as UNREADABLE_FILE', async () => {
    const nowb = await handZip(path.join(dir, 'nowb.xlsx'), { 'hello.txt': 'hi' });
    expect((await errorCode(collect(readXlsxRows(nowb)))).code).toBe('UNREADABLE_FILE');

    const good = path.join(dir, 'good.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 0; i < 2000; i++) ws.addRow([`第${i}行`, i]);
    await wb.xlsx.writeFile(good);
    const bytes = fs.readFileSync(good);
    const cut = path.join(dir, 'cut-zip.xlsx');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await errorCode(collect(readXlsxRows(cut)))).code).toBe('UNREADABLE_FILE');

    // corrupt the deflate data of the sheet but keep the zip directory intact
    const broken = Buffer.from(bytes);
    const at = broken.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 200;
    for (let i = at; i < at + 64; i++) broken[i] = (broken[i]! + 77) & 0xff;
    const brokenFile = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(brokenFile, broken);
    expect((await errorCode(collect(readXlsxRows(brokenFile)))).code).toBe('UNREADABLE_FILE');
  });

  it('closes the file when the caller stops early', async () => {
    const file = path.join(dir, 'early.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 0; i < 5000; i++) ws.addRow([`第${i}行`, i]);
    await wb.xlsx.writeFile(file);
    const fds = (): number => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : 0);
    const before = fds();
    for (let k = 0; k < 5; k++) {
      for await (const r of readXlsxRows(file)) if (r.row > 10) break;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(fds()).toBeLessThanOrEqual(before);
  });
});
