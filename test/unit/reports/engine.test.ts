import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FpjcError } from '../../../src/domain/errors.js';
import { type Item, renderToFile } from '../../../src/reports/render.js';
import { compileWorkbook, type Shape } from '../../../src/reports/template.js';
import { sheetXml, tempDir, validationsOf, zipEntry } from './fixture.js';

const box: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A small ledger-like template: title, header, one repeated row with a merge, a footer with a merge. */
function ledgerTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      printTitlesRow: '3:3',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 14 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = '{{县名}}监测对象台账';
  ws.getCell('A1').font = { name: '宋体', size: 18, bold: true };
  ws.getRow(1).height = 36;
  ws.getCell('A2').value = '统计日期：{{统计日期|日期}}';
  ws.getRow(3).values = ['序号', '户主姓名', '风险类型', '', '人均纯收入'];
  ws.mergeCells('C3:D3');
  ws.getRow(4).values = ['{{户.序号}}', '{{户.户主姓名}}', '{{户.风险类型}}', '', '{{户.人均纯收入|金额}}'];
  ws.mergeCells('C4:D4');
  for (let c = 1; c <= 5; c++) {
    ws.getCell(4, c).border = box;
    ws.getCell(4, c).font = { name: '宋体', size: 10 };
  }
  ws.getRow(4).height = 20;
  ws.getCell('E4').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  ws.getCell('A5').value = '合计：{{合计户数}} 户';
  ws.mergeCells('A6:B6');
  ws.getCell('A6').value = '填表人：{{经办人}}';
  ws.getCell('C6').value = '日期：{{制表日期|日期}}';
  return wb;
}

const SHAPE: Shape = {
  fields: ['县名', '统计日期', '合计户数', '经办人', '制表日期'],
  lists: { 户: { fields: ['户主姓名', '风险类型', '人均纯收入'] } },
};

let lastFile = '';

async function render(wb: ExcelJS.Workbook, shape: Shape, data: Item): Promise<ExcelJS.Workbook> {
  const tpl = compileWorkbook(wb, '测试模板.xlsx', shape);
  const file = path.join(tempDir('引擎'), '输出.xlsx');
  lastFile = file;
  await renderToFile(tpl, data, file);
  const out = new ExcelJS.Workbook();
  await out.xlsx.readFile(file);
  return out;
}

function allText(wb: ExcelJS.Workbook): string {
  const parts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        parts.push(String(cell.text ?? ''));
      }),
    ),
  );
  return parts.join('\n');
}

const households = (n: number): Item[] =>
  Array.from({ length: n }, (_, i) => ({
    户主姓名: `户主${i + 1}`,
    风险类型: i % 2 ? '因病' : '因学、因自然灾害（洪涝）',
    人均纯收入: 5000 + i * 100.5,
  }));

describe('template engine', () => {
  it('fills single values, repeats the list row with styles and merges, and moves the footer down', async () => {
    const out = await render(ledgerTemplate(), SHAPE, {
      县名: '榆次区',
      统计日期: '2024-05-01',
      合计户数: 3,
      经办人: '李会计',
      制表日期: '2024-05-02',
      户: households(3),
    });
    const ws = out.getWorksheet('台账')!;
    expect(ws.getCell('A1').value).toBe('榆次区监测对象台账');
    expect(ws.getCell('A2').value).toBe('统计日期：2024年5月1日');
    expect([4, 5, 6].map((r) => ws.getCell(r, 1).value)).toEqual([1, 2, 3]);
    expect(ws.getCell('B6').value).toBe('户主3');
    expect(ws.getCell('E5').value).toBe(5100.5);
    expect(ws.getCell('E5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B5').border).toMatchObject({ top: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell('B5').font).toMatchObject({ name: '宋体', size: 10 });
    expect(ws.getRow(5).height).toBe(20);
    expect(ws.getCell('A7').value).toBe('合计：3 户');
    expect(ws.getCell('A8').value).toBe('填表人：李会计');
    expect(ws.getCell('C8').value).toBe('日期：2024年5月2日');
    expect(ws.model.merges.sort()).toEqual(['A1:E1', 'A8:B8', 'C3:D3', 'C4:D4', 'C5:D5', 'C6:D6'].sort());
    expect(ws.getColumn(2).width).toBe(12);
    expect(ws.getRow(1).height).toBe(36);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      printTitlesRow: '3:3',
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(validationsOf(ws).E4 ?? validationsOf(ws)['E4:E6']).toBeDefined();
    expect(validationsOf(ws).E6 ?? validationsOf(ws)['E4:E6']).toMatchObject({ type: 'list' });
    expect(allText(out)).not.toContain('{{');
  });

  it('an empty list leaves no row; blank values leave blank cells', async () => {
    const out = await render(ledgerTemplate(), SHAPE, { 县名: '榆次区', 户: [] });
    const ws = out.getWorksheet('台账')!;
    expect(ws.getCell('A4').value).toBe('合计： 户');
    expect(ws.getCell('A5').value).toBe('填表人：');
    expect(ws.model.merges.sort()).toEqual(['A1:E1', 'A5:B5', 'C3:D3'].sort());
    expect(allText(out)).not.toContain('{{');
  });

  it('grows a wrapped row to fit long text', async () => {
    const wb = ledgerTemplate();
    wb.getWorksheet('台账')!.getCell('C4').alignment = { wrapText: true };
    const out = await render(wb, SHAPE, {
      户: [
        {
          户主姓名: '甲',
          风险类型: '因病、因残、因学、因自然灾害（洪涝）、因意外事故、因产业项目失败、因务工就业不稳',
        },
      ],
    });
    expect(out.getWorksheet('台账')!.getRow(4).height).toBeGreaterThan(40);
  });

  it('pads a list to its minimum rows and keeps the rows below', async () => {
    const wb = ledgerTemplate();
    wb.getWorksheet('台账')!.getCell('A4').value = '{{#至少 5 行}}{{户.序号}}';
    const out = await render(wb, SHAPE, { 户: households(2) });
    const ws = out.getWorksheet('台账')!;
    expect([4, 5, 6, 7, 8].map((r) => ws.getCell(r, 1).value)).toEqual([1, 2, null, null, null]);
    expect(ws.getCell('A8').border).toMatchObject({ bottom: { style: 'thin' } });
    expect(ws.getCell('A9').value).toBe('合计： 户');
  });

  it('one form per item, stacked with page breaks (#分页), with a nested list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表', { pageSetup: { paperSize: 9, orientation: 'portrait', printTitlesRow: '1:1' } });
    ws.getCell('A1').value = '附件2{{#分页 户}}';
    ws.mergeCells('A2:C2');
    ws.getCell('A2').value = '{{户主姓名}}家基本情况（{{户.户编号}}）';
    ws.getRow(3).values = ['{{成员.序号}}', '{{成员.姓名}}', '{{成员.年龄}}'];
    ws.getCell('A4').value = '农户（签字）：          信息采集员（签字）：';
    const shape: Shape = {
      fields: ['县名'],
      lists: { 户: { fields: ['户主姓名', '户编号'], lists: { 成员: { fields: ['姓名', '年龄'] } } } },
    };
    const out = await render(wb, shape, {
      户: [
        {
          户主姓名: '张三',
          户编号: '001',
          成员: [
            { 姓名: '张三', 年龄: 50 },
            { 姓名: '李四', 年龄: 48 },
          ],
        },
        { 户主姓名: '王五', 户编号: '002', 成员: [{ 姓名: '王五', 年龄: 70 }] },
      ],
    });
    const o = out.getWorksheet('表')!;
    const col = (c: number, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => o.getCell(from + i, c).value);
    expect(col(1, 1, 9)).toEqual([
      '附件2',
      '张三家基本情况（001）',
      1,
      2,
      '农户（签字）：          信息采集员（签字）：',
      '附件2',
      '王五家基本情况（002）',
      1,
      '农户（签字）：          信息采集员（签字）：',
    ]);
    expect(o.model.merges.sort()).toEqual(['A2:C2', 'A7:C7']);
    expect(o.pageSetup.printTitlesRow).toBeUndefined();
    expect(await sheetXml(lastFile, 1)).toMatch(
      /<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"\/><\/rowBreaks>/,
    );
  });

  it('one worksheet per item (#分表) named after a field, unique and valid', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = '{{#分表 户 户主姓名}}{{户主姓名}}';
    const out = await render(
      wb,
      { fields: [], lists: { 户: { fields: ['户主姓名'] } } },
      { 户: [{ 户主姓名: '张三' }, { 户主姓名: '张三' }, { 户主姓名: '王/五' }] },
    );
    const names: string[] = [];
    out.eachSheet((s) => names.push(s.name));
    expect(names).toEqual(['张三', '张三(2)', '王_五']);
    expect(out.getWorksheet('张三(2)')!.getCell('A1').value).toBe('张三');
  });

  it('unknown placeholders are an error naming the sheet and the cell', () => {
    const wb = ledgerTemplate();
    wb.getWorksheet('台账')!.getCell('B4').value = '{{户.户主名}}';
    wb.getWorksheet('台账')!.getCell('A2').value = '{{单位名称}}';
    let error: unknown;
    try {
      compileWorkbook(wb, '/x/测试模板.xlsx', SHAPE);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FpjcError);
    const e = error as FpjcError;
    expect(e.code).toBe('TEMPLATE');
    expect(e.message).toContain('测试模板.xlsx');
    expect(e.message).toContain('工作表「台账」单元格 B4');
    expect(e.message).toContain('{{户.户主名}}');
    expect(e.message).toContain('单元格 A2');
    expect(e.details?.problems).toHaveLength(2);
  });

  it('rejects a merge across the edge of a repeated row, two lists in a row, and unknown lists', () => {
    const a = ledgerTemplate();
    a.getWorksheet('台账')!.mergeCells('E4:E5');
    expect(() => compileWorkbook(a, 't.xlsx', SHAPE)).toThrow(/合并单元格跨过了重复行/);
    const b = ledgerTemplate();
    b.getWorksheet('台账')!.getCell('A4').value = '{{成员.姓名}}';
    expect(() =>
      compileWorkbook(b, 't.xlsx', { ...SHAPE, lists: { ...SHAPE.lists, 成员: { fields: ['姓名'] } } }),
    ).toThrow(/两个列表/);
    const c = ledgerTemplate();
    c.getWorksheet('台账')!.getCell('A4').value = '{{人.姓名}}';
    expect(() => compileWorkbook(c, 't.xlsx', SHAPE)).toThrow(/未知的列表「人」/);
  });

  it('escapes text for XML, drops control characters, keeps formulas and rich text of the template', async () => {
    const wb = ledgerTemplate();
    const ws = wb.getWorksheet('台账')!;
    ws.getCell('D5').value = { formula: 'SUM(E4:E4)' } as ExcelJS.CellFormulaValue;
    ws.getCell('A7').value = { richText: [{ text: '审核：', font: { bold: true } }, { text: '乡镇' }] };
    const out = await render(wb, SHAPE, {
      户: [{ 户主姓名: '张<三>&李\u0007四', 风险类型: '=1+1', 人均纯收入: 1 }],
    });
    const o = out.getWorksheet('台账')!;
    expect(o.getCell('B4').value).toBe('张<三>&李四');
    expect(o.getCell('C4').value).toBe('=1+1');
    expect(o.getCell('D5').value).toMatchObject({ formula: 'SUM(E4:E4)' });
    expect(o.getCell('A7').value).toMatchObject({ richText: [{ text: '审核：' }, { text: '乡镇' }] });
    expect(o.getCell('A6').value).toBe('填表人：');
  });

  it('streams a long list with bounded work per row', async () => {
    const n = 5000;
    const lazy: Iterable<Item> = {
      *[Symbol.iterator]() {
        for (let i = 0; i < n; i++) yield { 户主姓名: `户主${i}`, 风险类型: '因病', 人均纯收入: i };
      },
    };
    const out = await render(ledgerTemplate(), SHAPE, { 户: lazy });
    const ws = out.getWorksheet('台账')!;
    expect(ws.getCell(3 + n, 1).value).toBe(n);
    expect(ws.model.merges).toHaveLength(n + 3);
  });
});

describe('what the template says is what prints', () => {
  it('writes centring, every column width (9 too), per-sheet page numbers and the template default font', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表', {
      pageSetup: { paperSize: 9, horizontalCentered: true, firstPageNumber: 1 },
      headerFooter: { oddFooter: '&C{{县名}} 第 &P 页' },
    });
    ws.columns = [{ width: 9 }, { width: 12 }];
    ws.getCell('A1').value = '{{县名}}';
    const tpl = compileWorkbook(wb, '测试模板.xlsx', { fields: ['县名'] }, { name: '宋体', size: 11 });
    const file = path.join(tempDir('引擎'), '输出.xlsx');
    await renderToFile(tpl, { 县名: 'A&B县' }, file);
    const xml = await sheetXml(file, 1);
    expect(xml).toContain('<printOptions horizontalCentered="1"/>');
    expect(xml).toMatch(/<col min="1" max="1" width="9" customWidth="1"\/>/);
    expect(xml).toMatch(/<col min="2" max="2" width="12"/);
    expect(xml).toMatch(/firstPageNumber="1" useFirstPageNumber="1"/);
    expect(xml).toContain('A&amp;&amp;B县 第 &amp;P 页');
    const styles = await zipEntry(file, 'xl/styles.xml');
    expect(/<fonts[^>]*><font>([\s\S]*?)<\/font>/.exec(styles)?.[1]).toContain('<name val="宋体"/>');
  });

  it('breaks a wrapped value between items, never inside one; unlocked cells keep their text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.columns = [{ width: 18 }, { width: 18 }];
    ws.getCell('A1').value = '{{户.风险类型}}';
    ws.getCell('B1').value = '{{户.风险类型}}';
    for (const c of ['A1', 'B1']) ws.getCell(c).alignment = { wrapText: true };
    ws.getCell('B1').protection = { locked: false };
    const value = '因病、因产业项目失败、因自然灾害（洪涝）';
    const out = await render(
      wb,
      { fields: [], lists: { 户: { fields: ['风险类型'] } } },
      { 户: [{ 风险类型: value }] },
    );
    const lines = String(out.worksheets[0]!.getCell('A1').value).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines)
      expect(['因病、', '因产业项目失败、', '因自然灾害', '（洪涝）', '因病、因产业项目失败、']).toContain(l);
    expect(lines.join('')).toBe(value);
    expect(out.worksheets[0]!.getCell('B1').value).toBe(value);
    expect(out.worksheets[0]!.getRow(1).height).toBeGreaterThan(15);
  });

  it('{{#加空行 N}} leaves N blank rows after the items; {{#换页}} starts a printed page', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = '{{#分页 户}}{{户主姓名}}';
    ws.getCell('A2').value = '{{#至少 2 行}}{{#加空行 2}}{{成员.姓名}}';
    ws.getCell('A3').value = '{{#换页}}续：{{户主姓名}}';
    const shape: Shape = {
      fields: [],
      lists: { 户: { fields: ['户主姓名'], lists: { 成员: { fields: ['姓名'] } } } },
    };
    const data = {
      户: [
        { 户主姓名: '甲', 成员: [{ 姓名: '甲' }, { 姓名: '乙' }, { 姓名: '丙' }] },
        { 户主姓名: '丁', 成员: [] },
      ],
    };
    const out = (await render(wb, shape, data)).worksheets[0]!;
    // 甲: title, 3 members + 2 blank, 续; 丁: title, 2 blank (at least 2), 续
    expect(out.getCell('A7').value).toBe('续：甲');
    expect(out.getCell('A8').value).toBe('丁');
    expect(out.getCell('A11').value).toBe('续：丁');
    const breaks = [...(await sheetXml(lastFile, 1)).matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks.sort((a, b) => a - b)).toEqual([6, 7, 10]);
  });

  it('a conditional fill follows the repeated rows; single values fill page headers and footers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表', { headerFooter: { oddHeader: '&L{{县名}}台账' } });
    ws.getCell('A2').value = '{{户.颜色}}';
    ws.addConditionalFormatting({
      ref: 'A2',
      rules: [
        {
          type: 'expression',
          formulae: ['A2="红色"'],
          priority: 1,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } },
        },
      ],
    });
    await render(
      wb,
      { fields: ['县名'], lists: { 户: { fields: ['颜色'] } } },
      {
        县名: '榆次区',
        户: [{ 颜色: '红色' }, { 颜色: '黄色' }],
      },
    );
    const xml = await sheetXml(lastFile, 1);
    expect(xml).toContain('<conditionalFormatting sqref="A2:A3">');
    expect(xml).toContain('A2=&quot;红色&quot;');
    expect(xml).toContain('榆次区台账');
  });
});
