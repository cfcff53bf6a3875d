/**
 * Streaming .xlsx reader. The sheet XML is never held as one string (a 1M-row sheet is ~850 MB of
 * XML, more than V8's longest string): it is inflated by yauzl (native zlib), decoded with a
 * StringDecoder (exact for multi-byte characters straddling chunks, unlike exceljs's streaming
 * reader, issues #2063/#2084) and scanned with indexOf by a hand-written incremental scanner.
 * Memory is bounded by one chunk plus the shared-strings table.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { FpjcError } from '../domain/errors.js';
import { fileError, systemErrorCode } from './file-errors.js';
import type { RawCell, RawRow } from './raw-row.js';

export interface SheetInfo {
  name: string;
  /** Path of the sheet part inside the zip. */
  part: string;
  hidden: boolean;
}

// ---------------------------------------------------------------------------------------------
// Zip access

interface Zip {
  file: string;
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  lower: Map<string, yauzl.Entry>;
}

const notXlsxMessage = (file: string): string =>
  `文件「${file}」不是有效的 Excel (.xlsx) 文件（可能已损坏或是其他格式），如果是 .xls 请用 Excel 另存为 .xlsx；如果是 CSV 请把扩展名改为 .csv`;

function notXlsx(file: string, cause?: unknown): FpjcError {
  return new FpjcError('UNREADABLE_FILE', notXlsxMessage(file), { cause, details: { file } });
}

/** fs errors become fileError; zip/zlib/XML problems become UNREADABLE_FILE; our own bugs stay visible. */
function readError(err: unknown, file: string): unknown {
  if (err instanceof FpjcError) return err;
  if (err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError) return err;
  if (systemErrorCode(err) && typeof (err as { syscall?: unknown }).syscall === 'string') return fileError(err, file);
  const msg = err instanceof Error ? err.message : String(err);
  return new FpjcError(
    'UNREADABLE_FILE',
    `文件「${file}」已损坏，无法完整读取（${msg}）。请用 Excel/WPS 打开该文件并重新另存为 .xlsx 后再试`,
    { cause: err, details: { file } },
  );
}

async function openZip(file: string): Promise<Zip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, z) => {
      if (err || !z) reject(err ?? new Error('open failed'));
      else resolve(z);
    });
  }).catch((err: unknown) => {
    if (systemErrorCode(err) && typeof (err as { syscall?: unknown }).syscall === 'string') throw fileError(err, file);
    throw notXlsx(file, err);
  });
  const entries = new Map<string, yauzl.Entry>();
  const lower = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName.replace(/\\/g, '/').replace(/^\/+/, '');
        entries.set(name, entry);
        lower.set(name.toLowerCase(), entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw notXlsx(file, err);
  }
  return { file, zip, entries, lower };
}

function findEntry(z: Zip, name: string): yauzl.Entry | undefined {
  const n = name.replace(/^\/+/, '');
  return z.entries.get(n) ?? z.lower.get(n.toLowerCase());
}

function openStream(z: Zip, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    z.zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('openReadStream failed'));
      else resolve(stream);
    });
  });
}

/** Decoded text of a zip entry, chunk by chunk; exact for characters straddling chunk edges. */
async function* textChunks(z: Zip, entry: yauzl.Entry): AsyncGenerator<string> {
  const stream = await openStream(z, entry);
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      let s = decoder.write(buf);
      if (first && s.length > 0) {
        first = false;
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      if (s.length > 0) yield s;
    }
    const tail = decoder.end();
    if (tail) yield tail;
  } finally {
    stream.destroy();
  }
}

/** Whole text of a small part (workbook, rels). */
async function readPart(z: Zip, name: string): Promise<string | null> {
  const entry = findEntry(z, name);
  if (!entry) return null;
  const parts: string[] = [];
  for await (const s of textChunks(z, entry)) parts.push(s);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY_RE, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const cp = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

// Excel's escape for characters XML cannot carry (_x000D_ for CR); _x005F_ is a literal underscore.
const ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;
const decodeEscapes = (s: string): string => s.replace(ESCAPE_RE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

const CR_RE = /\r\n?/g;

function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** Elements named `local` (any namespace prefix) in a small XML part: their attributes. */
function elements(xml: string, local: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])([^>]*)>`, 'g');
  const out: Map<string, string>[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(attrs(m[1]!));
  return out;
}

/** Namespace prefix of the root element ("" or "x:"), so that `<x:row>` files work too. */
function rootPrefix(text: string): string | null {
  let i = 0;
  for (;;) {
    i = text.indexOf('<', i);
    if (i < 0 || i + 1 >= text.length) return null;
    const c = text.charCodeAt(i + 1);
    if (c !== 63 && c !== 33) break; // skip <?xml …?> and <!-- … -->
    i++;
  }
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === 62 || c === 47) break;
    j++;
  }
  if (j >= text.length) return null;
  const name = text.slice(i + 1, j);
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon + 1);
}

/**
 * Lazily located next occurrence of a needle: lets the scanner ask "does [a, b) contain '&'?"
 * in amortised O(1) without an unbounded indexOf per value.
 */
class NextAt {
  private at = -1;
  constructor(
    private readonly needle: string,
    private text = '',
  ) {}
  reset(text: string): void {
    this.text = text;
    this.at = -1;
  }
  within(a: number, b: number): boolean {
    if (this.at < a) {
      const i = this.text.indexOf(this.needle, a);
      this.at = i < 0 ? Number.MAX_SAFE_INTEGER : i;
    }
    return this.at < b;
  }
}

interface Tags {
  t: string; // '<t'
  tEnd: string; // '</t>'
  rPh: string;
  rPhEnd: string;
}

/** Scanner state shared by shared strings and inline strings: where escapes and phonetic runs are. */
class TextScanner {
  readonly amp = new NextAt('&');
  readonly esc = new NextAt('_x');
  readonly cr = new NextAt('\r');
  readonly rph: NextAt;
  constructor(readonly tags: Tags) {
    this.rph = new NextAt(tags.rPh);
  }
  reset(text: string): void {
    this.amp.reset(text);
    this.esc.reset(text);
    this.cr.reset(text);
    this.rph.reset(text);
  }

  /** Decoded text of raw character data [a, b). */
  value(text: string, a: number, b: number): string {
    let s = text.slice(a, b);
    if (this.cr.within(a, b)) s = s.replace(CR_RE, '\n'); // XML end-of-line normalisation
    if (this.amp.within(a, b)) s = decodeEntities(s);
    if (this.esc.within(a, b)) s = decodeEscapes(s);
    return s;
  }

  /** Concatenated <t> texts inside [from, to) (plain or rich runs), skipping phonetic <rPh> runs. */
  richText(text: string, from: number, to: number): string {
    const { t, tEnd, rPhEnd } = this.tags;
    const tl = t.length;
    let out = '';
    let p = from;
    for (;;) {
      const i = text.indexOf(t, p);
      if (i < 0 || i >= to) break;
      if (this.rph.within(p, i)) {
        const skip = text.indexOf(rPhEnd, p);
        if (skip < 0 || skip >= to) break;
        p = skip + rPhEnd.length;
        continue;
      }
      const c = text.charCodeAt(i + tl);
      let cs: number;
      if (c === 62) cs = i + tl + 1;
      else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
        const gt = text.indexOf('>', i + tl);
        if (gt < 0 || gt >= to) break;
        if (text.charCodeAt(gt - 1) === 47) {
          p = gt + 1; // <t/>
          continue;
        }
        cs = gt + 1;
      } else {
        p = i + tl; // another element starting with "t"
        continue;
      }
      const ce = text.indexOf(tEnd, cs);
      if (ce < 0 || ce > to) break;
      const piece = this.value(text, cs, ce);
      out = out.length === 0 ? piece : out + piece;
      p = ce + tEnd.length;
    }
    return out;
  }
}

const makeTags = (p: string): Tags => ({ t: `<${p}t`, tEnd: `</${p}t>`, rPh: `<${p}rPh`, rPhEnd: `</${p}rPh>` });

/**
 * Feed text chunks, get back segments that end on a complete element: the scanner always sees
 * whole `</row>`/`</si>`-terminated runs. A run longer than one chunk (a 10 MB cell) is joined
 * once, not re-concatenated per chunk.
 */
class Segmenter {
  private carry = '';
  private pending: string[] = [];
  constructor(private readonly endTag: string) {}

  /** Returns [text, end] when `chunk` completes at least one element, else null. */
  push(chunk: string): [string, number] | null {
    const idx = chunk.lastIndexOf(this.endTag);
    if (idx < 0) {
      this.pending.push(chunk);
      return null;
    }
    let text: string;
    if (this.pending.length > 0) {
      this.pending.unshift(this.carry);
      this.pending.push(chunk);
      text = this.pending.join('');
      this.pending = [];
    } else text = this.carry + chunk;
    const end = text.length - chunk.length + idx + this.endTag.length;
    this.carry = text.slice(end);
    return [text, end];
  }

  rest(): string {
    const all = this.pending.length > 0 ? this.carry + this.pending.join('') : this.carry;
    this.carry = '';
    this.pending = [];
    return all;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook

interface Workbook {
  sheets: SheetInfo[];
  sharedStrings: string | null;
}

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(baseDir, target));
}

function relsPathOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

async function loadWorkbook(z: Zip): Promise<Workbook> {
  let workbookPart = 'xl/workbook.xml';
  const rootRels = await readPart(z, '_rels/.rels');
  if (rootRels) {
    const office = elements(rootRels, 'Relationship').find((r) => /\/officeDocument$/.test(r.get('Type') ?? ''));
    const target = office?.get('Target');
    if (target && findEntry(z, resolveTarget('', target))) workbookPart = resolveTarget('', target);
  }
  const wb = await readPart(z, workbookPart);
  if (wb === null) throw notXlsx(z.file);
  const relsXml = (await readPart(z, relsPathOf(workbookPart))) ?? '';
  const baseDir = path.posix.dirname(workbookPart);
  const rels = new Map<string, { type: string; target: string }>();
  for (const r of elements(relsXml, 'Relationship')) {
    const id = r.get('Id');
    const target = r.get('Target');
    if (id && target && r.get('TargetMode') !== 'External') {
      rels.set(id, { type: r.get('Type') ?? '', target: resolveTarget(baseDir, target) });
    }
  }
  const sheets: SheetInfo[] = [];
  for (const s of elements(wb, 'sheet')) {
    const name = s.get('name');
    let rid: string | undefined;
    for (const [k, v] of s) if (k.endsWith(':id')) rid = v;
    const rel = rid ? rels.get(rid) : undefined;
    if (!name || !rel) continue;
    if (rel.type && !/\/worksheet$/.test(rel.type)) continue; // chartsheets, dialog sheets
    const state = s.get('state');
    sheets.push({ name, part: rel.target, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  let sharedStrings: string | null = null;
  for (const rel of rels.values()) if (/\/sharedStrings$/.test(rel.type)) sharedStrings = rel.target;
  if (!sharedStrings && findEntry(z, 'xl/sharedStrings.xml')) sharedStrings = 'xl/sharedStrings.xml';
  return { sheets, sharedStrings };
}

async function readSharedStrings(z: Zip, part: string | null): Promise<string[]> {
  const out: string[] = [];
  const entry = part ? findEntry(z, part) : undefined;
  if (!entry) return out;
  let scanner: TextScanner | null = null;
  let seg: Segmenter | null = null;
  let open = '';
  let close = '';
  const scan = (text: string, end: number): void => {
    const sc = scanner!;
    sc.reset(text);
    const ol = open.length;
    let pos = 0;
    for (;;) {
      const i = text.indexOf(open, pos);
      if (i < 0 || i >= end) break;
      const c = text.charCodeAt(i + ol);
      if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
        pos = i + ol;
        continue;
      }
      const gt = text.indexOf('>', i + ol);
      if (text.charCodeAt(gt - 1) === 47) {
        out.push('');
        pos = gt + 1;
        continue;
      }
      const ce = text.indexOf(close, gt);
      if (ce < 0 || ce >= end) break;
      out.push(sc.richText(text, gt + 1, ce));
      pos = ce + close.length;
    }
  };
  let head = '';
  for await (const chunk of textChunks(z, entry)) {
    if (!seg) {
      head += chunk;
      const p = rootPrefix(head);
      if (p === null) continue;
      scanner = new TextScanner(makeTags(p));
      open = `<${p}si`;
      close = `</${p}si>`;
      seg = new Segmenter(close);
      const r = seg.push(head);
      head = '';
      if (r) scan(r[0], r[1]);
      continue;
    }
    const r = seg.push(chunk);
    if (r) scan(r[0], r[1]);
  }
  if (seg) {
    const rest = seg.rest();
    scan(rest, rest.length);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sheet scanner

const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

class SheetScanner {
  readonly text: TextScanner;
  lastRow = 0;
  private readonly rowOpen: string;
  private readonly rowClose: string;
  private readonly cOpen: string;
  private readonly cClose: string;
  private readonly vOpen: string;
  private readonly vClose: string;

  constructor(
    readonly sheet: string,
    readonly file: string,
    private readonly sst: readonly string[],
    prefix: string,
  ) {
    this.text = new TextScanner(makeTags(prefix));
    this.rowOpen = `<${prefix}row`;
    this.rowClose = `</${prefix}row>`;
    this.cOpen = `<${prefix}c`;
    this.cClose = `</${prefix}c>`;
    this.vOpen = `<${prefix}v`;
    this.vClose = `</${prefix}v>`;
  }

  /** Parse every complete <row> in text[0, end) into `out` (rows without values are skipped). */
  rows(text: string, end: number, out: RawRow[]): void {
    this.text.reset(text);
    const rowOpen = this.rowOpen;
    const rl = rowOpen.length;
    let pos = 0;
    for (;;) {
      const i = text.indexOf(rowOpen, pos);
      if (i < 0 || i >= end) return;
      const ch = text.charCodeAt(i + rl);
      if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13) {
        pos = i + rl;
        continue;
      }
      const gt = text.indexOf('>', i + rl);
      if (gt < 0) return;
      // r attribute of the row
      let rowNum = 0;
      let p = i + rl;
      while (p < gt) {
        const c = text.charCodeAt(p);
        if (c <= 32) {
          p++;
          continue;
        }
        if (c === 47) break;
        const eq = text.indexOf('=', p);
        if (eq < 0 || eq > gt) break;
        let q = eq + 1;
        while (text.charCodeAt(q) <= 32) q++;
        const ve = text.indexOf(text.charCodeAt(q) === 39 ? "'" : '"', q + 1);
        if (ve < 0) break;
        if (eq - p === 1 && text.charCodeAt(p) === 114) {
          for (let k = q + 1; k < ve; k++) {
            const d = text.charCodeAt(k) - 48;
            if (d >= 0 && d <= 9) rowNum = rowNum * 10 + d;
          }
        }
        p = ve + 1;
      }
      if (rowNum === 0) rowNum = this.lastRow + 1;
      this.lastRow = rowNum;
      if (text.charCodeAt(gt - 1) === 47) {
        pos = gt + 1; // <row/>
        continue;
      }
      const re = text.indexOf(this.rowClose, gt);
      if (re < 0) throw this.broken(rowNum);
      const cells = this.cells(text, gt + 1, re, rowNum);
      if (cells.length > 0) out.push({ sheet: this.sheet, row: rowNum, cells });
      pos = re + this.rowClose.length;
    }
  }

  private broken(row: number): FpjcError {
    return new FpjcError(
      'UNREADABLE_FILE',
      `文件「${this.file}」的工作表「${this.sheet}」在第 ${row} 行附近已损坏，无法读取。请用 Excel/WPS 打开后重新另存为 .xlsx 再试`,
      { details: { file: this.file, sheet: this.sheet, row } },
    );
  }

  private cells(text: string, from: number, to: number, rowNum: number): RawCell[] {
    const cells: RawCell[] = [];
    const cOpen = this.cOpen;
    const cl = cOpen.length;
    let col = -1;
    let pos = from;
    for (;;) {
      const i = text.indexOf(cOpen, pos);
      if (i < 0 || i >= to) break;
      const ch = text.charCodeAt(i + cl);
      if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13) {
        pos = i + cl;
        continue;
      }
      const gt = text.indexOf('>', i + cl);
      if (gt < 0 || gt >= to) throw this.broken(rowNum);
      // attributes: r (column) and t (type)
      let type = T_N;
      let c0 = -1;
      let p = i + cl;
      while (p < gt) {
        const c = text.charCodeAt(p);
        if (c <= 32) {
          p++;
          continue;
        }
        if (c === 47) break;
        const eq = text.indexOf('=', p);
        if (eq < 0 || eq > gt) break;
        let q = eq + 1;
        while (text.charCodeAt(q) <= 32) q++;
        const ve = text.indexOf(text.charCodeAt(q) === 39 ? "'" : '"', q + 1);
        if (ve < 0) throw this.broken(rowNum);
        if (eq - p === 1) {
          const n = text.charCodeAt(p);
          if (n === 114) {
            // r="AB12": column letters
            let k = q + 1;
            let letters = 0;
            for (; k < ve; k++) {
              let d = text.charCodeAt(k);
              if (d >= 97 && d <= 122) d -= 32;
              if (d < 65 || d > 90) break;
              letters = letters * 26 + (d - 64);
            }
            if (letters > 0) c0 = letters - 1;
          } else if (n === 116) {
            const len = ve - q - 1;
            const f = text.charCodeAt(q + 1);
            if (len === 1) type = f === 115 ? T_S : f === 98 ? T_B : f === 101 ? T_E : f === 100 ? T_D : T_N;
            else if (len === 3 && f === 115) type = T_STR;
            else if (len === 9 && f === 105) type = T_INLINE;
          }
        }
        p = ve + 1;
      }
      col = c0 >= 0 ? c0 : col + 1;
      if (text.charCodeAt(gt - 1) === 47) {
        pos = gt + 1; // <c …/>: empty
        continue;
      }
      const ce = text.indexOf(this.cClose, gt);
      if (ce < 0 || ce > to) throw this.broken(rowNum);
      pos = ce + this.cClose.length;
      let value: RawCell = null;
      if (type === T_INLINE) {
        const s = this.text.richText(text, gt + 1, ce);
        value = s.length > 0 ? s : null;
      } else {
        // <v>…</v>
        const vOpen = this.vOpen;
        const vi = text.indexOf(vOpen, gt);
        if (vi < 0 || vi >= ce) {
          if (type === T_STR || type === T_N) {
            // some writers put inline <is> without t="inlineStr"
            const s = this.text.richText(text, gt + 1, ce);
            if (s.length > 0) value = s;
          }
        } else {
          const vc = text.charCodeAt(vi + vOpen.length);
          let vs = -1;
          if (vc === 62) vs = vi + vOpen.length + 1;
          else if (vc === 32 || vc === 9 || vc === 10 || vc === 13) {
            const vgt = text.indexOf('>', vi);
            if (text.charCodeAt(vgt - 1) !== 47) vs = vgt + 1;
          }
          if (vs >= 0) {
            const ve = text.indexOf(this.vClose, vs);
            if (ve < 0 || ve > ce) throw this.broken(rowNum);
            if (ve > vs) value = this.convert(text, vs, ve, type, rowNum);
          }
        }
      }
      if (value === null) continue;
      if (col === cells.length) cells.push(value);
      else if (col > cells.length) {
        while (cells.length < col) cells.push(null);
        cells.push(value);
      } else cells[col] = value; // out of order (invalid, but keep the value)
    }
    return cells;
  }

  private convert(text: string, vs: number, ve: number, type: number, rowNum: number): RawCell {
    switch (type) {
      case T_N: {
        const raw = text.slice(vs, ve);
        const n = +raw;
        if (n === n && text.charCodeAt(vs) > 32) return n;
        const s = this.text.value(text, vs, ve).trim();
        return s.length > 0 ? s : null;
      }
      case T_S: {
        let idx = 0;
        for (let k = vs; k < ve; k++) {
          const d = text.charCodeAt(k) - 48;
          if (d >= 0 && d <= 9) idx = idx * 10 + d;
        }
        const s = this.sst[idx];
        if (s === undefined) throw this.broken(rowNum);
        return s.length > 0 ? s : null;
      }
      case T_B: {
        const c = text.charCodeAt(vs);
        return c === 49 || c === 116 || c === 84; // 1, true, TRUE
      }
      default: {
        const s = this.text.value(text, vs, ve);
        return s.length > 0 ? s : null;
      }
    }
  }
}

/** Last row of a `ref` like "A1:AD1000001"; null when the ref is a single cell or missing. */
function dimensionLastRow(head: string): number | null {
  const m = /<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']/.exec(head);
  if (!m) return null;
  const ref = m[1]!;
  const colon = ref.indexOf(':');
  if (colon < 0) return null;
  const digits = /(\d+)\s*$/.exec(ref.slice(colon + 1));
  return digits ? Number(digits[1]) : null;
}

async function* sheetRows(z: Zip, info: SheetInfo, sst: readonly string[]): AsyncGenerator<RawRow> {
  const entry = findEntry(z, info.part);
  if (!entry) {
    throw new FpjcError('UNREADABLE_FILE', `文件「${z.file}」中工作表「${info.name}」的数据缺失，文件可能已损坏。请用 Excel/WPS 重新另存为 .xlsx 后再试`, {
      details: { file: z.file, sheet: info.name },
    });
  }
  let scanner: SheetScanner | null = null;
  let seg: Segmenter | null = null;
  let head = '';
  let expectLast: number | null = null;
  let emptySheet = false;
  const out: RawRow[] = [];
  for await (const chunk of textChunks(z, entry)) {
    if (emptySheet) continue;
    if (!scanner) {
      head += chunk;
      const prefix = rootPrefix(head);
      if (prefix === null) continue;
      const sd = head.indexOf(`<${prefix}sheetData`);
      if (sd < 0) continue;
      const gt = head.indexOf('>', sd);
      if (gt < 0) continue;
      expectLast = dimensionLastRow(head.slice(0, sd));
      scanner = new SheetScanner(info.name, z.file, sst, prefix);
      if (head.charCodeAt(gt - 1) === 47) {
        emptySheet = true; // <sheetData/>
        head = '';
        continue;
      }
      seg = new Segmenter(`</${prefix}row>`);
      const rest = head.slice(gt + 1);
      head = '';
      const r = seg.push(rest);
      if (r) scanner.rows(r[0], r[1], out);
    } else {
      const r = seg!.push(chunk);
      if (r) scanner.rows(r[0], r[1], out);
    }
    if (out.length > 0) {
      for (const row of out) yield row;
      out.length = 0;
    }
  }
  if (!scanner) {
    throw new FpjcError('UNREADABLE_FILE', `文件「${z.file}」的工作表「${info.name}」已损坏（找不到数据区）。请用 Excel/WPS 重新另存为 .xlsx 后再试`, {
      details: { file: z.file, sheet: info.name },
    });
  }
  if (seg) {
    const rest = seg.rest();
    const endTag = rest.indexOf('</', 0) >= 0 ? rest.search(/<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/) : -1;
    if (endTag < 0) {
      throw new FpjcError(
        'UNREADABLE_FILE',
        `文件「${z.file}」的工作表「${info.name}」不完整（在第 ${scanner.lastRow} 行之后中断），文件可能没有保存完整或已损坏。请用 Excel/WPS 打开后重新另存为 .xlsx 再试`,
        { details: { file: z.file, sheet: info.name, lastRow: scanner.lastRow } },
      );
    }
    scanner.rows(rest, endTag, out);
    for (const row of out) yield row;
    out.length = 0;
  }
  const last = scanner.lastRow;
  if (expectLast !== null && last > 0 && last < expectLast) {
    throw new FpjcError(
      'UNREADABLE_FILE',
      `文件「${z.file}」的工作表「${info.name}」应有 ${expectLast.toLocaleString('en-US')} 行，但只读到第 ${last.toLocaleString('en-US')} 行，文件可能不完整或已损坏。为避免漏导数据，已停止。请用 Excel/WPS 打开后重新另存为 .xlsx 再试`,
      { details: { file: z.file, sheet: info.name, expectedLastRow: expectLast, lastRow: last } },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

async function withZip<T>(file: string, fn: (z: Zip) => Promise<T>): Promise<T> {
  const z = await openZip(file);
  try {
    return await fn(z);
  } catch (err) {
    throw readError(err, file);
  } finally {
    z.zip.close();
  }
}

/** Worksheet names in workbook order (hidden ones included). */
export async function listSheets(file: string): Promise<string[]> {
  return withZip(file, async (z) => (await loadWorkbook(z)).sheets.map((s) => s.name));
}

/** Worksheets with their zip part and whether they are hidden. */
export async function listSheetInfo(file: string): Promise<SheetInfo[]> {
  return withZip(file, async (z) => (await loadWorkbook(z)).sheets);
}

function pickSheet(file: string, sheets: SheetInfo[], name: string | undefined): SheetInfo {
  if (name === undefined) {
    const first = sheets.find((s) => !s.hidden) ?? sheets[0];
    if (!first) throw new FpjcError('UNREADABLE_FILE', `文件「${file}」中没有工作表`, { details: { file } });
    return first;
  }
  const norm = (s: string): string => s.trim().toLowerCase();
  const found = sheets.find((s) => s.name === name) ?? sheets.find((s) => norm(s.name) === norm(name));
  if (found) return found;
  throw new FpjcError(
    'UNREADABLE_FILE',
    `工作表「${name}」不存在，文件中的工作表有：${sheets.map((s) => `「${s.name}」`).join('、') || '（无）'}`,
    { details: { file, sheet: name, sheets: sheets.map((s) => s.name) } },
  );
}

async function* readRows(file: string, pick: (sheets: SheetInfo[]) => SheetInfo[]): AsyncGenerator<RawRow> {
  const z = await openZip(file);
  try {
    const wb = await loadWorkbook(z);
    const chosen = pick(wb.sheets);
    if (chosen.length === 0) return;
    const sst = await readSharedStrings(z, wb.sharedStrings);
    for (const info of chosen) yield* sheetRows(z, info, sst);
  } catch (err) {
    throw readError(err, file);
  } finally {
    z.zip.close();
  }
}

/** Rows of one worksheet (by name; default the first visible sheet). */
export function readXlsxRows(file: string, opts: { sheet?: string | undefined } = {}): AsyncGenerator<RawRow> {
  return readRows(file, (sheets) => [pickSheet(file, sheets, opts.sheet)]);
}

/** Rows of every visible worksheet, sheet after sheet in workbook order. Hidden sheets are skipped. */
export function readXlsxAllSheets(file: string): AsyncGenerator<RawRow> {
  return readRows(file, (sheets) => sheets.filter((s) => !s.hidden));
}
