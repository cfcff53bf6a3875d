/**
 * Minimal streaming .xlsx writer (yazl + deflate) for big exports and the demo generator.
 * Strings are inline strings (no shared-strings table growing with distinct values), each sheet
 * is streamed into its own zip entry, and the file is written under a temporary name and renamed
 * at close, so a crash never leaves a half-written file under the real name.
 *
 * Backpressure: `addRow` returns undefined almost always and a Promise only when the output
 * is backed up. Callers should write
 *   `const p = sheet.addRow(values); if (p) await p;`
 * (plain `await sheet.addRow(…)` also works, at the cost of one microtask per row).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import yazl from 'yazl';
import { FpjcError } from '../domain/errors.js';
import { fileError } from './file-errors.js';

export type CellValue = string | number | boolean | null | undefined;

export interface SheetOptions {
  /** Column widths in characters (Excel units), column A first. */
  columnWidths?: number[];
  /**
   * Freeze the header: `true` freezes the leading bold rows (at least one), so a title row plus a
   * header row stay visible; a number freezes exactly that many rows.
   */
  freezeHeader?: boolean | number;
  /** 0-based columns formatted as Text ("@"), so ID numbers typed later stay text. */
  textColumns?: number[];
}

export interface RowOptions {
  /** Header style: bold, light fill, thin borders. */
  bold?: boolean;
}

export interface SheetHandle {
  readonly name: string;
  addRow(values: readonly CellValue[], opts?: RowOptions): undefined | Promise<void>;
}

/**
 * yazl checksums every byte with buffer-crc32, a JS loop that costs more main-thread time than
 * building the XML (≈5 s for a 1M-row sheet). Node ≥ 20.15 has a native zlib.crc32: point the
 * module yazl loaded at it, after checking on a sample that both agree. Otherwise leave it alone.
 */
function useNativeCrc32(): void {
  const native = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;
  if (typeof native !== 'function') return;
  try {
    const req = createRequire(import.meta.url);
    const mod = createRequire(req.resolve('yazl'))('buffer-crc32') as {
      unsigned?: (b: Buffer, prev?: number) => number;
    };
    const original = mod.unsigned;
    if (typeof original !== 'function') return;
    const sample = Buffer.from('fpjc 防止返贫监测 crc32 check 😀');
    const half = original(sample.subarray(0, 7));
    if (original(sample) !== native(sample) || original(sample.subarray(7), half) !== native(sample.subarray(7), half))
      return;
    mod.unsigned = (b: Buffer, prev?: number) => native(b, prev ?? 0);
  } catch {
    // a different yazl layout: keep its own checksum code
  }
}
useNativeCrc32();

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Excel refuses longer cell texts ("We found a problem with some content"). */
const MAX_CELL_CHARS = 32_767;
const FLUSH_CHARS = 256 * 1024;

// cellXfs indices in styles.xml
const S_TEXT = 1;
const S_HEADER = 2;
const S_HEADER_TEXT = 3;

const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
const ESCAPE_ALL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;

function escapeChar(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '_':
      return '_x005F_'; // a literal "_x000D_" must not be read back as an escape
    default:
      // characters XML 1.0 cannot carry, and CR (XML parsers turn it into LF): Excel's _xHHHH_
      return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/** XML text for a cell string, with Excel's _xHHHH_ escapes. */
export function escapeCellText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, escapeChar) : s;
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const COLS: string[] = [];
export function columnLetters(i: number): string {
  const cached = COLS[i];
  if (cached !== undefined) return cached;
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (i < 1024) COLS[i] = s;
  return s;
}

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, not blank, unique (case-insensitive). */
function sheetName(wanted: string, taken: Set<string>): string {
  let base =
    wanted
      .replace(/[[\]:*?/\\\u0000-\u001f]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_';
  const cut = (s: string, n: number): string => {
    let t = s.slice(0, n);
    if (/[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1); // don't split a surrogate pair
    return t;
  };
  let name = cut(base, 31);
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = cut(base, 31 - `(${k})`.length) + `(${k})`;
  taken.add(name.toLowerCase());
  return name;
}

interface SheetEntry {
  name: string;
  index: number;
}

class Sheet implements SheetHandle {
  private buf = '';
  private started = false;
  private ended = false;
  private rowNum = 0;
  private leading: { values: readonly CellValue[]; opts: RowOptions | undefined }[] = [];
  private readonly textCol: boolean[] = [];
  private maxCol = 0;

  constructor(
    readonly name: string,
    private readonly stream: PassThrough,
    private readonly opts: SheetOptions,
    private readonly writer: XlsxWriter,
  ) {
    for (const c of opts.textColumns ?? []) if (Number.isInteger(c) && c >= 0 && c < MAX_COLS) this.textCol[c] = true;
  }

  addRow(values: readonly CellValue[], opts?: RowOptions): undefined | Promise<void> {
    this.writer.check();
    if (this.ended) throw new Error(`工作表「${this.name}」已结束，不能再添加行`);
    // Leading bold rows are held back until the first data row: freezeHeader:true needs their count.
    if (!this.started) {
      if (opts?.bold && this.opts.freezeHeader === true && this.leading.length < 50) {
        this.leading.push({ values: values.slice(), opts }); // copy: callers may reuse their array
        return undefined;
      }
      this.start();
    }
    this.writeRow(values, opts);
    if (this.buf.length >= FLUSH_CHARS) return this.flush();
    return undefined;
  }

  private start(): void {
    this.started = true;
    const f = this.opts.freezeHeader;
    const frozen = f === true ? Math.max(1, this.leading.length) : typeof f === 'number' && f > 0 ? Math.floor(f) : 0;
    let x =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    if (frozen > 0) {
      const cell = `A${frozen + 1}`;
      x +=
        `<sheetViews><sheetView workbookViewId="0"${this.writer.sheetCount() === 1 ? ' tabSelected="1"' : ''}>` +
        `<pane ySplit="${frozen}" topLeftCell="${cell}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${cell}" sqref="${cell}"/></sheetView></sheetViews>`;
    } else if (this.writer.sheetCount() === 1) {
      x += '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>';
    }
    const widths = this.opts.columnWidths ?? [];
    const n = Math.min(MAX_COLS, Math.max(widths.length, this.textCol.length));
    if (n > 0) {
      x += '<cols>';
      for (let i = 0; i < n; i++) {
        const w = widths[i];
        const hasWidth = typeof w === 'number' && Number.isFinite(w) && w > 0;
        if (!hasWidth && !this.textCol[i]) continue;
        x += `<col min="${i + 1}" max="${i + 1}" width="${hasWidth ? Math.min(255, w) : 9.140625}"`;
        if (hasWidth) x += ' customWidth="1"';
        if (this.textCol[i]) x += ` style="${S_TEXT}"`;
        x += '/>';
      }
      x += '</cols>';
    }
    x += '<sheetData>';
    this.buf = x;
    const held = this.leading;
    this.leading = [];
    for (const r of held) this.writeRow(r.values, r.opts);
  }

  private writeRow(values: readonly CellValue[], opts: RowOptions | undefined): void {
    if (this.rowNum >= MAX_ROWS) {
      throw new FpjcError(
        'USAGE',
        `工作表「${this.name}」超过 Excel 的上限 ${MAX_ROWS.toLocaleString('en-US')} 行。请缩小导出范围，或导出为 .csv`,
      );
    }
    const r = ++this.rowNum;
    const bold = opts?.bold === true;
    let x = `<row r="${r}">`;
    const n = Math.min(values.length, MAX_COLS);
    if (n > this.maxCol) this.maxCol = n;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const text = this.textCol[i] === true;
      const style = bold ? (text ? S_HEADER_TEXT : S_HEADER) : text ? S_TEXT : 0;
      const s = style === 0 ? '' : ` s="${style}"`;
      const ref = columnLetters(i) + r;
      if (typeof v === 'string') {
        if (v.length === 0) {
          if (style !== 0) x += `<c r="${ref}"${s}/>`;
          continue;
        }
        let t = v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v;
        if (t.length === MAX_CELL_CHARS && /[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1);
        const c0 = t.charCodeAt(0);
        const c1 = t.charCodeAt(t.length - 1);
        const space = c0 <= 32 || c1 <= 32 ? ' xml:space="preserve"' : '';
        x += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeCellText(t)}</t></is></c>`;
      } else if (typeof v === 'number') {
        if (Number.isFinite(v)) x += `<c r="${ref}"${s}><v>${v}</v></c>`;
        else if (style !== 0) x += `<c r="${ref}"${s}/>`;
      } else if (typeof v === 'boolean') {
        x += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
      }
    }
    this.buf += `${x}</row>`;
  }

  /** Hand the buffered XML to the zip stream; a Promise only if the stream wants us to wait. */
  flush(): undefined | Promise<void> {
    if (this.buf.length === 0) return undefined;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    return ok ? undefined : this.writer.waitDrain(this.stream);
  }

  /** Write the tail and end the entry. */
  end(): void {
    if (this.ended) return;
    if (!this.started) this.start();
    this.ended = true;
    this.buf +=
      '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.stream.end(this.buf);
    this.buf = '';
  }
}

export class XlsxWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly sheets: SheetEntry[] = [];
  private readonly names = new Set<string>();
  private current: Sheet | null = null;
  private error: unknown = null;
  private closed = false;
  private readonly done: Promise<void>;

  private constructor(
    readonly file: string,
    private readonly tmp: string,
    private readonly out: fs.WriteStream,
  ) {
    const zipOut = this.zip.outputStream as unknown as NodeJS.ReadableStream & { on: fs.WriteStream['on'] };
    this.done = new Promise<void>((resolve, reject) => {
      out.on('close', () => (this.error ? reject(this.error) : resolve()));
      out.on('error', (err) => {
        this.fail(err);
        reject(err);
      });
      zipOut.on('error', (err: unknown) => {
        this.fail(err);
        reject(err);
      });
    });
    this.done.catch(() => {}); // observed in close()
    zipOut.pipe(out);
  }

  /** Start writing `file` (under a temporary name next to it until close()). */
  static async create(file: string): Promise<XlsxWriter> {
    const target = path.resolve(file);
    const tmp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`,
    );
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
    } catch (err) {
      throw fileError(err, file);
    }
    const out = fs.createWriteStream(tmp, { highWaterMark: 1 << 20 });
    try {
      await new Promise<void>((resolve, reject) => {
        out.once('open', () => resolve());
        out.once('error', reject);
      });
    } catch (err) {
      throw fileError(err, file);
    }
    return new XlsxWriter(target, tmp, out);
  }

  /** Add a sheet; the previous sheet, if any, is finished. Sheet names are made Excel-valid. */
  addSheet(name: string, opts: SheetOptions = {}): SheetHandle {
    this.check();
    if (this.closed) throw new Error('XlsxWriter 已关闭');
    this.current?.end();
    const index = this.sheets.length + 1;
    const finalName = sheetName(name, this.names);
    const stream = new PassThrough({ highWaterMark: 4 << 20 });
    stream.on('error', (err) => this.fail(err));
    (this.zip as unknown as { addReadStream(s: PassThrough, p: string, o: object): void }).addReadStream(
      stream,
      `xl/worksheets/sheet${index}.xml`,
      { compress: true, compressionLevel: 3 }, // level 3: about half the time of 6 for ~15% more bytes
    );
    this.sheets.push({ name: finalName, index });
    const sheet = new Sheet(finalName, stream, opts, this);
    this.current = sheet;
    return sheet;
  }

  /** Finish the file and move it into place. */
  async close(): Promise<void> {
    if (this.closed) return this.done;
    this.check();
    if (this.sheets.length === 0) this.addSheet('Sheet1'); // Excel needs at least one sheet
    this.closed = true;
    try {
      this.current?.end();
      this.current = null;
      const add = (text: string, p: string): void => this.zip.addBuffer(Buffer.from(text, 'utf8'), p);
      add(contentTypes(this.sheets.length), '[Content_Types].xml');
      add(ROOT_RELS, '_rels/.rels');
      add(APP_XML, 'docProps/app.xml');
      add(coreXml(), 'docProps/core.xml');
      add(workbookXml(this.sheets), 'xl/workbook.xml');
      add(workbookRels(this.sheets.length), 'xl/_rels/workbook.xml.rels');
      add(STYLES_XML, 'xl/styles.xml');
      this.zip.end();
      await this.done;
    } catch (err) {
      await this.discard();
      throw fileError(err, this.file);
    }
    try {
      await renameWithRetry(this.tmp, this.file);
    } catch (err) {
      await this.discard();
      throw fileError(err, this.file);
    }
  }

  /** Give up: remove the temporary file, leave any existing target untouched. */
  async abort(): Promise<void> {
    this.closed = true;
    this.fail(new Error('aborted'));
    await this.discard();
  }

  private async discard(): Promise<void> {
    this.out.destroy();
    await fs.promises.rm(this.tmp, { force: true }).catch(() => {});
  }

  /** @internal */
  sheetCount(): number {
    return this.sheets.length;
  }

  /** @internal Throw the first stream error, so a failing disk stops the caller's loop. */
  check(): void {
    if (this.error) throw fileError(this.error, this.file);
  }

  private readonly waiters = new Set<(err: unknown) => void>();

  private fail(err: unknown): void {
    this.error ??= err;
    for (const w of this.waiters) w(err);
  }

  /** @internal */
  waitDrain(stream: PassThrough): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        cleanup();
        resolve();
      };
      const onError = (err: unknown): void => {
        cleanup();
        reject(fileError(err, this.file));
      };
      const cleanup = (): void => {
        stream.off('drain', onDrain);
        this.waiters.delete(onError);
      };
      if (this.error) return onError(this.error);
      stream.on('drain', onDrain);
      this.waiters.add(onError);
    });
  }
}

/** Windows: antivirus or the indexer may hold the new file for a moment. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.promises.rename(from, to);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (process.platform !== 'win32' || attempt >= 4 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES'))
        throw err;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Package parts

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function contentTypes(sheets: number): string {
  let x =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>';
  for (let i = 1; i <= sheets; i++) {
    x += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  return `${x}</Types>`;
}

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const APP_XML =
  XML_HEAD +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>fpjc</Application></Properties>';

function coreXml(): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>fpjc</dc:creator>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function workbookXml(sheets: SheetEntry[]): string {
  let x =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>';
  for (const s of sheets) x += `<sheet name="${escapeXml(s.name)}" sheetId="${s.index}" r:id="rId${s.index}"/>`;
  return `${x}</sheets></workbook>`;
}

function workbookRels(sheets: number): string {
  let x = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`;
  for (let i = 1; i <= sheets; i++) {
    x += `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  }
  x += `<Relationship Id="rId${sheets + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  return `${x}</Relationships>`;
}

// Fonts: 0 normal, 1 bold. Fills: 0 none, 1 gray125 (both required), 2 light blue.
// Borders: 0 none, 1 thin. cellXfs: 0 normal, 1 text "@" (numFmtId 49), 2 header, 3 header + text.
const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' +
  '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '</styleSheet>';
