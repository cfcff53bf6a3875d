import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ALERT_RESULTS, exportFields, MEMBERS } from '../../../src/domain/fields.js';
import { TEMPLATE_BUILDERS } from '../../../src/reports/forms.js';
import { builtInTemplatesDir } from '../../../src/reports/paths.js';
import { REPORTS } from '../../../src/reports/registry.js';
import { compileWorkbook } from '../../../src/reports/template.js';
import { tempDir, validationsOf } from './fixture.js';

const TEMPLATES = builtInTemplatesDir();

/** What must not change between the generator and the committed file: values, merges, layout, print setup, fonts, borders. */
function describeWorkbook(wb: ExcelJS.Workbook): unknown {
  const sheets: unknown[] = [];
  wb.eachSheet((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells[cell.address] = {
          v: cell.type === ExcelJS.ValueType.Merge ? null : (cell.value ?? null),
          f: cell.font ? [cell.font.name, cell.font.size, Boolean(cell.font.bold)] : null,
          b: cell.border ? Object.keys(cell.border).sort() : null,
          a: cell.alignment ? [cell.alignment.horizontal, Boolean(cell.alignment.wrapText)] : null,
          n: cell.numFmt ?? null,
        };
      }),
    );
    const heights: (number | undefined)[] = [];
    for (let r = 1; r <= ws.rowCount; r++) heights.push(ws.getRow(r).height);
    const p = ws.pageSetup;
    sheets.push({
      name: ws.name,
      cells,
      merges: [...ws.model.merges].sort(),
      widths: Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width),
      heights,
      page: [
        p.paperSize,
        p.orientation,
        p.printTitlesRow,
        p.printTitlesColumn,
        p.fitToPage,
        p.fitToWidth,
        p.fitToHeight,
        JSON.stringify(p.margins),
      ],
      footer: ws.headerFooter?.oddFooter ?? null,
      validations: validationsOf(ws),
    });
  });
  return sheets;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('built-in templates', () => {
  it('every report has its template file, and every generated template belongs to a report', () => {
    const files = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith('.xlsx'));
    expect(files.sort()).toEqual(Object.keys(TEMPLATE_BUILDERS).sort());
    for (const r of REPORTS) expect(files, r.id).toContain(r.template);
  });

  for (const [name, build] of Object.entries(TEMPLATE_BUILDERS)) {
    it(`templates/${name} is what the generator draws (run npm run templates after changing a form)`, async () => {
      const generated = new ExcelJS.Workbook();
      const tmp = path.join(tempDir('模板'), name);
      await build().xlsx.writeFile(tmp);
      await generated.xlsx.readFile(tmp);
      const committed = await load(path.join(TEMPLATES, name));
      expect(describeWorkbook(committed)).toEqual(describeWorkbook(generated));
    });
  }

  for (const r of REPORTS) {
    it(`${r.template} uses only names that report ${r.id} provides, and prints on A4`, async () => {
      const wb = await load(path.join(TEMPLATES, r.template));
      const compiled = compileWorkbook(wb, r.template, r.shape);
      for (const sheet of compiled.sheets) {
        expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
        expect(['portrait', 'landscape']).toContain(sheet.pageSetup.orientation);
        if (!sheet.perItem)
          expect(sheet.pageSetup.printTitlesRow, `${sheet.name} repeats its header rows`).toMatch(/^\d+:\d+$/);
        expect(sheet.segments.some((s) => s.kind === 'band') || sheet.perItem, `${sheet.name} has a list`).toBeTruthy();
      }
    });
  }

  it('the alerts form header is exactly what `import alerts --results` reads, with nothing below the list', async () => {
    const ws = (await load(path.join(TEMPLATES, '预警核查反馈表.xlsx'))).worksheets[0]!;
    const rowCount = ws.rowCount;
    const headerRow = [...Array(15).keys()]
      .map((i) => ws.findRow(i + 1))
      .find((row) => row && (row.values as unknown[]).includes('核实结果'))!;
    const headers = (headerRow.values as unknown[])
      .filter((v): v is string => typeof v === 'string')
      .map((h) => h.replace(/\s+/g, ''));
    const known = new Set([
      ...ALERT_RESULTS.fields.flatMap((f) => [f.header, ...(f.aliases ?? [])]),
      ...(ALERT_RESULTS.ignored ?? []),
    ]);
    for (const h of headers) expect(known.has(h), `${h} is read or ignored by the importer`).toBe(true);
    for (const f of ALERT_RESULTS.fields) expect(headers, f.header).toContain(f.header);
    expect(rowCount).toBe(headerRow.number + 1);
  });

  it('the roster header is the members import format, with nothing below the list', async () => {
    const ws = (await load(path.join(TEMPLATES, '家庭成员花名册.xlsx'))).worksheets[0]!;
    const rowCount = ws.rowCount;
    const headerRow = [...Array(15).keys()]
      .map((i) => ws.findRow(i + 1))
      .find((row) => row && (row.values as unknown[]).includes('证件号码'))!;
    // header lines are broken between words; the importer ignores line breaks
    const headers = (headerRow.values as unknown[])
      .filter((v): v is string => typeof v === 'string')
      .map((h) => h.replace(/\s+/g, ''));
    for (const f of exportFields(MEMBERS)) expect(headers, f.header).toContain(f.header);
    const ignored = new Set(MEMBERS.ignored);
    for (const h of headers.filter((x) => !exportFields(MEMBERS).some((f) => f.header === x)))
      expect(ignored.has(h), h).toBe(true);
    expect(rowCount).toBe(headerRow.number + 1);
  });
});
