/**
 * Streaming CSV reader for UTF-8 (with or without BOM), UTF-16 and GBK/GB18030 files.
 * Decoding is done by iconv-lite (Node's TextDecoder('gbk') maps some bytes differently, e.g.
 * A2E3 and FE55), parsing by csv-parse (quoted fields with commas/newlines, CRLF, ragged rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FpjcError } from '../domain/errors.js';
import { fileError, isFsError } from './file-errors.js';
import type { RawCell, RawRow } from './raw-row.js';

export type CsvEncodingOption = 'auto' | 'utf8' | 'gbk' | 'gb18030';
export type DetectedEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

const SAMPLE_BYTES = 64 * 1024;

async function readSample(file: string): Promise<{ bytes: Buffer; whole: boolean }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    throw fileError(err, file);
  }
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    let n = 0;
    while (n < SAMPLE_BYTES) {
      const { bytesRead } = await handle.read(buf, n, SAMPLE_BYTES - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return { bytes: buf.subarray(0, n), whole: n < SAMPLE_BYTES };
  } catch (err) {
    throw fileError(err, file);
  } finally {
    await handle.close();
  }
}

function detectFromSample(bytes: Buffer, whole: boolean): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  // UTF-16 without a BOM: text with many NUL bytes, on odd (LE) or even (BE) positions.
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
  // Valid UTF-8? In streaming mode a multi-byte character cut at the 64 KB edge is not an error.
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    decoder.decode(bytes, { stream: !whole });
    return 'utf8';
  } catch {
    return 'gb18030'; // a superset of GBK and GB2312
  }
}

/** Encoding of a CSV file: BOM first, else UTF-8 if the first 64 KB are valid UTF-8, else GB18030. */
export async function detectCsvEncoding(file: string): Promise<DetectedEncoding> {
  const { bytes, whole } = await readSample(file);
  return detectFromSample(bytes, whole);
}

/** Comma, or tab for tab-separated text (Excel's "Unicode text" export). Decided on the first line. */
function sniffDelimiter(sample: string): string {
  const nl = sample.indexOf('\n');
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

/**
 * Records of a CSV file. `row` is the 1-based record number (a quoted field with line breaks
 * stays one record, as in Excel); empty records are counted but not yielded.
 */
export async function* readCsvRows(
  file: string,
  opts: { encoding?: CsvEncodingOption | undefined } = {},
): AsyncGenerator<RawRow> {
  const { bytes, whole } = await readSample(file);
  const forced = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : null;
  // GBK is decoded as GB18030: identical for GBK's two-byte codes, and also covers four-byte ones.
  const encoding: DetectedEncoding =
    forced === null ? detectFromSample(bytes, whole) : forced === 'utf8' ? 'utf8' : 'gb18030';
  const delimiter = sniffDelimiter(iconv.decode(bytes, encoding));
  const sheet = path.basename(file);

  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    bom: true,
    skip_empty_lines: false,
  });
  // csv-parse works on UTF-8 bytes (a character split between chunks is decoded per field, so it
  // is exact): UTF-8 goes in as is; other encodings are decoded by iconv-lite first.
  if (encoding === 'utf8') pipeline(input, parser, () => {});
  else pipeline(input, iconv.decodeStream(encoding, { stripBOM: true }), parser, () => {});
  // errors surface through the parser's iterator

  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      let last = record.length - 1;
      while (last >= 0 && record[last] === '') last--;
      if (last < 0) continue;
      const cells: RawCell[] = new Array(last + 1);
      for (let i = 0; i <= last; i++) {
        const v = record[i]!;
        cells[i] = v === '' ? null : v;
      }
      yield { sheet, row, cells };
    }
  } catch (err) {
    throw csvError(err, file);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
