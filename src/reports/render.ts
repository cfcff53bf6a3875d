import fs from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { applyFormat, type Scalar } from './format.js';
import { hasPlaceholder, parseCellText } from './syntax.js';
import {
  type CellTpl,
  type CompiledTemplate,
  cellAddress,
  type DefaultFont,
  type MergeTpl,
  ORDINAL,
  parseRange,
  type RowTpl,
  rangeText,
  type SheetTpl,
} from './template.js';
import { breakLines, digitPx, textEms } from './text-fit.js';

/**
 * The streaming renderer: writes a compiled template filled with a report's data through
 * exceljs's streaming WorkbookWriter, row by row, committing each row as soon as it is written.
 * Every few hundred rows it yields to the event loop and waits while the zip has more than a few
 * MB of sheet XML left to compress (exceljs itself ignores backpressure, so memory would grow
 * with the file). Styles are shared objects from the template, so the writer's style table
 * dedups them by identity; shared strings are off. Merges are pushed straight into the writer's
 * list as range text. Values are written as values: text starting with = stays text.
 */

/** One item of a list: values by name, and nested lists. */
export type Item = { readonly [name: string]: Scalar | Iterable<Item> };
export type ReportData = Item;

export interface RenderResult {
  /** Items written per list name (a list used twice counts once, the largest). */
  items: Record<string, number>;
  sheets: number;
  rows: number;
}

const YIELD_EVERY = 256;
/** Bytes of sheet XML allowed to wait for compression before the writer pauses. */
const BACKLOG = 8 * 1024 * 1024;
const DEFAULT_WIDTH = 9;

const isList = (v: unknown): v is Iterable<Item> =>
  v !== null &&
  typeof v === 'object' &&
  typeof (v as Iterable<Item>)[Symbol.iterator] === 'function' &&
  typeof v !== 'string';

interface Ctx {
  root: Item;
  block: Item | undefined;
  blockList: string | undefined;
  blockIndex: number | undefined;
  band: Item | undefined;
  bandIndex: number | undefined;
}

function lookup(ctx: Ctx, list: string | undefined, name: string): Scalar {
  if (list !== undefined && list !== ctx.blockList) {
    if (!ctx.band) return null;
    const v = ctx.band[name];
    if (v === undefined && name === ORDINAL) return ctx.bandIndex;
    return isList(v) ? null : v;
  }
  if (ctx.block) {
    const v = ctx.block[name];
    if (v !== undefined && !isList(v)) return v;
    if (name === ORDINAL) return ctx.blockIndex;
    if (list !== undefined) return null;
  }
  const v = ctx.root[name];
  return isList(v) ? null : v;
}

/** The list a band repeats: the current form's own list first, then the report's. */
function listOf(ctx: Ctx, name: string): Iterable<Item> {
  const v = ctx.block?.[name] ?? ctx.root[name];
  return isList(v) ? v : [];
}

function fillCell(c: CellTpl, ctx: Ctx): { value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> } {
  if (!c.parts) return { value: c.value, style: c.style };
  if (c.alone) {
    const p = c.parts[0]!;
    if (p.kind !== 'value') return { value: null, style: c.style };
    const f = applyFormat(lookup(ctx, p.list, p.name), p.format, true);
    if (f.numFmt && (!c.style.numFmt || c.style.numFmt === 'General')) {
      let s = c.numFmtStyles.get(f.numFmt);
      if (!s) {
        s = { ...c.style, numFmt: f.numFmt };
        c.numFmtStyles.set(f.numFmt, s);
      }
      return { value: f.value, style: s };
    }
    return { value: f.value, style: c.style };
  }
  let text = '';
  for (const p of c.parts) {
    if (p.kind === 'text') text += p.text;
    else text += applyFormat(lookup(ctx, p.list, p.name), p.format, false).value ?? '';
  }
  return { value: text === '' ? null : text, style: c.style };
}

/** The parts of exceljs's WorksheetWriter the raw row writer uses (exceljs 4.4). */
interface WriterInternals {
  startedData: boolean;
  _rowZero: number;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(data: string): unknown };
  workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number | undefined } };
}

const LETTERS: string[] = [];
/** A, B, … Z, AA … (cached). */
function columnLetters(col: number): string {
  let l = LETTERS[col];
  if (l === undefined) {
    l = cellAddress(1, col).slice(0, -1);
    LETTERS[col] = l;
  }
  return l;
}

// Characters XML 1.0 does not allow (a control character pasted into a name would make Excel
// repair the file).
const XML_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_BAD_ALL = new RegExp(XML_BAD.source, 'g');

function xmlText(s: string): string {
  const t = XML_BAD.test(s) ? s.replace(XML_BAD_ALL, '') : s;
  if (!/[&<>]/.test(t)) return t;
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

class SheetWriter {
  private readonly spans = new Map<CellTpl, number>();
  private readonly validationRuns = new Map<
    string,
    { col: number; validation: ExcelJS.DataValidation; rows: number[] }
  >();
  private readonly validationByCell = new Map<string, ExcelJS.DataValidation>();
  /** Template row → output row, from the first time each row is written (for print titles). */
  readonly firstOutput = new Map<number, number>();
  nextRow = 1;
  rowsWritten = 0;

  /** Pixels of one column-width unit (the default font's digit). */
  private readonly unitPx: number;

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly tpl: SheetTpl,
    private readonly counter: { rows: number },
    font: DefaultFont,
  ) {
    this.unitPx = digitPx(font);
    for (const v of tpl.validations) this.validationByCell.set(`${v.row}:${v.col}`, v.validation);
    // per template cell, once: its drop-down list, and the height its fixed text needs
    for (const row of tpl.rows.values()) {
      for (const c of row.cells) {
        const v = this.validationByCell.get(`${row.r}:${c.col}`);
        if (v) this.validationOf.set(c, v);
        if (!c.parts && typeof c.value === 'string' && c.style.alignment?.wrapText) {
          this.staticHeight.set(c, this.neededHeight(c.value, c.style, this.spanWidth(c, row.r)));
        }
      }
    }
  }

  private readonly validationOf = new Map<CellTpl, ExcelJS.DataValidation>();
  private readonly staticHeight = new Map<CellTpl, number>();

  /** Width (in Excel units) of a template cell, across its merge if it starts one. */
  private spanWidth(c: CellTpl, r: number): number {
    let w = this.spans.get(c);
    if (w !== undefined) return w;
    const width = (col: number): number => this.tpl.columns[col - 1]?.width ?? DEFAULT_WIDTH;
    w = width(c.col);
    for (const seg of this.tpl.merges) {
      for (const m of seg) {
        if (m.top === r && m.left === c.col) {
          w = 0;
          for (let k = m.left; k <= m.right; k++) w += width(k);
        }
      }
    }
    this.spans.set(c, w);
    return w;
  }

  /** Output rows of each conditional format, as runs [first, last]. */
  private readonly formatRuns = new Map<number, [number, number][]>();

  private noteFormats(r: number, out: number): void {
    this.tpl.conditionalFormats.forEach((cf, i) => {
      if (r < cf.range.top || r > cf.range.bottom) return;
      let runs = this.formatRuns.get(i);
      if (!runs) {
        runs = [];
        this.formatRuns.set(i, runs);
      }
      const last = runs[runs.length - 1];
      if (last && last[1] >= out - 1) last[1] = out;
      else runs.push([out, out]);
    });
  }

  async writeRow(t: RowTpl, ctx: Ctx): Promise<number> {
    const out = this.nextRow++;
    if (!this.firstOutput.has(t.r)) this.firstOutput.set(t.r, out);
    if (this.tpl.conditionalFormats.length) this.noteFormats(t.r, out);
    let height = t.height;
    const cells: { c: CellTpl; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[] = [];
    let plain = true;
    for (const c of t.cells) {
      const filled = fillCell(c, ctx);
      let { value } = filled;
      const { style } = filled;
      if (value !== null && value !== undefined && typeof value === 'object' && !('formula' in value && value.formula))
        plain = false;
      if (typeof value === 'string' && style.alignment?.wrapText) {
        let needed = this.staticHeight.get(c) ?? 0;
        if (c.parts) {
          const lines = this.lines(value, style, this.spanWidth(c, t.r));
          // cells a village fills in (unlocked) go back through import: their text stays as stored
          if (lines.length > 1 && style.protection?.locked !== false) value = lines.join('\n');
          needed = lines.length > 1 ? Math.ceil(lines.length * (style.font?.size ?? 11) * 1.5 + 4) : 0;
        }
        if (needed > (height ?? 15)) height = needed;
      }
      cells.push({ c, value, style });
      const v = this.validationOf.get(c);
      if (v) this.noteValidation(c.col, out, v);
    }
    if (plain) this.writeRawRow(out, cells, height, t.hidden);
    else {
      // rich text, dates, hyperlinks copied from a county's template: exceljs writes those
      const row = this.ws.getRow(out);
      for (const { c, value, style } of cells) {
        const cell = row.getCell(c.col);
        if (value !== null && value !== undefined) cell.value = value;
        cell.style = style;
      }
      if (height !== undefined) row.height = height;
      if (t.hidden) row.hidden = true;
      row.commit();
    }
    this.rowsWritten++;
    if (++this.counter.rows % YIELD_EVERY === 0) await this.relieve();
    return out;
  }

  /**
   * One row of text, numbers and formulas as sheet XML, straight into the worksheet's stream.
   * This is what exceljs's Row/Cell objects would write, at a fraction of the cost (the cell
   * objects were two thirds of the time of a form-per-household report); style ids come from the
   * workbook's own style table, so styles.xml stays exceljs's.
   */
  private writeRawRow(
    out: number,
    cells: { c: CellTpl; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[],
    height: number | undefined,
    hidden: boolean,
  ): void {
    const w = this.ws as unknown as WriterInternals;
    if (!w.startedData) {
      w._writeColumns();
      w._writeOpenSheetData();
      w.startedData = true;
    }
    let xml = '';
    for (const { c, value, style } of cells) {
      const ref = `${columnLetters(c.col)}${out}`;
      const sid = this.styleId(style);
      const s = sid ? ` s="${sid}"` : '';
      if (value === null || value === undefined || value === '') {
        if (sid) xml += `<c r="${ref}"${s}/>`;
      } else if (typeof value === 'number') {
        xml += Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : sid ? `<c r="${ref}"${s}/>` : '';
      } else if (typeof value === 'boolean') {
        xml += `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
      } else if (typeof value === 'string') {
        xml += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
      } else {
        xml += `<c r="${ref}"${s}><f>${xmlText(String((value as ExcelJS.CellFormulaValue).formula))}</f></c>`;
      }
    }
    if (!xml && height === undefined && !hidden) {
      w._rowZero = out + 1;
      return;
    }
    const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : '';
    w.stream.write(`<row r="${out}"${ht}${hidden ? ' hidden="1"' : ''}>${xml}</row>`);
    // keep exceljs's row bookkeeping in step, for rows written through it later
    w._rowZero = out + 1;
  }

  private readonly styleIds = new Map<Partial<ExcelJS.Style>, number>();

  private styleId(style: Partial<ExcelJS.Style>): number {
    let id = this.styleIds.get(style);
    if (id === undefined) {
      const styles = (this.ws as unknown as WriterInternals).workbook.styles;
      id = styles.addStyleModel(style, ExcelJS.ValueType.Number) ?? 0;
      this.styleIds.set(style, id);
    }
    return id;
  }

  /**
   * Let the zip catch up. Yielding to the event loop is not enough when rows come faster than
   * they are compressed: exceljs's sheet stream writes into the zip entry without waiting, so
   * the backlog piles up in memory (1.5 GB for a county roster). Wait while the entry's deflate
   * stream holds more than BACKLOG bytes, or while the sheet buffers data the zip has not yet
   * started to read.
   */
  private async relieve(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const sink = (this.ws as unknown as { stream?: { pipes?: Writable[]; buffers?: unknown[] } }).stream;
    for (let i = 0; i < 10_000; i++) {
      const pipe = sink?.pipes?.[0];
      // archiver's streams come from readable-stream 2, which has no writableLength
      const backlog = pipe
        ? (pipe.writableLength ??
          (pipe as unknown as { _writableState?: { length?: number } })._writableState?.length ??
          0)
        : (sink?.buffers?.length ?? 0) * 65536;
      if (backlog <= BACKLOG) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          pipe?.removeListener('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 20);
        pipe?.once('drain', done);
      });
    }
  }

  /** A blank row with the template row's styles (padding of a band, or an empty row). */
  async writeBlank(t: RowTpl | undefined, ctx: Ctx): Promise<number> {
    if (t) return this.writeRow(t, ctx);
    const out = this.nextRow++;
    return out;
  }

  /** Text room of a cell `width` units wide, in em of its font (padding and indent taken off). */
  private roomEms(style: Partial<ExcelJS.Style>, width: number): number {
    const size = style.font?.size ?? 11;
    const em = (size * 96) / 72;
    const px = width * this.unitPx + 5 - 6 - ((style.alignment?.indent ?? 0) * 10 * this.unitPx) / 7;
    const bold = style.font?.bold ? 1.05 : 1;
    return Math.max(em, px) / em / bold;
  }

  /** The printed lines of a wrapped text, broken between items (see text-fit.ts). */
  private lines(text: string, style: Partial<ExcelJS.Style>, width: number): string[] {
    const room = this.roomEms(style, width);
    if (!text.includes('\n') && textEms(text) <= room) return [text];
    return breakLines(text, room);
  }

  /**
   * Row height (points) a wrapped text needs in a cell `width` units wide, or 0 for one line.
   * Lines are spaced 1.5 em (CJK fonts in WPS and LibreOffice space them wider than Excel).
   */
  private neededHeight(text: string, style: Partial<ExcelJS.Style>, width: number): number {
    const size = style.font?.size ?? 11;
    const lines = this.lines(text, style, width).length;
    return lines <= 1 ? 0 : Math.ceil(lines * size * 1.5 + 4);
  }

  merge(m: MergeTpl, offset: number): void {
    const ref = rangeText({ top: m.top + offset, bottom: m.bottom + offset, left: m.left, right: m.right });
    // Pushed straight into the writer's merge list: WorksheetWriter.mergeCells checks every new
    // merge against all earlier ones (quadratic in a long form) and overwrites the styles of the
    // covered cells with the master's, losing the template's borders on merged ranges.
    (this.ws as unknown as { _merges: string[] })._merges.push(ref);
  }

  /** A manual page break below a row (the row is already committed, so not through Row.addPageBreak). */
  pageBreakAfter(outRow: number): void {
    (this.ws as unknown as { rowBreaks: { id: number; max: number; man: number }[] }).rowBreaks.push({
      id: outRow,
      max: 16383,
      man: 1,
    });
  }

  private noteValidation(col: number, row: number, validation: ExcelJS.DataValidation): void {
    const key = `${col}`;
    let run = this.validationRuns.get(key);
    if (!run || run.validation !== validation) {
      if (run) this.flushValidation(run);
      run = { col, validation, rows: [] };
      this.validationRuns.set(key, run);
    }
    run.rows.push(row);
  }

  private flushValidation(run: { col: number; validation: ExcelJS.DataValidation; rows: number[] }): void {
    let start = run.rows[0];
    let prev = start;
    const emit = (a: number, b: number): void => {
      const ref = a === b ? cellAddress(a, run.col) : `${cellAddress(a, run.col)}:${cellAddress(b, run.col)}`;
      (
        this.ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(ref, run.validation);
    };
    for (const r of run.rows.slice(1)) {
      if (r !== (prev ?? 0) + 1) {
        emit(start!, prev!);
        start = r;
      }
      prev = r;
    }
    if (start !== undefined) emit(start, prev!);
    run.rows = [];
  }

  finish(): void {
    for (const run of this.validationRuns.values()) this.flushValidation(run);
    this.validationRuns.clear();
    this.tpl.conditionalFormats.forEach((cf, i) => {
      for (const [top, bottom] of this.formatRuns.get(i) ?? []) {
        const shift = top - cf.range.top;
        this.ws.addConditionalFormatting({
          ref: rangeText({ top, bottom, left: cf.range.left, right: cf.range.right }),
          rules: cf.rules.map((rule) => shiftFormulae(rule, shift)),
        });
      }
    });
  }
}

/** A rule's formulas moved down with its range: relative row references (A5, not A$5) shift. */
function shiftFormulae(rule: ExcelJS.ConditionalFormattingRule, shift: number): ExcelJS.ConditionalFormattingRule {
  const f = (rule as { formulae?: unknown[] }).formulae;
  if (!f || shift === 0) return rule;
  const moved = f.map((x) =>
    typeof x === 'string'
      ? x.replace(/("[^"]*")|(\$?[A-Z]{1,3})(\d+)\b/g, (m, str: string | undefined, col: string, row: string) =>
          str ? m : `${col}${Number(row) + shift}`,
        )
      : x,
  );
  return { ...rule, formulae: moved } as ExcelJS.ConditionalFormattingRule;
}

/** Render one block (the whole sheet template) at the writer's current row. Returns the last row written. */
async function renderBlock(w: SheetWriter, ctx: Ctx, items: Record<string, number>): Promise<number> {
  const { tpl } = w;
  let last = w.nextRow - 1;
  for (let s = 0; s < tpl.segments.length; s++) {
    const seg = tpl.segments[s]!;
    const merges = tpl.merges[s]!;
    if (seg.kind === 'static') {
      const start = w.nextRow;
      for (let r = seg.first; r <= seg.last; r++) {
        if (tpl.rows.get(r)?.pageBreakBefore && w.nextRow > 1) w.pageBreakAfter(w.nextRow - 1);
        last = await w.writeBlank(tpl.rows.get(r), ctx);
      }
      for (const m of merges) w.merge(m, start - seg.first);
      continue;
    }
    let n = 0;
    const emit = async (item: Item | undefined, index: number | undefined): Promise<void> => {
      const start = w.nextRow;
      const bandCtx: Ctx = { ...ctx, band: item ?? {}, bandIndex: index };
      for (let r = seg.first; r <= seg.last; r++) last = await w.writeBlank(tpl.rows.get(r), bandCtx);
      for (const m of merges) w.merge(m, start - seg.first);
    };
    for (const item of listOf(ctx, seg.list)) {
      n++;
      await emit(item, n);
    }
    items[seg.list] = Math.max(items[seg.list] ?? 0, n);
    for (let k = n; k < Math.max(seg.minRows, n + seg.extraRows); k++) await emit(undefined, undefined);
  }
  return last;
}

const SHEET_NAME_BAD = /[[\]:*?/\\]/g;

function uniqueSheetName(base: string, used: Set<string>): string {
  const clean =
    base
      .replace(SHEET_NAME_BAD, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || '表';
  let name = clean.slice(0, 31);
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, tpl: SheetTpl, ctx: Ctx): ExcelJS.Worksheet {
  const { printTitlesRow: _titles, printArea: _area, ...pageSetup } = tpl.pageSetup;
  const headerFooter: Record<string, unknown> = { ...tpl.headerFooter };
  for (const [part, text] of Object.entries(headerFooter)) {
    if (typeof text === 'string' && hasPlaceholder(text)) headerFooter[part] = fillHeaderFooter(text, ctx);
  }
  const ws = wb.addWorksheet(name, {
    pageSetup,
    headerFooter,
    views: tpl.views,
    properties: tpl.properties,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  const w = ws as unknown as SheetInternals;
  // exceljs leaves out a column of width 9 (its own default; Excel's is 8.43): write every column
  w._writeColumns = () => w.stream.write(columnsXml(tpl, w.workbook.styles));
  // and never writes the print options: horizontal/vertical centring on the page
  const margins = w._writePageMargins.bind(w);
  w._writePageMargins = () => {
    const h = tpl.pageSetup.horizontalCentered ? ' horizontalCentered="1"' : '';
    const v = tpl.pageSetup.verticalCentered ? ' verticalCentered="1"' : '';
    if (h || v) w.stream.write(`<printOptions${h}${v}/>`);
    margins();
  };
  return ws;
}

/** A page header/footer with its single values filled in (& doubled: it starts a code there). */
function fillHeaderFooter(text: string, ctx: Ctx): string {
  let out = '';
  for (const seg of parseCellText(text)) {
    if (seg.kind === 'text') out += seg.text;
    else if (seg.kind === 'value')
      out += String(applyFormat(lookup(ctx, undefined, seg.name), seg.format, false).value ?? '').replace(/&/g, '&&');
  }
  return out;
}

/** The worksheet writer's parts that addSheet replaces (exceljs 4.4). */
interface SheetInternals {
  _writeColumns(): void;
  _writePageMargins(): void;
  stream: { write(data: string): unknown };
  workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>): number | undefined } };
}

/** `<cols>` of a sheet: every column with a width, a style or hidden, widths as the template says. */
function columnsXml(tpl: SheetTpl, styles: SheetInternals['workbook']['styles']): string {
  let xml = '';
  tpl.columns.forEach((c, i) => {
    if (c.width === undefined && !c.hidden && !c.style) return;
    const sid = c.style ? styles.addStyleModel(c.style) : undefined;
    xml +=
      `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? DEFAULT_WIDTH}"` +
      `${sid ? ` style="${sid}"` : ''}${c.hidden ? ' hidden="1"' : ''} customWidth="1"/>`;
  });
  return xml ? `<cols>${xml}</cols>` : '';
}

/** Print titles and print area of the output: template rows mapped to where they were written. */
function finishPageSetup(w: SheetWriter, lastRow: number, repeatsPerItem: boolean): void {
  const { tpl, ws } = w;
  const titles = tpl.pageSetup.printTitlesRow;
  if (titles && !repeatsPerItem) {
    const [a, b] = titles.split(':').map((x) => Number(x.replace(/\$/g, '')));
    const from = a !== undefined ? w.firstOutput.get(a) : undefined;
    const to = b !== undefined ? w.firstOutput.get(b) : undefined;
    if (from !== undefined && to !== undefined) ws.pageSetup.printTitlesRow = `${from}:${to}`;
  }
  const area = tpl.pageSetup.printArea;
  if (area && !area.includes('&&')) {
    const r = parseRange(area.replace(/^.*!/, ''));
    if (r)
      ws.pageSetup.printArea = `${cellAddress(1, r.left).replace(/\d+$/, '')}1:${cellAddress(Math.max(1, lastRow), r.right)}`;
  }
}

/**
 * Font 0 (the 常规 style) of the output is the template's: column widths are measured in its
 * digits, so a template drawn in WPS with 宋体 11 keeps its widths. exceljs adds Calibri 11 as
 * font 0 only when no font is there yet.
 */
function setDefaultFont(wb: ExcelJS.stream.xlsx.WorkbookWriter, font: DefaultFont): void {
  const styles = (wb as unknown as { styles: { _addFont(f: Partial<ExcelJS.Font>): number } }).styles;
  const calibri = /^calibri$/i.test(font.name);
  styles._addFont({
    size: font.size,
    color: { theme: 1 } as ExcelJS.Color,
    name: font.name,
    family: calibri ? 2 : 3,
    ...(calibri ? { scheme: 'minor' as const } : { charset: 134 }),
  });
}

async function openStream(file: string): Promise<fs.WriteStream> {
  const stream = fs.createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return stream;
}

/** Fill a compiled template with data and write it to `file` (the caller picks a temp name). */
export async function renderToFile(tpl: CompiledTemplate, data: ReportData, file: string): Promise<RenderResult> {
  const { result, finished } = await startRender(tpl, data, file);
  await finished;
  return result;
}

/**
 * Write every row, then start closing the file: resolves as soon as the data has been read (so
 * the caller may go on reading the register for the next file) with `finished`, which settles
 * when the zip is complete on disk. Closing (compression, writes) then overlaps the next file.
 */
export async function startRender(
  tpl: CompiledTemplate,
  data: ReportData,
  file: string,
): Promise<{ result: RenderResult; finished: Promise<void> }> {
  const stream = await openStream(file);
  let streamError: unknown;
  stream.on('error', (err) => {
    streamError = err;
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'fpjc';
  setDefaultFont(wb, tpl.defaultFont);
  const items: Record<string, number> = {};
  const counter = { rows: 0 };
  const used = new Set<string>();
  let sheets = 0;
  const root: Ctx = {
    root: data,
    block: undefined,
    blockList: undefined,
    blockIndex: undefined,
    band: undefined,
    bandIndex: undefined,
  };

  for (const sheet of tpl.sheets) {
    const per = sheet.perItem;
    if (!per) {
      const w = new SheetWriter(
        addSheet(wb, uniqueSheetName(sheet.name, used), sheet, root),
        sheet,
        counter,
        tpl.defaultFont,
      );
      const last = await renderBlock(w, root, items);
      finishPageSetup(w, last, false);
      w.finish();
      w.ws.commit();
      sheets++;
      continue;
    }
    const list = isList(data[per.list]) ? (data[per.list] as Iterable<Item>) : [];
    let n = 0;
    if (per.mode === '分页') {
      const w = new SheetWriter(
        addSheet(wb, uniqueSheetName(sheet.name, used), sheet, root),
        sheet,
        counter,
        tpl.defaultFont,
      );
      let last = 0;
      for (const item of list) {
        if (n > 0) w.pageBreakAfter(last);
        n++;
        last = await renderBlock(w, { ...root, block: item, blockList: per.list, blockIndex: n }, items);
      }
      // no items: one blank form to fill in by hand
      if (n === 0)
        last = await renderBlock(w, { ...root, block: {}, blockList: per.list, blockIndex: undefined }, items);
      finishPageSetup(w, last, true);
      w.finish();
      w.ws.commit();
      sheets++;
    } else {
      const emit = async (item: Item, index: number | undefined): Promise<void> => {
        const label = per.sheetName ? item[per.sheetName] : undefined;
        const name =
          typeof label === 'string' || typeof label === 'number' ? String(label) : `${sheet.name}${index ?? ''}`;
        const ctx: Ctx = { ...root, block: item, blockList: per.list, blockIndex: index };
        const w = new SheetWriter(
          addSheet(wb, uniqueSheetName(name, used), sheet, ctx),
          sheet,
          counter,
          tpl.defaultFont,
        );
        const last = await renderBlock(w, ctx, items);
        finishPageSetup(w, last, false);
        w.finish();
        w.ws.commit();
        sheets++;
      };
      for (const item of list) await emit(item, ++n);
      if (n === 0) await emit({}, undefined);
    }
    items[per.list] = Math.max(items[per.list] ?? 0, n);
  }
  const finished = wb.commit().then(() => {
    if (streamError) throw streamError;
  });
  return { result: { items, sheets, rows: counter.rows }, finished };
}
