import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { FpjcError } from '../domain/errors.js';
import {
  type Directive,
  hasPlaceholder,
  type Placeholder,
  parseCellText,
  type Segment,
  SyntaxProblem,
} from './syntax.js';

/**
 * Template compiler: reads a template workbook with exceljs (templates are small), finds its
 * placeholders, checks every one against the data a report provides, and turns each sheet into
 * static rows and repeated bands ready for the streaming renderer (render.ts).
 */

/** The names a report provides: single values, and lists whose items have their own names. */
export interface Shape {
  fields: readonly string[];
  lists?: Readonly<Record<string, Shape>>;
}

/** Every list item also has 序号 (1, 2, 3 …), numbered by the engine. */
export const ORDINAL = '序号';

export type CellPart = { kind: 'text'; text: string } | Placeholder;

export interface CellTpl {
  col: number;
  style: Partial<ExcelJS.Style>;
  /** A cell without placeholders: its value is copied as is. */
  value: ExcelJS.CellValue;
  /** A cell with placeholders (directives removed). */
  parts: CellPart[] | undefined;
  /** The cell is exactly one placeholder: numbers stay numbers. */
  alone: boolean;
  /** Styles with a number format added, by format (cached so the writer dedups them by identity). */
  numFmtStyles: Map<string, Partial<ExcelJS.Style>>;
}

export interface RowTpl {
  r: number;
  /** `{{#换页}}`: a printed page starts at this row. */
  pageBreakBefore: boolean;
  height: number | undefined;
  hidden: boolean;
  cells: CellTpl[];
}

export type SegmentTpl =
  | { kind: 'static'; first: number; last: number }
  | { kind: 'band'; first: number; last: number; list: string; minRows: number; extraRows: number };

export interface MergeTpl {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ValidationTpl {
  row: number;
  col: number;
  validation: ExcelJS.DataValidation;
}

export interface SheetTpl {
  name: string;
  rows: Map<number, RowTpl>;
  lastRow: number;
  segments: SegmentTpl[];
  /** Merges of each segment (same index as `segments`). */
  merges: MergeTpl[][];
  columns: { width: number | undefined; hidden: boolean; style: Partial<ExcelJS.Style> | undefined }[];
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter> | undefined;
  views: Partial<ExcelJS.WorksheetView>[];
  properties: Partial<ExcelJS.WorksheetProperties>;
  validations: ValidationTpl[];
  /** 条件格式 (e.g. the 三色预警 fill): each applies to the rows written from the template rows it covers. */
  conditionalFormats: { range: MergeTpl; rules: ExcelJS.ConditionalFormattingRule[] }[];
  /** One form per item of a list (`{{#分页 户}}` / `{{#分表 户 户主姓名}}`). */
  perItem: { mode: '分页' | '分表'; list: string; sheetName: string | undefined } | undefined;
}

export interface CompiledTemplate {
  file: string;
  sheets: SheetTpl[];
  /**
   * The workbook's default font (styles.xml font 0, the 常规 style): Excel and WPS measure
   * column widths in digits of this font, so the output keeps it.
   */
  defaultFont: DefaultFont;
}

export interface DefaultFont {
  name: string;
  size: number;
}

/** What exceljs writes when a template says nothing (and what the built-in templates use). */
export const CALIBRI_11: DefaultFont = { name: 'Calibri', size: 11 };

export interface TemplateProblem {
  sheet: string;
  cell: string;
  placeholder: string;
  message: string;
}

const colLetter = (c: number): string => {
  let s = '';
  let n = c;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
export const cellAddress = (r: number, c: number): string => `${colLetter(c)}${r}`;

/** The text of a template cell, for placeholder detection (rich text runs joined). */
function cellText(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return undefined;
}

/** Read and compile a template file for a report's shape. Throws FpjcError('TEMPLATE') with every problem. */
export async function loadTemplate(file: string, shape: Shape): Promise<CompiledTemplate> {
  if (!fs.existsSync(file)) {
    throw new FpjcError('FILE_NOT_FOUND', `找不到报表模板「${file}」。请检查 --templates 文件夹，或重新安装 fpjc。`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (err) {
    throw new FpjcError(
      'TEMPLATE',
      `无法读取报表模板「${file}」：它不是有效的 .xlsx 文件（请用 Excel/WPS 另存为 .xlsx 格式）。`,
      {
        cause: err,
      },
    );
  }
  return compileWorkbook(wb, file, shape, await readDefaultFont(file));
}

/** Font 0 of the file's styles.xml (exceljs reads it but does not keep it). */
export async function readDefaultFont(file: string): Promise<DefaultFont> {
  const xml = await readZipEntry(file, 'xl/styles.xml').catch(() => undefined);
  const font = xml ? /<fonts\b[^>]*>\s*<font\b[^>]*>([\s\S]*?)<\/font>/.exec(xml)?.[1] : undefined;
  if (!font) return CALIBRI_11;
  const name = /<name\s+val="([^"]+)"/.exec(font)?.[1];
  const size = Number(/<sz\s+val="([^"]+)"/.exec(font)?.[1]);
  return {
    name: name ? decodeXml(name) : CALIBRI_11.name,
    size: Number.isFinite(size) && size > 0 ? size : CALIBRI_11.size,
  };
}

const decodeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e]!;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });

function readZipEntry(file: string, name: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => {
        if (!found) resolve(undefined);
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export function compileWorkbook(
  wb: ExcelJS.Workbook,
  file: string,
  shape: Shape,
  defaultFont: DefaultFont = CALIBRI_11,
): CompiledTemplate {
  const problems: TemplateProblem[] = [];
  const sheets: SheetTpl[] = [];
  wb.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    sheets.push(compileSheet(ws, shape, problems));
  });
  if (sheets.length === 0) problems.push({ sheet: '', cell: '', placeholder: '', message: '模板中没有可见的工作表' });
  if (problems.length > 0) throw templateError(file, problems);
  return { file, sheets, defaultFont };
}

function templateError(file: string, problems: TemplateProblem[]): FpjcError {
  const name = path.basename(file);
  const lines = problems
    .slice(0, 5)
    .map((p) => `工作表「${p.sheet}」单元格 ${p.cell}${p.placeholder ? ` 的「${p.placeholder}」` : ''}：${p.message}`);
  const more = problems.length > 5 ? `\n  ……共 ${problems.length} 处问题` : '';
  return new FpjcError('TEMPLATE', `报表模板「${name}」有问题，请改正后再用：\n  ${lines.join('\n  ')}${more}`, {
    details: { template: file, problems },
  });
}

interface RawCell {
  cell: ExcelJS.Cell;
  segments: Segment[] | undefined;
}

function compileSheet(ws: ExcelJS.Worksheet, shape: Shape, problems: TemplateProblem[]): SheetTpl {
  const sheet = ws.name;
  const raw = new Map<number, { row: ExcelJS.Row; cells: RawCell[] }>();
  let lastRow = 0;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      let segments: Segment[] | undefined;
      const text = cell.type === ExcelJS.ValueType.Merge ? undefined : cellText(cell);
      if (text !== undefined && (hasPlaceholder(text) || text.includes('}}'))) {
        try {
          segments = parseCellText(text);
        } catch (err) {
          if (!(err instanceof SyntaxProblem)) throw err;
          problems.push({ sheet, cell: cell.address, placeholder: err.raw, message: err.message });
        }
      }
      cells.push({ cell, segments });
    });
    raw.set(r, { row, cells });
    lastRow = Math.max(lastRow, r);
  });
  lastRow = Math.max(lastRow, ws.rowCount);

  // Directives: one per-item directive per sheet; 至少 N 行 per row.
  let perItem: SheetTpl['perItem'];
  const minRowsByRow = new Map<number, number>();
  const extraRowsByRow = new Map<number, number>();
  const breakRows = new Set<number>();
  for (const [r, { cells }] of raw) {
    for (const c of cells) {
      for (const s of c.segments ?? []) {
        if (s.kind !== 'directive') continue;
        const d: Directive = s.directive;
        if (d.kind === 'perItem') {
          if (perItem) {
            problems.push({
              sheet,
              cell: c.cell.address,
              placeholder: d.raw,
              message: '一张工作表只能有一个「#分页」或「#分表」指令',
            });
          } else if (!shape.lists?.[d.list]) {
            problems.push({
              sheet,
              cell: c.cell.address,
              placeholder: d.raw,
              message: `未知的列表「${d.list}」。${listHint(shape)}`,
            });
          } else {
            perItem = { mode: d.mode, list: d.list, sheetName: d.sheetName };
            const item = shape.lists[d.list]!;
            if (d.sheetName && !item.fields.includes(d.sheetName) && d.sheetName !== ORDINAL) {
              problems.push({
                sheet,
                cell: c.cell.address,
                placeholder: d.raw,
                message: `列表「${d.list}」中没有「${d.sheetName}」`,
              });
            }
          }
        } else if (d.kind === 'minRows') {
          minRowsByRow.set(r, d.rows);
        } else if (d.kind === 'extraRows') {
          extraRowsByRow.set(r, d.rows);
        } else {
          breakRows.add(r);
        }
      }
    }
  }

  // Names visible in this sheet: the per-item list's fields first, then the report's single values.
  const itemShape = perItem ? shape.lists?.[perItem.list] : undefined;
  const singles = new Set<string>([...(itemShape?.fields ?? []), ...(itemShape ? [ORDINAL] : []), ...shape.fields]);
  const listShape = (name: string): Shape | undefined => itemShape?.lists?.[name] ?? shape.lists?.[name];

  // Which list each row repeats for.
  const rowList = new Map<number, string>();
  for (const [r, { cells }] of raw) {
    for (const c of cells) {
      for (const s of c.segments ?? []) {
        if (s.kind !== 'value') continue;
        if (s.list === undefined) {
          if (!singles.has(s.name)) {
            problems.push({
              sheet,
              cell: c.cell.address,
              placeholder: s.raw,
              message: `未知的占位符。${nameHint([...singles])}`,
            });
          }
          continue;
        }
        if (perItem && s.list === perItem.list) {
          // {{户.户主姓名}} inside a per-household form means the current household
          if (!singles.has(s.name)) {
            problems.push({
              sheet,
              cell: c.cell.address,
              placeholder: s.raw,
              message: `列表「${s.list}」中没有「${s.name}」。${nameHint([...(itemShape?.fields ?? [])])}`,
            });
          }
          continue;
        }
        const ls = listShape(s.list);
        if (!ls) {
          problems.push({
            sheet,
            cell: c.cell.address,
            placeholder: s.raw,
            message: `未知的列表「${s.list}」。${listHint(itemShape ?? shape)}`,
          });
          continue;
        }
        if (!ls.fields.includes(s.name) && s.name !== ORDINAL) {
          problems.push({
            sheet,
            cell: c.cell.address,
            placeholder: s.raw,
            message: `列表「${s.list}」中没有「${s.name}」。${nameHint([ORDINAL, ...ls.fields])}`,
          });
        }
        const other = rowList.get(r);
        if (other !== undefined && other !== s.list) {
          problems.push({
            sheet,
            cell: c.cell.address,
            placeholder: s.raw,
            message: `同一行里用了两个列表（「${other}」和「${s.list}」），一行只能对应一个列表`,
          });
        } else {
          rowList.set(r, s.list);
        }
      }
    }
  }
  for (const r of new Set([...minRowsByRow.keys(), ...extraRowsByRow.keys()])) {
    if (!rowList.has(r)) {
      problems.push({
        sheet,
        cell: `第 ${r} 行`,
        placeholder: '{{#至少 N 行}}',
        message: '「至少 N 行」「加空行 N」要写在含有列表占位符（如 {{成员.姓名}}）的行里',
      });
    }
  }

  // Page headers and footers may hold single values (e.g. the 地区 in a roster's page header).
  for (const [part, text] of Object.entries(ws.headerFooter ?? {})) {
    if (typeof text !== 'string' || !hasPlaceholder(text)) continue;
    try {
      for (const seg of parseCellText(text)) {
        if (seg.kind === 'text') continue;
        if (seg.kind === 'directive' || seg.list !== undefined || !singles.has(seg.name)) {
          problems.push({
            sheet,
            cell: `页眉页脚（${part}）`,
            placeholder: seg.kind === 'directive' ? seg.directive.raw : seg.raw,
            message: `页眉页脚里只能用单个的值。${nameHint([...singles])}`,
          });
        }
      }
    } catch (err) {
      if (!(err instanceof SyntaxProblem)) throw err;
      problems.push({ sheet, cell: `页眉页脚（${part}）`, placeholder: err.raw, message: err.message });
    }
  }

  // Segments: runs of rows of the same list form a band; everything else is static.
  const segments: SegmentTpl[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const list = rowList.get(r);
    const prev = segments[segments.length - 1];
    if (list === undefined) {
      if (prev?.kind === 'static') prev.last = r;
      else segments.push({ kind: 'static', first: r, last: r });
    } else if (prev?.kind === 'band' && prev.list === list && prev.last === r - 1) {
      prev.last = r;
      prev.minRows = Math.max(prev.minRows, minRowsByRow.get(r) ?? 0);
      prev.extraRows = Math.max(prev.extraRows, extraRowsByRow.get(r) ?? 0);
    } else {
      segments.push({
        kind: 'band',
        first: r,
        last: r,
        list,
        minRows: minRowsByRow.get(r) ?? 0,
        extraRows: extraRowsByRow.get(r) ?? 0,
      });
    }
  }
  const segmentOf = (r: number): number => segments.findIndex((s) => r >= s.first && r <= s.last);

  // Merges belong to one segment; a merge across a band's edge cannot be repeated.
  const merges: MergeTpl[][] = segments.map(() => []);
  for (const range of ws.model.merges ?? []) {
    const m = parseRange(range);
    if (!m) continue;
    const a = segmentOf(m.top);
    const b = segmentOf(m.bottom);
    if (a < 0 || a !== b) {
      problems.push({
        sheet,
        cell: range,
        placeholder: '',
        message: '合并单元格跨过了重复行的上下边界。请让合并单元格完全在重复行之内或之外',
      });
      continue;
    }
    merges[a]!.push(m);
  }

  const rows = new Map<number, RowTpl>();
  for (const [r, { row, cells }] of raw) {
    rows.set(r, {
      r,
      pageBreakBefore: breakRows.has(r),
      height: row.height || undefined,
      hidden: row.hidden,
      cells: cells.map(({ cell, segments: segs }) => compileCell(cell, segs)),
    });
  }

  const columns: SheetTpl['columns'] = [];
  // columns with a width but no cell count too (columnCount stops at the last cell)
  const lastColumn = Math.max(ws.columnCount, ws.columns?.length ?? 0);
  for (let c = 1; c <= lastColumn; c++) {
    const col = ws.getColumn(c);
    const style = col.style && Object.keys(col.style).length > 0 ? col.style : undefined;
    columns.push({ width: col.width, hidden: col.hidden, style });
  }

  const validations: ValidationTpl[] = [];
  const dv =
    (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation | undefined> } })
      .dataValidations?.model ?? {};
  for (const [addr, validation] of Object.entries(dv)) {
    if (!validation) continue;
    const range = parseRange(addr);
    if (!range) continue;
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) validations.push({ row: r, col: c, validation });
    }
  }

  return {
    name: sheet,
    rows,
    lastRow,
    segments,
    merges,
    columns,
    pageSetup: { ...ws.pageSetup },
    headerFooter: ws.headerFooter ? { ...ws.headerFooter } : undefined,
    views: (ws.views ?? []).map((v) => ({ ...v })),
    properties: { ...ws.properties },
    validations,
    conditionalFormats: (
      (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ??
      []
    ).flatMap((cf) => {
      const range = parseRange(cf.ref.split(/\s+/)[0] ?? '');
      return range ? [{ range, rules: cf.rules }] : [];
    }),
    perItem,
  };
}

function compileCell(cell: ExcelJS.Cell, segments: Segment[] | undefined): CellTpl {
  const style = cell.style ?? {};
  const base = { col: Number(cell.col), style, numFmtStyles: new Map<string, Partial<ExcelJS.Style>>() };
  if (cell.type === ExcelJS.ValueType.Merge) return { ...base, value: null, parts: undefined, alone: false };
  if (!segments) {
    let value = cell.value;
    if (value && typeof value === 'object' && 'formula' in value && value.formula)
      value = { formula: value.formula } as ExcelJS.CellFormulaValue;
    else if (value && typeof value === 'object' && 'sharedFormula' in value)
      value = (value as { result?: ExcelJS.CellValue }).result ?? null;
    return { ...base, value, parts: undefined, alone: false };
  }
  const parts = segments.filter((s): s is CellPart => s.kind !== 'directive');
  const alone = parts.length === 1 && parts[0]!.kind === 'value';
  return { ...base, value: null, parts, alone };
}

const RANGE = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/;
const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

export function parseRange(range: string): MergeTpl | undefined {
  const m = RANGE.exec(range.trim());
  if (!m) return undefined;
  const left = colNumber(m[1]!);
  const top = Number(m[2]);
  const right = m[3] ? colNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

export const rangeText = (m: MergeTpl): string =>
  m.top === m.bottom && m.left === m.right
    ? cellAddress(m.top, m.left)
    : `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`;

function nameHint(names: string[]): string {
  const shown = names.slice(0, 40).map((n) => `{{${n}}}`);
  return `可用的名称：${shown.join('、')}${names.length > 40 ? ' ……' : ''}`;
}

function listHint(shape: Shape): string {
  const lists = Object.keys(shape.lists ?? {});
  return lists.length ? `可用的列表：${lists.join('、')}` : '这张报表没有列表。';
}
