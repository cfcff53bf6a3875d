import type ExcelJS from 'exceljs';
import { widthFor } from './text-fit.js';

/**
 * A small kit for drawing official-looking forms with exceljs: a title, 单位/日期 lines,
 * bordered tables with merged header cells, label/value grids, signature lines, A4 print setup
 * with repeated title rows. The generator (build-templates.ts) draws every template with it.
 */

export const FONT = {
  title: { name: '宋体', size: 18, bold: true } as Partial<ExcelJS.Font>,
  subtitle: { name: '宋体', size: 14, bold: true } as Partial<ExcelJS.Font>,
  head: { name: '宋体', size: 10, bold: true } as Partial<ExcelJS.Font>,
  body: { name: '宋体', size: 10 } as Partial<ExcelJS.Font>,
  small: { name: '宋体', size: 9 } as Partial<ExcelJS.Font>,
  line: { name: '仿宋', size: 11 } as Partial<ExcelJS.Font>,
  section: { name: '黑体', size: 11 } as Partial<ExcelJS.Font>,
};

/**
 * Page footers. Each sheet numbers its own pages from 1 (firstPageNumber). 「共 &N 页」 counts the
 * pages of the whole print job (LibreOffice, and Excel printing a whole workbook), so only a
 * workbook of one sheet says it; a workbook of several sheets prints the sheet name instead.
 */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
export const SHEET_PAGE_FOOTER = '&C&A　第 &P 页';

/** A date line to write by hand, as on paper: 「    年    月    日」. */
export const DATE_BLANK = '        年      月      日';

/** Number formats: money with two decimals and thousands separators, whole numbers with separators. */
export const MONEY_FMT = '#,##0.00';
export const COUNT_FMT = '#,##0';

/**
 * Column width for money up to 999,999.00 in a cell font of `size` points (Calibri-digit units
 * of the built-in templates): below it Excel prints ###.
 */
export const moneyWidth = (size = 10): number => widthFor('999,999.00', size);

/** Column width for a text in a cell font of `size` points (e.g. the longest value of a vocabulary). */
export const textWidth = (text: string, size = 10): number => widthFor(text, size);

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
export const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export type Align = 'left' | 'center' | 'right';

/** One cell of a line: text (may hold placeholders), how many columns it spans, how it looks. */
export interface Piece {
  text?: string;
  span?: number;
  /** Rows it spans downward (header grids). */
  rows?: number;
  align?: Align;
  font?: Partial<ExcelJS.Font>;
  wrap?: boolean;
  numFmt?: string;
  /** Vertical alignment (default middle). */
  valign?: 'top' | 'middle' | 'bottom';
  /**
   * false: a cell the village fills in (unlocked). The renderer never re-breaks the lines of its
   * text, so what goes back through import is exactly what was stored.
   */
  locked?: boolean;
}

export interface SheetSpec {
  name: string;
  widths: number[];
  orientation: 'portrait' | 'landscape';
  /** Shrink to one page wide (default true unless `scale` is given). */
  fitToWidth?: boolean;
  /** A fixed print scale (percent) instead of fitting to the width. */
  scale?: number;
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  footer?: string;
  /** Page header (may hold single values: `&L{{地区}}家庭成员花名册`). */
  header?: string;
  /** With fitToWidth false: shrink to this many pages wide (a wide list printed in strips). */
  fitPagesWide?: number;
  /** Columns repeated on every printed page (e.g. 'A:D'). */
  printTitlesColumn?: string;
  /** Pages across, then down (wide lists). */
  overThenDown?: boolean;
  /** Scale to fit one page high as well (a one-page form). */
  fitToHeight?: boolean;
}

export class FormSheet {
  readonly ws: ExcelJS.Worksheet;
  readonly cols: number;
  /** The next row to draw. */
  row = 1;

  constructor(wb: ExcelJS.Workbook, spec: SheetSpec) {
    const fit = spec.fitToWidth ?? spec.scale === undefined;
    this.ws = wb.addWorksheet(spec.name, {
      pageSetup: {
        paperSize: 9, // A4
        orientation: spec.orientation,
        margins: spec.margins ?? { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        horizontalCentered: true,
        firstPageNumber: 1,
        ...(fit
          ? { fitToPage: true, fitToWidth: 1, fitToHeight: spec.fitToHeight ? 1 : 0 }
          : spec.fitPagesWide
            ? { fitToPage: true, fitToWidth: spec.fitPagesWide, fitToHeight: 0 }
            : { scale: spec.scale ?? 100 }),
        ...(spec.printTitlesColumn ? { printTitlesColumn: spec.printTitlesColumn } : {}),
        ...(spec.overThenDown ? { pageOrder: 'overThenDown' as const } : {}),
      },
      headerFooter: {
        ...(spec.footer ? { oddFooter: spec.footer } : {}),
        ...(spec.header ? { oddHeader: spec.header } : {}),
      },
      properties: { defaultRowHeight: 15 },
      views: [{ showGridLines: false }],
    });
    this.cols = spec.widths.length;
    this.ws.columns = spec.widths.map((width) => ({ width }));
    // exceljs drops a column of width 9 (its default) from the file; Excel would print it 8.43 wide
    spec.widths.forEach((w, i) => {
      if (w === 9) Object.defineProperty(this.ws.getColumn(i + 1), 'isCustomWidth', { value: true });
    });
  }

  private style(
    cell: ExcelJS.Cell,
    p: Piece,
    boxed: boolean,
    defaultFont: Partial<ExcelJS.Font>,
    defaultAlign: Align,
  ): void {
    cell.font = { ...(p.font ?? defaultFont) };
    const horizontal = p.align ?? defaultAlign;
    cell.alignment = {
      horizontal,
      vertical: p.valign ?? 'middle',
      wrapText: p.wrap ?? true,
      ...(horizontal === 'center' ? {} : { indent: 1 }),
    };
    if (boxed) cell.border = { ...BOX };
    if (p.numFmt) cell.numFmt = p.numFmt;
    if (p.locked === false) cell.protection = { locked: false };
  }

  /**
   * Draw one row of pieces (spans must add up to the column count). Boxed rows get borders on
   * every cell of every merge, so the merged ranges print with their full frame.
   */
  line(
    pieces: Piece[],
    opts: { height?: number; boxed?: boolean; font?: Partial<ExcelJS.Font>; align?: Align } = {},
  ): number {
    const r = this.row++;
    const boxed = opts.boxed ?? false;
    let c = 1;
    for (const p of pieces) {
      const span = p.span ?? 1;
      const cell = this.ws.getCell(r, c);
      if (p.text !== undefined && p.text !== '') cell.value = p.text;
      for (let k = c; k < c + span; k++)
        this.style(this.ws.getCell(r, k), p, boxed, opts.font ?? FONT.body, opts.align ?? 'center');
      if (span > 1) this.ws.mergeCells(r, c, r, c + span - 1);
      c += span;
    }
    if (c - 1 !== this.cols)
      throw new Error(`row ${r} of ${this.ws.name} spans ${c - 1} columns, expected ${this.cols}`);
    if (opts.height) this.ws.getRow(r).height = opts.height;
    return r;
  }

  /** A header grid like an HTML table: pieces may span columns and rows. Returns [first, last] row. */
  grid(rows: Piece[][], opts: { height?: number } = {}): [number, number] {
    const first = this.row;
    const taken = new Set<string>();
    rows.forEach((pieces, i) => {
      const r = first + i;
      let c = 1;
      for (const p of pieces) {
        while (taken.has(`${r}:${c}`)) c++;
        const span = p.span ?? 1;
        const down = p.rows ?? 1;
        const cell = this.ws.getCell(r, c);
        if (p.text) cell.value = p.text;
        for (let rr = r; rr < r + down; rr++) {
          for (let cc = c; cc < c + span; cc++) {
            taken.add(`${rr}:${cc}`);
            this.style(this.ws.getCell(rr, cc), p, true, FONT.head, 'center');
          }
        }
        if (span > 1 || down > 1) this.ws.mergeCells(r, c, r + down - 1, c + span - 1);
        c += span;
      }
      if (opts.height) this.ws.getRow(r).height = opts.height;
    });
    this.row = first + rows.length;
    return [first, this.row - 1];
  }

  /** A title across the whole width. */
  title(text: string, height = 36, font: Partial<ExcelJS.Font> = FONT.title): number {
    return this.line([{ text, span: this.cols, font, align: 'center', wrap: false }], { height });
  }

  /** A note or paragraph across the whole width. */
  note(text: string, height?: number, font: Partial<ExcelJS.Font> = FONT.small): number {
    return this.line([{ text, span: this.cols, align: 'left', font, valign: 'top' }], height ? { height } : {});
  }

  blank(height = 8): number {
    const r = this.row++;
    this.ws.getRow(r).height = height;
    return r;
  }

  /**
   * A line of signatures across the width: each label gets its share of the columns (spans in
   * proportion to `weights`, default equal), written 「填表人（签字）：」 with room to sign.
   */
  signatures(labels: readonly string[], opts: { height?: number; weights?: readonly number[] } = {}): number {
    const weights = opts.weights ?? labels.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let used = 0;
    const pieces: Piece[] = labels.map((text, i) => {
      const span =
        i === labels.length - 1 ? this.cols - used : Math.max(1, Math.round((this.cols * (weights[i] ?? 1)) / total));
      used += span;
      return { text, span, align: 'left', font: FONT.line, wrap: false };
    });
    return this.line(pieces, { height: opts.height ?? 30 });
  }

  printTitles(first: number, last: number): void {
    this.ws.pageSetup.printTitlesRow = `${first}:${last}`;
  }

  freeze(rows: number, columns = 0): void {
    this.ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows, showGridLines: false }];
  }

  /** A fill by the cell's text (条件格式, e.g. 三色预警: 红色 → red); kept for every row the cell repeats in. */
  colourByText(r: number, c: number, fills: Readonly<Record<string, string>>): void {
    const ref = this.ws.getCell(r, c).address;
    this.ws.addConditionalFormatting({
      ref,
      rules: Object.entries(fills).map(([text, argb], i) => ({
        type: 'expression',
        formulae: [`${ref}="${text}"`],
        priority: i + 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } },
      })),
    });
  }

  /** A drop-down list on a cell (e.g. 核实结果). */
  choices(r: number, c: number, values: readonly string[]): void {
    this.ws.getCell(r, c).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '请从下拉列表中选择',
      error: `可填：${values.join('、')}`,
    };
  }
}

/** Spans that split `total` columns into the given parts, for lines of label/value pairs. */
export const spans = (...parts: number[]): number[] => parts;
