/**
 * Streaming .xlsx reader. The sheet XML is never held as one string (a 1M-row sheet is ~1 GB of
 * XML, more than V8's longest string): yauzl locates the entry, zlib inflates it on the thread
 * pool, TextDecoder({stream:true}) decodes it in 32 KB pieces (exact for multi-byte characters
 * straddling pieces, unlike exceljs's streaming reader, issues #2063/#2084), and a hand-written
 * scanner walks the text with indexOf/charCodeAt (no DOM, no per-cell regex).
 * Memory is bounded by a few chunks plus the shared-strings table.
 *
 * Limits, on purpose: no CDATA sections, no DTD entities (Excel, WPS, LibreOffice and exceljs
 * write neither); UTF-8 parts only.
 */
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { FpjcError } from '../domain/errors.js';
import { fileError, isFsError } from './file-errors.js';
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
  if (isFsError(err)) return fileError(err, file);
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
    if (isFsError(err)) throw fileError(err, file);
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

/**
 * Inflated bytes of an entry. yauzl locates the entry; inflating is done here with 256 KB output
 * chunks: each chunk is a round trip to the zlib thread, and yauzl's 16 KB chunks make that
 * overhead dominate (measured: 344 MB of XML inflates in 1.6 s with 16 KB, 0.3 s with 256 KB).
 * The byte count is checked against the central directory, so a truncated entry is an error,
 * not fewer rows.
 */
async function openStream(z: Zip, entry: yauzl.Entry): Promise<Readable> {
  if (entry.isEncrypted()) throw new Error('entry is encrypted');
  const raw = await new Promise<Readable>((resolve, reject) => {
    // yauzl 3's decodeFileData:false hands over the raw deflate data (not in @types/yauzl 2.10)
    const options = (entry.compressionMethod === 8 ? { decodeFileData: false } : {}) as unknown as yauzl.ZipFileOptions;
    z.zip.openReadStream(entry, options, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('openReadStream failed'));
      else resolve(stream);
    });
  });
  if (entry.compressionMethod !== 8) return raw;
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  const expected = entry.uncompressedSize;
  let seen = 0;
  const counter = new Transform({
    readableHighWaterMark: 1 << 20, // let inflate (on the thread pool) run ahead of the scanner
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > expected) cb(new Error(`too many bytes in ${entry.fileName}`));
      else cb(null, chunk);
    },
    flush(cb) {
      cb(seen === expected ? null : new Error(`${entry.fileName}: expected ${expected} bytes, got ${seen}`));
    },
  });
  pipeline(raw, inflate, counter, () => {}); // errors reach the consumer through `counter`
  return counter;
}

/** Decoded pieces stay below V8's large-object size (128 KB): bigger strings scan measurably slower. */
const DECODE_BYTES = 32 * 1024;

/** Decoded text of a zip entry, piece by piece; exact for characters straddling piece edges. */
async function* textChunks(z: Zip, entry: yauzl.Entry): AsyncGenerator<string> {
  const stream = await openStream(z, entry);
  const decoder = new TextDecoder('utf-8'); // strips a BOM; {stream:true} keeps split characters
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < buf.length; i += DECODE_BYTES) {
        const s = decoder.decode(buf.subarray(i, i + DECODE_BYTES), { stream: true });
        if (s.length > 0) yield s;
      }
    }
    const tail = decoder.decode();
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
      const cp =
        body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

// Excel's escape for characters XML cannot carry (_x000D_ for CR); _x005F_ is a literal underscore.
const ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;
const decodeEscapes = (s: string): string =>
  s.replace(ESCAPE_RE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

const CR_RE = /\r\n?/g;

function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** Elements named `local` (any namespace prefix) in a small XML part: their attributes. */
function elements(xml: string, local: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])([^>]*)>`, 'g');
  const out: Map<string, string>[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(parseAttrs(m[1]!));
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

// Element names the scanners care about, recognised by char codes after '<' (and the prefix).
const EL_OTHER = 0;
const EL_ROW = 1;
const EL_C = 2;
const EL_V = 3;
const EL_IS = 4;
const EL_T = 5;
const EL_F = 6;
const EL_RPH = 7;
const EL_SI = 8;

const isDelim = (c: number): boolean => c === 62 || c === 47 || c <= 32; // '>', '/', whitespace

/**
 * Shared by the sheet and shared-strings scanners: element names, character data with
 * entities, CR normalisation and _xHHHH_ escapes, and rich text (<t> runs, phonetic runs skipped).
 * Character data never contains '<', so "the next '<'" is the end of a text node.
 */
class XmlScanner {
  protected readonly pl: number;
  constructor(protected readonly prefix: string) {
    this.pl = prefix.length;
  }

  /** Which element starts at text[lt] === '<' (for a closing tag pass the index of its '/'). */
  protected nameAt(text: string, lt: number): number {
    let s = lt + 1;
    if (this.pl > 0) {
      if (!text.startsWith(this.prefix, s)) return EL_OTHER;
      s += this.pl;
    }
    const c0 = text.charCodeAt(s);
    const c1 = text.charCodeAt(s + 1);
    switch (c0) {
      case 99: // c
        return isDelim(c1) ? EL_C : EL_OTHER;
      case 118: // v
        return isDelim(c1) ? EL_V : EL_OTHER;
      case 116: // t
        return isDelim(c1) ? EL_T : EL_OTHER;
      case 102: // f
        return isDelim(c1) ? EL_F : EL_OTHER;
      case 105: // is
        return c1 === 115 && isDelim(text.charCodeAt(s + 2)) ? EL_IS : EL_OTHER;
      case 115: // si
        return c1 === 105 && isDelim(text.charCodeAt(s + 2)) ? EL_SI : EL_OTHER;
      case 114: // row, rPh
        if (c1 === 111) return text.charCodeAt(s + 2) === 119 && isDelim(text.charCodeAt(s + 3)) ? EL_ROW : EL_OTHER;
        if (c1 === 80) return text.charCodeAt(s + 2) === 104 && isDelim(text.charCodeAt(s + 3)) ? EL_RPH : EL_OTHER;
        return EL_OTHER;
      default:
        return EL_OTHER;
    }
  }

  protected broken(): Error {
    return new Error('XML 结构不完整');
  }

  /** Index after the '>' that ends the tag starting at `lt`. */
  protected tagEnd(text: string, lt: number): number {
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw this.broken();
    return gt + 1;
  }

  /** Decoded character data text[a, b). */
  protected chars(text: string, a: number, b: number): string {
    const s = text.slice(a, b);
    // one pass to see whether any decoding is needed: '&' entities, CR, '_' of _xHHHH_
    let special = false;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c === 38 || c === 13 || c === 95) {
        special = true;
        break;
      }
    }
    if (!special) return s;
    let out = s;
    if (out.indexOf('\r') >= 0) out = out.replace(CR_RE, '\n'); // XML end-of-line normalisation
    if (out.indexOf('&') >= 0) out = decodeEntities(out);
    if (out.indexOf('_x') >= 0) out = decodeEscapes(out);
    return out;
  }

  protected richEnd = 0;

  /**
   * Text of an <is> or <si> whose content starts at `p`: all <t> runs (plain or inside <r>),
   * phonetic <rPh> runs skipped. Consumes the closing </is> or </si>; sets `richEnd` after it.
   */
  protected rich(text: string, p: number): string {
    let out = '';
    for (;;) {
      const lt = text.indexOf('<', p);
      if (lt < 0) throw this.broken();
      if (text.charCodeAt(lt + 1) === 47) {
        const k = this.nameAt(text, lt + 1);
        p = this.tagEnd(text, lt);
        if (k === EL_IS || k === EL_SI) {
          this.richEnd = p;
          return out;
        }
        continue; // </r>, </rPr>, …
      }
      const k = this.nameAt(text, lt);
      if (k === EL_T) {
        const gt = this.pl === 0 && text.charCodeAt(lt + 2) === 62 ? lt + 3 : this.tagEnd(text, lt);
        if (text.charCodeAt(gt - 2) === 47) {
          p = gt; // <t/>
          continue;
        }
        const te = text.indexOf('<', gt);
        if (te < 0) throw this.broken();
        const piece = this.chars(text, gt, te);
        out = out.length === 0 ? piece : out + piece;
        p = this.tagEnd(text, te);
      } else if (k === EL_RPH) {
        const gt = this.tagEnd(text, lt);
        if (text.charCodeAt(gt - 2) === 47) p = gt;
        else {
          const close = `</${this.prefix}rPh>`;
          const e = text.indexOf(close, gt);
          if (e < 0) throw this.broken();
          p = e + close.length;
        }
      } else p = this.tagEnd(text, lt); // <r>, <rPr> and its children, <phoneticPr/>: step in
    }
  }
}

/** Shared strings: every <si> of a segment. */
class SstScanner extends XmlScanner {
  constructor(
    prefix: string,
    private readonly out: string[],
  ) {
    super(prefix);
  }

  scan(text: string, end: number): void {
    let p = 0;
    for (;;) {
      const lt = text.indexOf('<', p);
      if (lt < 0 || lt >= end) return;
      if (text.charCodeAt(lt + 1) === 47 || this.nameAt(text, lt) !== EL_SI) {
        p = lt + 1;
        continue;
      }
      const gt = this.tagEnd(text, lt);
      if (text.charCodeAt(gt - 2) === 47) {
        this.out.push('');
        p = gt;
        continue;
      }
      this.out.push(this.rich(text, gt));
      p = this.richEnd;
    }
  }
}

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
    } else text = this.carry.length > 0 ? [this.carry, chunk].join('') : chunk; // join gives a flat string: charCodeAt on a cons string is slower
    const end = text.length - chunk.length + idx + this.endTag.length;
    this.carry = text.slice(end);
    return [text, end];
  }

  /** Whether the text after the last complete element contains `s`. */
  carryIncludes(s: string): boolean {
    return this.carry.includes(s);
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
  let scanner: SstScanner | null = null;
  let seg: Segmenter | null = null;
  let head = '';
  for await (const chunk of textChunks(z, entry)) {
    if (!scanner || !seg) {
      head += chunk;
      const p = rootPrefix(head);
      if (p === null) continue;
      scanner = new SstScanner(p, out);
      seg = new Segmenter(`</${p}si>`);
      const r = seg.push(head);
      head = '';
      if (r) scanner.scan(r[0], r[1]);
      continue;
    }
    const r = seg.push(chunk);
    if (r) scanner.scan(r[0], r[1]);
  }
  if (scanner && seg) {
    const rest = seg.rest();
    scanner.scan(rest, rest.length);
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

/** Integer value of text[a, b) if it is a plain integer of ≤ 15 digits, else NaN. */
function intAt(text: string, a: number, b: number): number {
  if (b - a > 15 || b <= a) return Number.NaN;
  let i = a;
  let neg = false;
  if (text.charCodeAt(i) === 45) {
    neg = true;
    i++;
    if (i === b) return Number.NaN;
  }
  let n = 0;
  for (; i < b; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return neg ? -n : n;
}

class SheetScanner extends XmlScanner {
  lastRow = 0;
  private pos = 0;
  // results of attrs(): r (row number, or column letters as 1-based number), t (type), tag end
  private aR = 0;
  private aT = T_N;
  private aEnd = 0;
  private aSelf = false;

  constructor(
    readonly sheet: string,
    readonly file: string,
    private readonly sst: readonly string[],
    prefix: string,
  ) {
    super(prefix);
  }

  protected override broken(): FpjcError {
    const row = this.lastRow;
    return new FpjcError(
      'UNREADABLE_FILE',
      `文件「${this.file}」的工作表「${this.sheet}」在第 ${row} 行附近已损坏，无法读取。请用 Excel/WPS 打开后重新另存为 .xlsx 再试`,
      { details: { file: this.file, sheet: this.sheet, row } },
    );
  }

  /**
   * Walk the attributes of a start tag from `a` (just after its name) to its '>' with plain char
   * reads (tags are short; this beats several indexOf calls). Reads r (digits for a row, letters
   * for a cell) and t.
   */
  private attrs(text: string, a: number, isRow: boolean): void {
    this.aR = 0;
    this.aT = T_N;
    let c = text.charCodeAt(a);
    for (;;) {
      while (c <= 32) c = text.charCodeAt(++a);
      if (c === 62) {
        this.aEnd = a + 1;
        this.aSelf = false;
        return;
      }
      if (c === 47) {
        this.aEnd = text.indexOf('>', a) + 1;
        this.aSelf = true;
        return;
      }
      if (Number.isNaN(c)) throw this.broken(); // NaN: ran off the text
      const ns = a;
      while (c !== 61 && c > 32) c = text.charCodeAt(++a);
      const nameLen = a - ns;
      const n0 = text.charCodeAt(ns);
      while (c !== 61) {
        if (Number.isNaN(c)) throw this.broken();
        c = text.charCodeAt(++a);
      }
      c = text.charCodeAt(++a);
      while (c <= 32) c = text.charCodeAt(++a);
      const quote = c;
      const vs = a + 1;
      if (nameLen === 1 && n0 === 114) {
        // r: digits for a row; letters (then digits, skipped) for a cell; read while finding the quote
        let v = 0;
        c = text.charCodeAt(++a);
        if (isRow) {
          while (c !== quote) {
            const d = c - 48;
            if (d >= 0 && d <= 9) v = v * 10 + d;
            else if (Number.isNaN(c)) throw this.broken();
            c = text.charCodeAt(++a);
          }
        } else {
          for (;;) {
            const d = c >= 97 ? c - 32 : c;
            if (d < 65 || d > 90) break;
            v = v * 26 + (d - 64);
            c = text.charCodeAt(++a);
          }
          while (c !== quote) {
            if (Number.isNaN(c)) throw this.broken();
            c = text.charCodeAt(++a);
          }
        }
        this.aR = v;
      } else if (nameLen === 1 && n0 === 116) {
        // t: the known values by first letter and length, without reading them char by char
        const f = text.charCodeAt(vs);
        if (text.charCodeAt(vs + 1) === quote) {
          a = vs + 1;
          this.aT = f === 115 ? T_S : f === 98 ? T_B : f === 101 ? T_E : f === 100 ? T_D : T_N;
        } else if (f === 105 && text.charCodeAt(vs + 9) === quote) {
          a = vs + 9;
          this.aT = T_INLINE;
        } else if (f === 115 && text.charCodeAt(vs + 3) === quote) {
          a = vs + 3;
          this.aT = T_STR;
        } else a = this.skipValue(text, a, quote);
      } else a = this.skipValue(text, a, quote); // values are short: a loop beats an indexOf call
      c = text.charCodeAt(++a);
    }
  }

  /** Index of the closing `quote` of the attribute value whose opening quote is at `a`. */
  private skipValue(text: string, a: number, quote: number): number {
    let c = text.charCodeAt(++a);
    while (c !== quote) {
      if (Number.isNaN(c)) throw this.broken();
      c = text.charCodeAt(++a);
    }
    return a;
  }

  /** Parse every <row> in text[0, end) (which ends on a complete row) into `out`; empty rows are skipped. */
  rows(text: string, end: number, out: RawRow[]): void {
    let p = 0;
    for (;;) {
      const lt = text.indexOf('<', p);
      if (lt < 0 || lt >= end) return;
      if (text.charCodeAt(lt + 1) === 47 || this.nameAt(text, lt) !== EL_ROW) {
        p = lt + 1;
        continue;
      }
      this.attrs(text, lt + 4 + this.pl, true);
      const rowNum = this.aR > 0 ? this.aR : this.lastRow + 1;
      this.lastRow = rowNum;
      if (this.aSelf) {
        p = this.aEnd; // <row/>
        continue;
      }
      const cells = this.cells(text, this.aEnd);
      p = this.pos;
      if (cells.length > 0) out.push({ sheet: this.sheet, row: rowNum, cells });
    }
  }

  /** Cells from `p` up to and including </row>; sets `pos` after it. */
  private cells(text: string, p: number): RawCell[] {
    const cells: RawCell[] = [];
    const plain = this.pl === 0;
    let col = -1;
    for (;;) {
      const lt = text.charCodeAt(p) === 60 ? p : text.indexOf('<', p);
      if (lt < 0) throw this.broken();
      if (text.charCodeAt(lt + 1) === 47) {
        const k = this.nameAt(text, lt + 1);
        p = this.tagEnd(text, lt);
        if (k === EL_ROW) break;
        continue;
      }
      if (
        plain ? text.charCodeAt(lt + 1) !== 99 || !isDelim(text.charCodeAt(lt + 2)) : this.nameAt(text, lt) !== EL_C
      ) {
        p = lt + 1;
        continue;
      }
      this.attrs(text, lt + 2 + this.pl, false);
      const type = this.aT;
      col = this.aR > 0 ? this.aR - 1 : col + 1;
      p = this.aEnd;
      if (this.aSelf) continue; // <c …/>: empty
      let vs = -1;
      let ve = -1;
      let inline: string | null = null;
      let done = false;
      // fast paths for what Excel, exceljs and our writer produce: <v>…</v></c> and <is><t>…</t></is></c>
      if (plain && text.charCodeAt(p) === 60) {
        const n1 = text.charCodeAt(p + 1);
        if (n1 === 118 && text.charCodeAt(p + 2) === 62) {
          const e = text.indexOf('<', p + 3);
          if (
            e > 0 &&
            text.charCodeAt(e + 4) === 60 &&
            text.charCodeAt(e + 6) === 99 &&
            text.charCodeAt(e + 7) === 62
          ) {
            vs = p + 3;
            ve = e;
            p = e + 8;
            done = true;
          }
        } else if (
          n1 === 105 &&
          text.charCodeAt(p + 4) === 60 &&
          text.charCodeAt(p + 5) === 116 &&
          text.charCodeAt(p + 6) === 62
        ) {
          // <is><t>: well-formed XML then has </t> at the next '<'; check the rest is exactly </is></c>
          const e = text.indexOf('<', p + 7);
          if (
            e > 0 &&
            text.charCodeAt(e + 4) === 60 &&
            text.charCodeAt(e + 5) === 47 &&
            text.charCodeAt(e + 6) === 105 &&
            text.charCodeAt(e + 8) === 62 &&
            text.charCodeAt(e + 10) === 47 &&
            text.charCodeAt(e + 11) === 99 &&
            text.charCodeAt(e + 12) === 62
          ) {
            inline = this.chars(text, p + 7, e);
            p = e + 13;
            done = true;
          }
        }
      }
      // general case: any order, whitespace, rich text, formulas, prefixes
      while (!done) {
        const l2 = text.indexOf('<', p);
        if (l2 < 0) throw this.broken();
        if (text.charCodeAt(l2 + 1) === 47) {
          const k = this.nameAt(text, l2 + 1);
          p = this.tagEnd(text, l2);
          if (k === EL_C) break;
          continue;
        }
        const k = this.nameAt(text, l2);
        if (k === EL_V) {
          const g = this.tagEnd(text, l2);
          if (text.charCodeAt(g - 2) === 47) {
            p = g; // <v/>
            continue;
          }
          vs = g;
          ve = text.indexOf('<', g);
          if (ve < 0) throw this.broken();
          p = this.tagEnd(text, ve);
        } else if (k === EL_IS) {
          const g = this.tagEnd(text, l2);
          if (text.charCodeAt(g - 2) === 47) {
            p = g;
            continue;
          }
          inline = this.rich(text, g);
          p = this.richEnd;
        } else if (k === EL_F) {
          const g = this.tagEnd(text, l2);
          if (text.charCodeAt(g - 2) === 47) p = g;
          else {
            const fe = text.indexOf('<', g); // formula text has no '<': this is </f>
            if (fe < 0) throw this.broken();
            p = this.tagEnd(text, fe);
          }
        } else p = l2 + 1;
      }
      let value: RawCell = null;
      if (inline !== null) value = inline.length > 0 ? inline : null;
      else if (vs >= 0 && ve > vs) value = this.convert(text, vs, ve, type);
      if (value === null) continue;
      if (col === cells.length) cells.push(value);
      else if (col > cells.length) {
        while (cells.length < col) cells.push(null);
        cells.push(value);
      } else cells[col] = value; // out of order (invalid, but keep the value)
    }
    this.pos = p;
    return cells;
  }

  private convert(text: string, vs: number, ve: number, type: number): RawCell {
    switch (type) {
      case T_N: {
        const i = intAt(text, vs, ve);
        if (!Number.isNaN(i)) return i;
        const n = +text.slice(vs, ve);
        if (!Number.isNaN(n) && text.charCodeAt(vs) > 32) return n;
        const s = this.chars(text, vs, ve).trim();
        return s.length > 0 ? s : null;
      }
      case T_S: {
        let idx = intAt(text, vs, ve);
        if (Number.isNaN(idx)) idx = Number(text.slice(vs, ve).trim());
        const s = this.sst[idx];
        if (s === undefined) throw this.broken();
        return s.length > 0 ? s : null;
      }
      case T_B: {
        const c = text.charCodeAt(vs);
        return c === 49 || c === 116 || c === 84; // 1, true, TRUE
      }
      default: {
        const s = this.chars(text, vs, ve);
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
    throw new FpjcError(
      'UNREADABLE_FILE',
      `文件「${z.file}」中工作表「${info.name}」的数据缺失，文件可能已损坏。请用 Excel/WPS 重新另存为 .xlsx 后再试`,
      {
        details: { file: z.file, sheet: info.name },
      },
    );
  }
  let scanner: SheetScanner | null = null;
  let seg: Segmenter | null = null;
  let head = '';
  let expectLast: number | null = null;
  let emptySheet = false;
  // after </sheetData> come merges, validations, hyperlinks…: read on (to the end of the zip entry,
  // which checks it is intact) but stop keeping text once the end tag has been seen
  let dataEnded = false;
  let tail = '';
  const out: RawRow[] = [];
  for await (const chunk of textChunks(z, entry)) {
    if (emptySheet || dataEnded) continue;
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
      if (r) {
        scanner.rows(r[0], r[1], out);
        if (seg!.carryIncludes('sheetData>')) dataEnded = true;
      } else if (chunk.includes('sheetData>') || (tail + chunk.slice(0, 16)).includes('sheetData>')) dataEnded = true;
      tail = chunk.slice(-16);
    }
    if (out.length > 0) {
      for (const row of out) yield row;
      out.length = 0;
    }
  }
  if (!scanner) {
    throw new FpjcError(
      'UNREADABLE_FILE',
      `文件「${z.file}」的工作表「${info.name}」已损坏（找不到数据区）。请用 Excel/WPS 重新另存为 .xlsx 后再试`,
      {
        details: { file: z.file, sheet: info.name },
      },
    );
  }
  if (seg) {
    const rest = seg.rest();
    const endTag = rest.search(/<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/);
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
