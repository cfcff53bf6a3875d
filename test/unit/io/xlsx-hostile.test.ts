import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readXlsxRows, XLSX_LIMITS } from '../../../src/io/xlsx-reader.js';
import {
  inlineRows,
  type PartBody,
  SHEET_END,
  SHEET_START,
  SST_END,
  SST_START,
  writeZip,
  xlsxParts,
} from '../../helpers/hostile-zip.js';
import { collect, tmpDir } from './tmp.js';

const dir = tmpDir('xlsx-hostile');
let n = 0;
const xlsx = (sheet: PartBody, sst?: PartBody): string =>
  writeZip(path.join(dir, `h${++n}.xlsx`), xlsxParts(sheet, sst));

/** The FpjcError a read ends with. */
async function refusal(file: string): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await collect(readXlsxRows(file));
  } catch (err) {
    return err as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('the file was read without an error');
}

const saved = { ...XLSX_LIMITS };
afterEach(() => Object.assign(XLSX_LIMITS, saved));

describe('XML the reader refuses', () => {
  it('refuses a sheet with a DOCTYPE (an entity bomb is never expanded)', async () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`).join('')}]>`;
    const sheet = SHEET_START.replace('\n', `\n${lol}`) + inlineRows([['&lol9;']]) + SHEET_END;
    const err = await refusal(xlsx(sheet));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('DOCTYPE');
    expect(err.message).toContain('为安全起见已拒绝读取');
  });

  it('refuses an external entity (XXE) in the shared strings', async () => {
    const sst =
      SST_START.replace('\n', '\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') +
      '<si><t>&xxe;</t></si>' +
      SST_END;
    const sheet = `${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_END}`;
    expect((await refusal(xlsx(sheet, sst))).message).toContain('DOCTYPE');
  });

  it('refuses an undeclared entity instead of storing it as a name, and keeps the five of XML', async () => {
    const err = await refusal(xlsx(SHEET_START + inlineRows([['姓名'], ['&lol9;']]) + SHEET_END));
    expect(err.message).toContain('未声明的实体「&lol9;」');
    const sst = `${SST_START}<si><t>a&amp;b&lt;&gt;&quot;&apos;&#x4E2D;</t></si><si><t>&xxe;</t></si>${SST_END}`;
    const sheet = `${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_END}`;
    expect((await refusal(xlsx(sheet, sst))).message).toContain('「&xxe;」');
    const ok = `${SST_START}<si><t>a&amp;b&lt;&gt;&quot;&apos;&#x4E2D; & 这</t></si>${SST_END}`;
    expect((await collect(readXlsxRows(xlsx(sheet, ok))))[0]!.cells).toEqual(['a&b<>"\'中 & 这']);
  });

  it('refuses character references to no character', async () => {
    expect((await refusal(xlsx(SHEET_START + inlineRows([['&#0;']]) + SHEET_END))).message).toContain('&#0;');
    expect((await refusal(xlsx(SHEET_START + inlineRows([['&#xD800;']]) + SHEET_END))).code).toBe('UNREADABLE_FILE');
  });

  it('refuses bytes that are not UTF-8 instead of reading them as U+FFFD', async () => {
    const sheet = Buffer.concat([
      Buffer.from(`${SHEET_START}<row r="1"><c t="inlineStr"><is><t>张`),
      Buffer.from([0xd5, 0xc5, 0xb1]),
      Buffer.from(`</t></is></c></row>${SHEET_END}`),
    ]);
    const err = await refusal(xlsx(sheet));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('UTF-8');
  });
});

describe('indexes and sizes the file gives', () => {
  it('refuses a cell at column ZZZZZZZZ without padding billions of cells', async () => {
    const sheet = `${SHEET_START}<row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row>${SHEET_END}`;
    const err = await refusal(xlsx(sheet));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('「ZZZZZZZZ1」列');
    expect(err.message).toContain('XFD');
  });

  it('reads a cell at XFD, the last column, and refuses the 16,385th cell of a row without r', async () => {
    const last = await collect(
      readXlsxRows(xlsx(`${SHEET_START}<row r="1"><c r="XFD1"><v>7</v></c></row>${SHEET_END}`)),
    );
    expect(last[0]!.cells.length).toBe(16_384);
    expect(last[0]!.cells[16_383]).toBe(7);
    expect(last[0]!.cells.slice(0, 16_383).every((c) => c === null)).toBe(true);
    const wide = `${SHEET_START}<row r="1">${'<c><v>1</v></c>'.repeat(16_385)}</row>${SHEET_END}`;
    expect((await refusal(xlsx(wide))).message).toContain('第 16385 列');
  });

  it('refuses a row beyond 1,048,576', async () => {
    const sheet = `${SHEET_START}<row r="1048577"><c r="A1048577"><v>1</v></c></row>${SHEET_END}`;
    expect((await refusal(xlsx(sheet))).message).toContain('第 1048577 行');
  });

  it('hands wide sparse rows on in bounded batches, every row intact', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`);
    const got = await collect(readXlsxRows(xlsx(SHEET_START + rows.join('') + SHEET_END)));
    expect(got.length).toBe(400);
    expect(got.map((r) => r.cells[16_383])).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });

  it('refuses more shared strings than the limit, naming it', async () => {
    XLSX_LIMITS.sharedStrings = 1000;
    const sst = { pieces: [{ text: SST_START }, { text: '<si><t>张三</t></si>', times: 1001 }, { text: SST_END }] };
    const err = await refusal(xlsx(`${SHEET_START}${SHEET_END}`, sst));
    expect(err.code).toBe('UNREADABLE_FILE');
    expect(err.message).toContain('共享字符串表中有超过 1,000 个字符串');
    expect(err.details).toMatchObject({ limit: 'sharedStrings', value: 1000 });
  });

  it('refuses shared strings longer in total than the limit', async () => {
    XLSX_LIMITS.sharedStringChars = 1024 * 1024;
    const sst = {
      pieces: [{ text: SST_START }, { text: `<si><t>${'字'.repeat(1000)}</t></si>`, times: 1100 }, { text: SST_END }],
    };
    const err = await refusal(xlsx(`${SHEET_START}${SHEET_END}`, sst));
    expect(err.message).toContain('共享字符串合计超过 105 万个字符');
  });

  it('refuses one shared string or a stretch of sheet XML longer than the limit (whitespace bombs)', async () => {
    XLSX_LIMITS.elementChars = 1024 * 1024;
    const sst = {
      pieces: [
        { text: `${SST_START}<si><t>` },
        { text: 'A'.repeat(65536), times: 20 },
        { text: `</t></si>${SST_END}` },
      ],
    };
    expect((await refusal(xlsx(`${SHEET_START}${SHEET_END}`, sst))).details).toMatchObject({ limit: 'elementChars' });
    const sheet = {
      pieces: [
        { text: SHEET_START + inlineRows([['姓名']]) },
        { text: ' '.repeat(65536), times: 20 },
        { text: SHEET_END },
      ],
    };
    const err = await refusal(xlsx(sheet));
    expect(err.message).toContain('第 1 行之后有超过 105 万个字符的内容不构成完整的行');
  });

  it('refuses a sheet whose start before <sheetData> is longer than the limit', async () => {
    XLSX_LIMITS.partChars = 1024 * 1024;
    const sheet = {
      pieces: [
        { text: SHEET_START.replace('<sheetData>', '') },
        { text: ' '.repeat(65536), times: 20 },
        { text: `<sheetData>${SHEET_END}` },
      ],
    };
    expect((await refusal(xlsx(sheet))).details).toMatchObject({ limit: 'partChars' });
  });

  it('refuses a zip with more parts than the limit', async () => {
    XLSX_LIMITS.zipEntries = 10;
    const parts = xlsxParts(`${SHEET_START}${SHEET_END}`);
    for (let i = 0; i < 10; i++) parts[`xl/media/image${i}.png`] = 'x';
    const err = await refusal(writeZip(path.join(dir, 'many.xlsx'), parts));
    expect(err.details).toMatchObject({ limit: 'zipEntries' });
  });
});
