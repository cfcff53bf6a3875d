/**
 * Hostile files and unlucky conditions against the real CLI: every file is built here by a
 * generator; every run must end with a Chinese message and the exit code of the spec, leave
 * the register as it was, and stay under 600 MB of peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, dumpRegister, fpjc, initRegister, ROOT, tempDir } from '../helpers/cli.js';
import {
  inlineRows,
  type PartBody,
  SHEET_END,
  SHEET_START,
  SST_END,
  SST_START,
  writeZip,
  xlsxParts,
} from '../helpers/hostile-zip.js';

const MB = 1024 * 1024;
const PEAK_LIMIT_MB = 600;
const PRELOAD = pathToFileURL(path.join(ROOT, 'test/helpers/max-rss.mjs')).href;

/** A CLI run with its peak resident memory. */
function measured(args: string[], dir: string): CliResult & { peakMb: number } {
  const rssFile = path.join(dir, `rss-${process.hrtime.bigint()}`);
  const r = fpjc(args, { env: { NODE_OPTIONS: `--import="${PRELOAD}"`, FPJC_TEST_RSS_FILE: rssFile } });
  const kb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : Number.POSITIVE_INFINITY;
  return { ...r, peakMb: kb / 1024 };
}

const header = `${SHEET_START}${inlineRows([
  ['乡镇', '村'],
  ['东阳镇', '西沟村'],
])}`;
/** `times` MB of `unit` (repeated to fill each MB with whole units). */
const megabytes = (unit: string, times: number): { text: string; times: number } => ({
  text: unit.repeat(Math.floor(MB / Buffer.byteLength(unit))),
  times,
});

const HOSTILE: { name: string; parts: () => Record<string, PartBody>; says: RegExp }[] = [
  {
    name: 'one cell at column ZZZZZZZZ (4 KB)',
    parts: () => xlsxParts(`${header}<row r="3"><c r="ZZZZZZZZ3"><v>1</v></c></row>${SHEET_END}`),
    says: /ZZZZZZZZ3.*XFD/,
  },
  {
    name: 'shared strings of one 2 GB string',
    parts: () =>
      xlsxParts(`${header}<row r="3"><c r="A3" t="s"><v>0</v></c></row>${SHEET_END}`, {
        pieces: [{ text: `${SST_START}<si><t>` }, megabytes('A', 2048), { text: `</t></si>${SST_END}` }],
      }),
    says: /共享字符串表.*3355 万个字符.*上限/,
  },
  {
    name: 'shared strings of 2 GB of short Chinese strings',
    parts: () =>
      xlsxParts(`${header}${SHEET_END}`, {
        pieces: [{ text: SST_START }, megabytes(`<si><t>${'张保明'.repeat(7)}</t></si>`, 2048), { text: SST_END }],
      }),
    says: /共享字符串合计超过 5033 万个字符/,
  },
  {
    name: 'more than four million shared strings',
    parts: () =>
      xlsxParts(`${header}${SHEET_END}`, {
        pieces: [{ text: SST_START }, megabytes('<si><t>1</t></si>', 72), { text: SST_END }],
      }),
    says: /超过 400 万个字符串/,
  },
  {
    name: '3 GB of whitespace inside sheetData',
    parts: () => xlsxParts({ pieces: [{ text: header }, megabytes(' ', 3000), { text: SHEET_END }] }),
    says: /第 2 行之后有超过 3355 万个字符的内容不构成完整的行/,
  },
  {
    name: 'an entity bomb behind a DOCTYPE',
    parts: () => {
      const ents = Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
      ).join('');
      const dtd = `<!DOCTYPE worksheet [<!ENTITY lol "lol">${ents}]>`;
      return xlsxParts(
        `${SHEET_START.replace('\n', `\n${dtd}`)}${inlineRows([
          ['乡镇', '村'],
          ['&lol9;', 'x'],
        ])}${SHEET_END}`,
      );
    },
    says: /DOCTYPE.*为安全起见已拒绝读取/,
  },
];

describe('hostile .xlsx files: refused with exit 3, register unchanged, under 600 MB', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = tempDir('恶意文件');
    db = initRegister(dir);
  });

  for (const h of HOSTILE) {
    it(h.name, () => {
      const file = writeZip(path.join(dir, `${h.name.slice(0, 12)}.xlsx`), h.parts());
      const before = dumpRegister(db);
      const r = measured(['import', 'regions', file, '--db', db, '--json'], dir);
      expect(r.code, r.stdout + r.stderr).toBe(3);
      expect(r.json?.error?.code).toBe('UNREADABLE_FILE');
      expect(r.json?.error?.message).toMatch(h.says);
      expect(r.json?.error?.message).toContain(file);
      expect(dumpRegister(db)).toBe(before);
      expect(r.peakMb).toBeLessThan(PEAK_LIMIT_MB);
    });
  }

  it('rows padded to 800 MB of XML import within bounded memory (the reader hands out no views into its text)', () => {
    const pad = ' '.repeat(40_000);
    const pieces: { text: string }[] = [{ text: `${SHEET_START}${inlineRows([['乡镇', '村']])}` }];
    for (let i = 0; i < 20_000; i++) {
      pieces.push({
        text: `<row r="${i + 2}">${inlineCells(['东阳镇', `名字很长的一个行政村第${i}号村`])}${pad}</row>`,
      });
    }
    pieces.push({ text: SHEET_END });
    const file = writeZip(path.join(dir, '填充.xlsx'), xlsxParts({ pieces }));
    const r = measured(['import', 'regions', file, '--db', db, '--json'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json?.result).toMatchObject({ rows: 20_000, inserted: 20_000 });
    expect(r.peakMb).toBeLessThan(PEAK_LIMIT_MB);
  });
});

const inlineCells = (values: string[]): string =>
  values.map((v) => `<c t="inlineStr"><is><t>${v}</t></is></c>`).join('');
