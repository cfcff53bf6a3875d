/**
 * Streaming .xlsx reader. The sheet XML is never held as one string (a 1M-row sheet is ~1 GB of
 * XML, more than V8's longest string): yauzl locates the entry, zlib inflates it on the thread
 * pool, TextDecoder({stream:true}) decodes it in 32 KB pieces (exact for multi-byte characters
 * straddling pieces, unlike exceljs's streaming reader, issues #2063/#2084), and a hand-written
 * scanner walks the text with indexOf/charCodeAt (no DOM, no per-cell regex).
 * Memory is bounded by a few chunks plus the shared-strings table, and every buffer has a limit
 * (XLSX_LIMITS): a file past one is refused with a message naming it, never read until memory
 * runs out. No count or index the file gives is used to size anything.
 *
 * Refused on purpose: DOCTYPE declarations and entities other than XML's five (Excel, WPS,
 * LibreOffice and exceljs never write them; they are how entity bombs and XXE work), cells
 * beyond Excel's last column XFD or row 1,048,576, bytes that are not UTF-8. Not supported: CDATA
 * sections, UTF-16 parts.
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

/** Bounds on what a file can make the reader hold or build. Legitimate county files stay far below. */
export const XLSX_LIMITS = {
  /** Excel's last column, XFD. */
  columns: 16_384,
  rows: 1_048_576,
  sharedStrings: 4_000_000,
  /** Total length of all shared strings (UTF-16 units). */
  sharedStringChars: 48 * 1024 * 1024,
  /** Longest stretch of sheet or shared-strings XML without a complete row / string. */
  elementChars: 32 * 1024 * 1024,
  /** Longest small part (workbook, relationships) and sheet start before <sheetData>. */
  partChars: 16 * 1024 * 1024,
  zipEntries: 100_000,
};

/** (4000000, '个') → 「400 万个」, (33554432, '个') → 「3355 万个」, (1000, '个') → 「1,000 个」. */
const amount = (n: number, unit: string): string =>
  n >= 100_000 ? `${Math.round(n / 10_000)} 万${unit}` : `${n.toLocaleString('en-US')} ${unit}`;

/** The file is past one of XLSX_LIMITS; `what` completes 「文件「…」…」. */
export class XlsxLimitError extends Error {
  constructor(
    readonly what: string,
    readonly limit: keyof typeof XLSX_LIMITS,
  ) {
    super(what);
  }
}

/** XML the reader refuses to interpret (DOCTYPE, undeclared entities). */
class XmlRefusedError extends Error {}

const notXlsxMessage = (file: string): string =>
  `文件「${file}」不是有效的 Excel (.xlsx) 文件（可能已损坏或是其他格式），如果是 .xls 请用 Excel 另存为 .xlsx；如果是 CSV 请把扩展名改为 .csv`;

function notXlsx(file: string, cause?: unknown): FpjcError {
  return new FpjcError('UNREADABLE_FILE', notXlsxMessage(file), { cause, details: { file } });
}

/** fs errors become fileError; zip/zlib/XML problems become UNREADABLE_FILE; our own bugs stay visible. */
function readError(err: unknown, file: string): unknown {
  if (err instanceof FpjcError) return err;
  if (err instanceof XlsxLimitError) {
    return new FpjcError(
      'UNREADABLE_FILE',
      `文件「${file}」${err.what}，超过了本程序读取 Excel 文件的上限，已停止读取（登记库未改动）。正常的 Excel 导出不会这样，文件可能已损坏或被篡改：请用 Excel/WPS 打开检查后重新另存为 .xlsx 再导入，数据确实很多时请分成几个文件`,
      { cause: err, details: { file, limit: err.limit, value: XLSX_LIMITS[err.limit] } },
    );
  }
  if (err instanceof XmlRefusedError) {
    return new FpjcError(
      'UNREADABLE_FILE',
      `文件「${file}」含有 Excel 不会写出的 XML 内容（${err.message}），为安全起见已拒绝读取（登记库未改动）。文件可能由其他程序生成或被篡改：请用 Excel/WPS 打开后重新另存为 .xlsx 再导入`,
      { cause: err, details: { file } },
    );
  }
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
        if (entries.size >= XLSX_LIMITS.zipEntries) {
          reject(new XlsxLimitError(`的压缩包中有超过 ${amount(XLSX_LIMITS.zipEntries, '个')}部件`, 'zipEntries'));
          return;
        }
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
    throw err instanceof XlsxLimitError ? readError(err, file) : notXlsx(file, err);
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
async function* textChunks(z: Zip, entry: yauzl.Entry, read?: { bytes: number }): AsyncGenerator<string> {
  const stream = await openStream(z, entry);
  // strips a BOM; {stream:true} keeps split characters; fatal: bytes that are not UTF-8 would
  // otherwise arrive as U+FFFD in a person's name
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (buf: Uint8Array | undefined, stream: boolean): string => {
    try {
      return decoder.decode(buf, { stream });
    } catch {
      throw new Error(`${entry.fileName} 中有不是 UTF-8 编码的字节`);
    }
  };
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < buf.length; i += DECODE_BYTES) {
        if (read) read.bytes += Math.min(DECODE_BYTES, buf.length - i);
        const s = decode(buf.subarray(i, i + DECODE_BYTES), true);
        if (s.length > 0) yield s;
      }
    }
    const tail = decode(undefined, false);
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
  let length = 0;
  for await (const s of textChunks(z, entry)) {
    length += s.length;
    if (length > XLSX_LIMITS.partChars) throw partTooLong(entry.fileName);
    parts.push(s);
  }
  const text = parts.join('');
  checkProlog(text);
  return text;
}

const partTooLong = (part: string): XlsxLimitError =>
  new XlsxLimitError(`的部件「${part}」中有超过 ${amount(XLSX_LIMITS.partChars, '个')}字符的内容`, 'partChars');

// ---------------------------------------------------------------------------------------------
// Text helpers

// Character references and named entity references; a bare '&' (invalid, but harmless) stays text.
const ENTITY_RE = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z_:][\w.:-]*);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five entities and character references; anything else is refused, never kept as text. */
function decodeEntities(s: string): string {
  return s.replace(ENTITY_RE, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const cp =
        body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      if (cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) return String.fromCodePoint(cp);
      throw new XmlRefusedError(`无效的字符引用「${whole}」`);
    }
    const named = NAMED[body];
    if (named === undefined) throw new XmlRefusedError(`未声明的实体「${whole.slice(0, 40)}」`);
    return named;
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

/** Index of the '<' of the root element (after <?xml …?>, comments, a DOCTYPE) from `from`, or -1 when not in `text` yet. */
function rootStart(text: string, from = 0): number {
  let i = from;
  for (;;) {
    i = text.indexOf('<', i);
    if (i < 0 || i + 1 >= text.length) return -1;
    const c = text.charCodeAt(i + 1);
    if (c !== 63 && c !== 33) return i; // skip <?xml …?> and <!-- … -->
    i++;
  }
}

/** Namespace prefix ("" or "x:") of the element starting at text[i] === '<'; null when its name is cut off. */
function prefixAt(text: string, i: number): string | null {
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

const DTD_RE = /<!(DOCTYPE|ENTITY)/i;

/** The text before the root element may hold <?xml …?> and comments, not a DOCTYPE (DTD entities). */
function checkProlog(text: string): void {
  const root = rootStart(text);
  if (DTD_RE.test(root < 0 ? text : text.slice(0, root))) throw new XmlRefusedError('文档类型声明 DOCTYPE');
}

/**
 * The start of a streamed part (sheet, shared strings), chunk by chunk until the root element
 * and whatever the caller waits for: bounded by XLSX_LIMITS.partChars, a DOCTYPE refused, and
 * each character looked at about once however many chunks it takes.
 */
class PartHead {
  text = '';
  /** Root element's namespace prefix once known. */
  prefix: string | null = null;
  private searched = 0;
  constructor(private readonly part: string) {}

  add(chunk: string): void {
    const checked = this.text.length;
    this.text += chunk;
    if (this.text.length > XLSX_LIMITS.partChars) throw partTooLong(this.part);
    if (this.prefix !== null) return;
    const root = rootStart(this.text, this.searched);
    const prolog = this.text.slice(Math.max(0, checked - 16), root < 0 ? this.text.length : root);
    if (DTD_RE.test(prolog)) throw new XmlRefusedError('文档类型声明 DOCTYPE');
    if (root < 0) {
      this.searched = Math.max(0, this.text.lastIndexOf('<'));
      return;
    }
    this.searched = root;
    this.prefix = prefixAt(this.text, root);
  }

  /** Index of `s` in the text, searching each character about once over repeated calls. */
  private from = 0;
  find(s: string): number {
    const i = this.text.indexOf(s, this.from);
    this.from = i < 0 ? Math.max(0, this.text.length - s.length) : i;
    return i;
  }
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

/**
 * A flat copy of `s`. V8's slice() of 13+ characters is a view that keeps the whole segment it
 * was cut from alive: a value kept by the caller (a key in the import's seen-keys set) would pin
 * its 32 KB+ of XML. Measured on an import of 40,000 rows padded to 1.6 GB of XML (a 7.7 MB
 * file): out of heap without the copy, 200 MB peak with it.
 */
const own = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

const SST_BLOCK_CHARS = 1 << 20;

/**
 * The shared-strings table, packed: the strings' text joined into blocks of about 1M characters
 * and per string its block and range in typed arrays, 10 bytes a string instead of a string
 * object of 60-100 bytes (3 million short Chinese strings peaked at 520 MB as strings, 400 MB
 * packed). `get` hands out slices of the blocks, which live as long as the table.
 */
export class SharedStrings {
  private blocks: string[] = [];
  private pieces: string[] = [];
  private pieceChars = 0;
  private block = new Uint16Array(1024);
  private start = new Uint32Array(1024);
  private end = new Uint32Array(1024);
  private total = 0;
  count = 0;

  add(s: string): void {
    if (this.count >= XLSX_LIMITS.sharedStrings) {
      throw new XlsxLimitError(
        `的共享字符串表中有超过 ${amount(XLSX_LIMITS.sharedStrings, '个')}字符串`,
        'sharedStrings',
      );
    }
    this.total += s.length;
    if (this.total > XLSX_LIMITS.sharedStringChars) {
      throw new XlsxLimitError(
        `的共享字符串合计超过 ${amount(XLSX_LIMITS.sharedStringChars, '个')}字符`,
        'sharedStringChars',
      );
    }
    if (this.count === this.start.length) this.grow();
    const i = this.count++;
    this.block[i] = this.blocks.length;
    this.start[i] = this.pieceChars;
    this.pieceChars += s.length;
    this.end[i] = this.pieceChars;
    this.pieces.push(s);
    if (this.pieceChars >= SST_BLOCK_CHARS) this.seal();
  }

  /** Call once all strings are added. */
  seal(): void {
    if (this.pieces.length === 0) return;
    this.blocks.push(this.pieces.join(''));
    this.pieces = [];
    this.pieceChars = 0;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    return this.blocks[this.block[i]!]!.slice(this.start[i], this.end[i]);
  }

  private grow(): void {
    const n = this.start.length * 2;
    const widen = <A extends Uint16Array | Uint32Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.block = widen(this.block, (k) => new Uint16Array(k));
    this.start = widen(this.start, (k) => new Uint32Array(k));
    this.end = widen(this.end, (k) => new Uint32Array(k));
  }
}

/** Shared strings: every <si> of a segment. */
class SstScanner extends XmlScanner {
  constructor(
    prefix: string,
    private readonly out: SharedStrings,
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
        this.out.add('');
        p = gt;
        continue;
      }
      this.out.add(this.rich(text, gt));
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
  private pendingChars = 0;
  constructor(
    private readonly endTag: string,
    private readonly tooLong: () => XlsxLimitError,
  ) {}

  /** Returns [text, end] when `chunk` completes at least one element, else null. */
  push(chunk: string): [string, number] | null {
    const idx = chunk.lastIndexOf(this.endTag);
    if (idx < 0) {
      this.pendingChars += chunk.length;
      if (this.pendingChars > XLSX_LIMITS.elementChars) throw this.tooLong();
      this.pending.push(chunk);
      return null;
    }
    this.pendingChars = 0;
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
    this.pendingChars = 0;
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

async function readSharedStrings(z: Zip, part: string | null): Promise<SharedStrings> {
  const out = new SharedStrings();
  const entry = part ? findEntry(z, part) : undefined;
  if (!entry) return out;
  let scanner: SstScanner | null = null;
  let seg: Segmenter | null = null;
  const head = new PartHead(entry.fileName);
  for await (const chunk of textChunks(z, entry)) {
    if (!scanner || !seg) {
      head.add(chunk);
      const p = head.prefix;
      if (p === null) continue;
      scanner = new SstScanner(p, out);
      seg = new Segmenter(
        `</${p}si>`,
        () =>
          new XlsxLimitError(
            `的共享字符串表中第 ${out.count + 1} 个字符串之后有超过 ${amount(XLSX_LIMITS.elementChars, '个')}字符的内容不构成完整的字符串`,
            'elementChars',
          ),
      );
      const r = seg.push(head.text);
      head.text = '';
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
  out.seal();
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

/** Cells a batch of rows may hold before they are handed on (bounds memory for wide sparse rows). */
const ROW_BATCH_CELLS = 1 << 18;

/** The cell reference starting at text[a] (up to its quote), shortened for a message. */
function cellRef(text: string, a: number): string {
  const m = /^[A-Za-z]{1,20}\d{0,10}/.exec(text.slice(a, a + 40));
  return m ? m[0] : text.slice(a, a + 20);
}

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
    private readonly sst: SharedStrings,
    prefix: string,
  ) {
    super(prefix);
  }

  /** A row or column beyond Excel's grid: refused before anything is sized by it. */
  outside(where: string, why: string): FpjcError {
    return new FpjcError(
      'UNREADABLE_FILE',
      `文件「${this.file}」的工作表「${this.sheet}」中有单元格位于${where}，${why}。文件已损坏或不是 Excel 生成的，已拒绝读取（登记库未改动）。请用 Excel/WPS 打开后重新另存为 .xlsx 再导入`,
      { details: { file: this.file, sheet: this.sheet, row: this.lastRow } },
    );
  }

  tooLong(): XlsxLimitError {
    return new XlsxLimitError(
      `的工作表「${this.sheet}」第 ${this.lastRow} 行之后有超过 ${amount(XLSX_LIMITS.elementChars, '个')}字符的内容不构成完整的行`,
      'elementChars',
    );
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
            if (v > XLSX_LIMITS.columns)
              throw this.outside(`「${cellRef(text, vs)}」列`, '超出了 Excel 的最后一列 XFD');
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

  /**
   * Parse the <row>s in text[from, end) (which ends on a complete row) into `out`; empty rows are
   * skipped. Returns where to go on once `out` holds ROW_BATCH_CELLS cells, or -1 at `end`.
   */
  rows(text: string, from: number, end: number, out: RawRow[]): number {
    let p = from;
    let cellCount = 0;
    for (;;) {
      if (cellCount >= ROW_BATCH_CELLS) return p;
      const lt = text.indexOf('<', p);
      if (lt < 0 || lt >= end) return -1;
      if (text.charCodeAt(lt + 1) === 47 || this.nameAt(text, lt) !== EL_ROW) {
        p = lt + 1;
        continue;
      }
      this.attrs(text, lt + 4 + this.pl, true);
      const rowNum = this.aR > 0 ? this.aR : this.lastRow + 1;
      if (rowNum > XLSX_LIMITS.rows)
        throw this.outside(`第 ${rowNum} 行`, `超出了 Excel 的最后一行 ${XLSX_LIMITS.rows}`);
      this.lastRow = rowNum;
      if (this.aSelf) {
        p = this.aEnd; // <row/>
        continue;
      }
      const cells = this.cells(text, this.aEnd);
      p = this.pos;
      if (cells.length > 0) {
        out.push({ sheet: this.sheet, row: rowNum, cells });
        cellCount += cells.length;
      }
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
      if (col >= XLSX_LIMITS.columns) throw this.outside(`第 ${col + 1} 列`, '超出了 Excel 的最后一列 XFD');
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
      if (inline !== null) value = inline.length > 0 ? own(inline) : null;
      else if (vs >= 0 && ve > vs) value = this.convert(text, vs, ve, type);
      if (value === null) continue;
      if (col === cells.length) cells.push(value);
      else if (col > cells.length) {
        const n = cells.length;
        if (col - n > 64) {
          cells.length = col; // one allocation for a wide gap (col < XLSX_LIMITS.columns)
          cells.fill(null, n);
        } else while (cells.length < col) cells.push(null);
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
        return s.length > 0 ? own(s) : null;
      }
      case T_S: {
        let idx = intAt(text, vs, ve);
        if (Number.isNaN(idx)) idx = Number(text.slice(vs, ve).trim());
        const s = this.sst.get(idx);
        if (s === undefined) throw this.broken();
        return s.length > 0 ? s : null;
      }
      case T_B: {
        const c = text.charCodeAt(vs);
        return c === 49 || c === 116 || c === 84; // 1, true, TRUE
      }
      default: {
        const s = this.chars(text, vs, ve);
        return s.length > 0 ? own(s) : null;
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

async function* sheetRows(z: Zip, info: SheetInfo, sst: SharedStrings): AsyncGenerator<RawRow> {
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
  const head = new PartHead(entry.fileName);
  let expectLast: number | null = null;
  let hint = true;
  let emptySheet = false;
  // after </sheetData> come merges, validations, hyperlinks…: read on (to the end of the zip entry,
  // which checks it is intact) but stop keeping text once the end tag has been seen
  let dataEnded = false;
  let tail = '';
  const out: RawRow[] = [];
  const read = { bytes: 0 };
  for await (const chunk of textChunks(z, entry, read)) {
    if (emptySheet || dataEnded) continue;
    let r: [string, number] | null = null;
    if (!scanner) {
      head.add(chunk);
      const prefix = head.prefix;
      if (prefix === null) continue;
      const sd = head.find(`<${prefix}sheetData`);
      if (sd < 0) continue;
      const gt = head.text.indexOf('>', sd);
      if (gt < 0) continue;
      expectLast = dimensionLastRow(head.text.slice(0, sd));
      const found = new SheetScanner(info.name, z.file, sst, prefix);
      scanner = found;
      if (head.text.charCodeAt(gt - 1) === 47) {
        emptySheet = true; // <sheetData/>
        head.text = '';
        continue;
      }
      seg = new Segmenter(`</${prefix}row>`, () => found.tooLong());
      const rest = head.text.slice(gt + 1);
      head.text = '';
      r = seg.push(rest);
    } else {
      r = seg!.push(chunk);
      if (r) {
        if (seg!.carryIncludes('sheetData>')) dataEnded = true;
      } else if (chunk.includes('sheetData>') || (tail + chunk.slice(0, 16)).includes('sheetData>')) dataEnded = true;
      tail = chunk.slice(-16);
    }
    // rows come in batches of a bounded number of cells, however many rows the segment holds
    for (let p = 0; r && p >= 0; ) {
      p = scanner.rows(r[0], p, r[1], out);
      if (out.length) {
        // progress: the declared last row, else an estimate from the bytes read so far
        if (expectLast) {
          if (hint) out[0]!.lastRow = expectLast;
        } else if (read.bytes > 0) {
          out[0]!.lastRow = Math.round((out[out.length - 1]!.row * entry.uncompressedSize) / read.bytes);
          out[0]!.lastRowEstimated = true;
        }
        hint = false;
      }
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
    for (let p = 0; p >= 0; ) {
      p = scanner.rows(rest, p, endTag, out);
      for (const row of out) yield row;
      out.length = 0;
    }
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
