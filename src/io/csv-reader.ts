/**
 * Streaming CSV reader for UTF-8 (with or without BOM), UTF-16 and GBK/GB18030 files.
 * Decoding is done by iconv-lite (Node's TextDecoder('gbk') maps some bytes differently, e.g.
 * A2E3 and FE55), parsing by csv-parse (quoted fields with commas/newlines, ragged rows).
 *
 * Decoding is strict: the encoding is judged from the whole file (not a sample), and a cell
 * whose bytes are not valid in that encoding is reported as a problem of its row and column
 * (`RawRow.problems`), never passed on with U+FFFD in it. CRLF, LF and CR all end a record,
 * also mixed in one file; a line break only belongs to a field inside quotes.
 */

import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FpjcError } from '../domain/errors.js';
import { fileError, isFsError } from './file-errors.js';
import type { CellProblem, RawCell, RawRow } from './raw-row.js';

export type CsvEncodingOption = 'auto' | 'utf8' | 'gbk' | 'gb18030';
export type DetectedEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

const SAMPLE_BYTES = 64 * 1024;
const SCAN_BYTES = 1 << 20;

async function openForRead(file: string): Promise<fs.promises.FileHandle> {
  try {
    return await fs.promises.open(file, 'r');
  } catch (err) {
    throw fileError(err, file);
  }
}

async function readSample(file: string): Promise<Buffer> {
  const handle = await openForRead(file);
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    let n = 0;
    while (n < SAMPLE_BYTES) {
      const { bytesRead } = await handle.read(buf, n, SAMPLE_BYTES - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } catch (err) {
    throw fileError(err, file);
  } finally {
    await handle.close();
  }
}

/** BOM, or UTF-16 without one (many NUL bytes on odd (LE) or even (BE) positions); else null. */
function unicodeMark(bytes: Buffer): DetectedEncoding | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  let evenZero = 0;
  let oddZero = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZero++;
      else oddZero++;
    }
  }
  if (n >= 4 && oddZero > n / 4 && oddZero > evenZero * 4) return 'utf16le';
  if (n >= 4 && evenZero > n / 4 && evenZero > oddZero * 4) return 'utf16be';
  return null;
}

/** Length of `buf` without a multi-byte character cut off at its end. */
function completeEnd(buf: Buffer): number {
  for (let i = buf.length - 1; i >= 0 && i >= buf.length - 3; i--) {
    const b = buf[i]!;
    if (b < 0x80) return buf.length;
    if (b >= 0xc0) return buf.length - i >= (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? buf.length : i;
  }
  return buf.length;
}

/**
 * UTF-8 validation that counts, across chunk edges: `invalid` byte sequences, and `multi`
 * valid sequences of 3 or 4 bytes (every Chinese character in UTF-8; rare by chance in GBK text,
 * where about one character pair in sixty happens to form one).
 */
export class Utf8Evidence {
  invalid = 0;
  multi = 0;
  private need = 0;
  private long = false;
  private lo = 0x80;
  private hi = 0xbf;

  push(buf: Uint8Array): void {
    let need = this.need;
    let long = this.long;
    let lo = this.lo;
    let hi = this.hi;
    let invalid = this.invalid;
    let multi = this.multi;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (need === 0) {
        if (b < 0x80) continue;
        if (b >= 0xc2 && b <= 0xdf) {
          need = 1;
          long = false;
        } else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          long = true;
          lo = b === 0xe0 ? 0xa0 : 0x80;
          hi = b === 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          long = true;
          lo = b === 0xf0 ? 0x90 : 0x80;
          hi = b === 0xf4 ? 0x8f : 0xbf;
        } else invalid++;
      } else if (b < lo || b > hi) {
        invalid++;
        need = 0;
        lo = 0x80;
        hi = 0xbf;
        i--; // this byte may start the next sequence
      } else {
        lo = 0x80;
        hi = 0xbf;
        if (--need === 0 && long) multi++;
      }
    }
    this.need = need;
    this.long = long;
    this.lo = lo;
    this.hi = hi;
    this.invalid = invalid;
    this.multi = multi;
  }

  end(): void {
    if (this.need > 0) this.invalid++;
    this.need = 0;
  }

  /**
   * GB18030 only when invalid UTF-8 clearly outweighs valid multi-byte UTF-8: reading UTF-8 as
   * GBK gives valid-looking wrong characters (silent), the other way round gives row problems.
   */
  verdict(): 'utf8' | 'gb18030' {
    return this.invalid > 0 && this.multi * 4 < this.invalid ? 'gb18030' : 'utf8';
  }
}

async function eachChunk(file: string, fn: (chunk: Buffer) => boolean): Promise<void> {
  const handle = await openForRead(file);
  try {
    const buf = Buffer.alloc(SCAN_BYTES);
    for (let pos = 0; ; ) {
      const { bytesRead } = await handle.read(buf, 0, SCAN_BYTES, pos);
      if (bytesRead === 0 || !fn(buf.subarray(0, bytesRead))) break;
      pos += bytesRead;
    }
  } catch (err) {
    throw fileError(err, file);
  } finally {
    await handle.close();
  }
}

/** UTF-8 or GB18030 from every byte of the file: a native validity pass, and counting only when it fails. */
async function scanWholeFile(file: string): Promise<'utf8' | 'gb18030'> {
  let valid = true;
  let carry: Buffer = Buffer.alloc(0);
  await eachChunk(file, (chunk) => {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeEnd(bytes);
    valid = isUtf8(bytes.subarray(0, end));
    carry = Buffer.from(bytes.subarray(end));
    return valid;
  });
  if (valid && carry.length === 0) return 'utf8';
  const evidence = new Utf8Evidence();
  await eachChunk(file, (chunk) => {
    evidence.push(chunk);
    return true;
  });
  evidence.end();
  return evidence.verdict();
}

/**
 * Encoding of a CSV file: a BOM (or UTF-16 NUL pattern) first, else UTF-8 unless the bytes of
 * the whole file say GBK (see Utf8Evidence.verdict).
 */
export async function detectCsvEncoding(file: string): Promise<DetectedEncoding> {
  return unicodeMark(await readSample(file)) ?? (await scanWholeFile(file));
}

/** Comma, or tab for tab-separated text (Excel's "Unicode text" export). Decided on the first line. */
function sniffDelimiter(sample: string): string {
  const nl = sample.search(/[\r\n]/);
  const line = nl < 0 ? sample : sample.slice(0, nl);
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 44) commas++;
    else if (!quoted && c === 9) tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

function csvError(err: unknown, file: string): unknown {
  if (err instanceof FpjcError) return err;
  if (isFsError(err)) return fileError(err, file);
  if (err instanceof CsvError) {
    const line = (err as CsvError & { lines?: number }).lines;
    const where = typeof line === 'number' ? `第 ${line} 行附近` : '';
    const what =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? '有一个双引号没有配对（引号内的内容一直延续到文件末尾）'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? '的双引号用法不正确（引号后面紧跟了其他字符）'
          : `格式不正确（${err.message}）`;
    return new FpjcError(
      'UNREADABLE_FILE',
      `CSV 文件「${file}」${where}${what}。请用 Excel/WPS 打开检查该行，或另存为 .xlsx 后再导入`,
      { cause: err, details: { file, line: line ?? null, csvCode: err.code } },
    );
  }
  return err;
}

const BAD_BYTES: Record<DetectedEncoding, string> = {
  utf8: '含有不是 UTF-8 编码的字节（可能是在 UTF-8 文件中混入了 GBK 编码的文字），无法识别为文字',
  gb18030: '含有不是 GBK/GB18030 编码的字节，无法识别为文字',
  utf16le: '含有无效的 UTF-16 字符，无法识别为文字',
  utf16be: '含有无效的 UTF-16 字符，无法识别为文字',
};
const BAD_BYTES_HINT = '。请用 Excel/WPS 打开文件，把该单元格重新输入后另存为“CSV UTF-8”或 .xlsx 再导入';

/**
 * A value our CSV export neutralised against formula evaluation (`'=1+1`, see `neutralise`)
 * comes back as the original: one leading apostrophe is dropped when what
 * follows is apostrophes and then a formula trigger. The export adds one on the same condition,
 * so the pair is lossless for every value.
 */
const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
export const unneutralise = (v: string): string => (v.charCodeAt(0) === 39 && NEUTRALISED.test(v) ? v.slice(1) : v);

/** The CSV-writing half of the pair: `'` before a formula-looking text; plain numbers (-500) stay as they are. */
export const neutralise = (v: string): string => (FORMULA_TRIGGER.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v);

/**
 * Records of a CSV file. `row` is the 1-based record number (a quoted field with line breaks
 * stays one record, as in Excel); empty records are counted but not yielded.
 */
export async function* readCsvRows(
  file: string,
  opts: { encoding?: CsvEncodingOption | undefined } = {},
): AsyncGenerator<RawRow> {
  const sample = await readSample(file);
  const forced = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : null;
  // GBK is decoded as GB18030: identical for GBK's two-byte codes, and also covers four-byte ones.
  const encoding: DetectedEncoding =
    forced === null ? (unicodeMark(sample) ?? (await scanWholeFile(file))) : forced === 'utf8' ? 'utf8' : 'gb18030';
  const delimiter = sniffDelimiter(iconv.decode(sample, encoding));
  const sheet = path.basename(file);
  const badBytes = BAD_BYTES[encoding] + BAD_BYTES_HINT;

  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    bom: true,
    skip_empty_lines: false,
  });
  // csv-parse works on UTF-8 bytes and decodes each field whole (exact for characters split
  // between chunks; invalid bytes become U+FFFD, caught below). Other encodings are decoded by
  // iconv-lite first, which also marks invalid bytes with U+FFFD.
  if (encoding === 'utf8') pipeline(input, parser, () => {});
  else pipeline(input, iconv.decodeStream(encoding, { stripBOM: true }), parser, () => {});
  // errors surface through the parser's iterator

  let row = 0;
  const size = fs.statSync(file).size;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      let last = record.length - 1;
      while (last >= 0 && record[last] === '') last--;
      if (last < 0) continue;
      const cells: RawCell[] = new Array(last + 1);
      let problems: CellProblem[] | undefined;
      for (let i = 0; i <= last; i++) {
        const v = record[i]!;
        if (v === '') {
          cells[i] = null;
          continue;
        }
        if (v.indexOf('\uFFFD') >= 0) (problems ??= []).push({ column: i, message: badBytes });
        cells[i] = unneutralise(v);
      }
      const out: RawRow = problems ? { sheet, row, cells, problems } : { sheet, row, cells };
      // progress: an estimate of the records from the bytes read so far
      if (row % 1000 === 1 && input.bytesRead > 0) {
        out.lastRow = Math.round((row * size) / input.bytesRead);
        out.lastRowEstimated = true;
      }
      yield out;
    }
  } catch (err) {
    throw csvError(err, file);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
