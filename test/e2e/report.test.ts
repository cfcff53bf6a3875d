import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, ROOT } from '../helpers/cli.js';
import { buildFixture } from '../unit/reports/fixture.js';

/** The small county of the report unit tests, as a register file the CLI opens. */
let dir: string;
let db: string;

beforeAll(() => {
  const fx = buildFixture('报表e2e');
  fx.register.close();
  dir = fx.dir;
  db = fx.db;
});

const AS_OF = '2024-06-30';

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function jsonOnly(stdout: string): { ok: boolean; result?: any; error?: any } {
  const lines = stdout.trim().split('\n');
  expect(lines, 'exactly one JSON document on stdout').toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('fpjc report (end to end)', () => {
  it('report list shows every report; --json is one document', () => {
    const text = fpjc(['report', 'list']);
    expect(text.code, text.stderr).toBe(0);
    for (const t of [
      'summary',
      '监测帮扶汇总表',
      'ledger',
      '监测对象台账',
      'survey-form',
      '摸底排查表',
      'alerts',
      '预警核查反馈表',
      'roster',
      '家庭成员花名册',
    ]) {
      expect(text.stdout).toContain(t);
    }
    const r = fpjc(['report', 'list', '--json']);
    const doc = jsonOnly(r.stdout);
    expect(doc.result.reports.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['summary', 'ledger', 'survey-form', 'alerts', 'roster']),
    );
    expect(doc.result.reports[1]).toMatchObject({
      title: '监测对象台账',
      template: '监测对象台账.xlsx',
      by: ['county', 'township', 'village'],
    });
  });

  it('help is in Chinese with examples', () => {
    const r = fpjc(['report', '--help']);
    expect(r.stdout).toContain('生成报表');
    expect(r.stdout).toContain('示例');
    expect(r.stdout).toContain('--by');
  });

  it('summary agrees with status --json, in the default 报表 folder next to the register', async () => {
    const status = jsonOnly(fpjc(['status', '--db', db, '--as-of', AS_OF, '--json']).stdout).result;
    const r = fpjc(['report', 'summary', '--db', db, '--as-of', AS_OF, '--year', '2024', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonOnly(r.stdout);
    expect(doc.result).toMatchObject({ report: 'summary', asOf: AS_OF, year: 2024 });
    expect(doc.result.files).toEqual([
      { file: path.join(dir, '报表', '榆次区-监测帮扶汇总表.xlsx'), rows: 2, scope: { 乡镇: null, 村: null } },
    ]);
    const ws = (await open(doc.result.files[0].file)).getWorksheet('基本情况')!;
    let total = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计') total = n;
    });
    const v = (c: number) => ws.getCell(total, c).value;
    expect(v(2)).toBe(status.households);
    expect(v(3)).toBe(status.members);
    expect(v(6)).toBe(status.monitored.total);
    expect([v(8), v(10), v(12)]).toEqual(
      ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'].map((c) => status.monitored.byCategory[c] ?? 0),
    );
    expect([v(14), v(15)]).toEqual([status.monitored.byState.风险未消除, status.monitored.byState.风险已消除]);
    expect([v(19), v(20), v(21), v(22)]).toEqual(
      ['红', '黄', '蓝', '未知'].map((c) => status.monitored.byColour[c] ?? 0),
    );
  });

  it('ledger --by village writes one file per village with Chinese names; reports change nothing in the register', () => {
    const before = dumpRegister(db);
    const out = path.join(dir, '台账 输出');
    const r = fpjc(['report', 'ledger', '--db', db, '--by', 'village', '--out', out, '--as-of', AS_OF, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonOnly(r.stdout);
    expect(doc.result.files.map((f: { file: string }) => path.relative(out, f.file))).toEqual([
      '东阳镇-西沟村-监测对象台账.xlsx',
      '东阳镇-东沟村-监测对象台账.xlsx',
      '北田镇-南庄村-监测对象台账.xlsx',
      '北田镇-西沟村-监测对象台账.xlsx',
    ]);
    expect(doc.result.files[0].scope).toEqual({ 乡镇: '东阳镇', 村: '西沟村' });
    expect(fs.readdirSync(out).sort()).toEqual(
      doc.result.files.map((f: { file: string }) => path.basename(f.file)).sort(),
    );
    expect(dumpRegister(db)).toBe(before);
  });

  it('the text output lists the files', () => {
    const r = fpjc(['report', 'alerts', '--db', db, '--out', path.join(dir, '预警')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已生成预警核查反馈表 2 个文件');
    expect(r.stdout).toContain('东阳镇-东沟村-预警核查反馈表.xlsx');
    expect(r.stdout).toContain('没有数据');
  });

  it('a file open in Excel (here: a folder in its place) is FILE_BUSY with a Chinese message', () => {
    const out = path.join(dir, '占用');
    fs.mkdirSync(path.join(out, '榆次区-监测对象台账.xlsx'), { recursive: true });
    const r = fpjc(['report', 'ledger', '--db', db, '--out', out, '--json']);
    expect(r.code).toBe(1);
    const doc = jsonOnly(r.stdout);
    expect(doc.error.code).toBe('FILE_BUSY');
    expect(doc.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(doc.error.message).toContain('榆次区-监测对象台账.xlsx');
    expect(fs.readdirSync(out)).toEqual(['榆次区-监测对象台账.xlsx']);
    const text = fpjc(['report', 'ledger', '--db', db, '--out', out]);
    expect(text.stderr).toContain('错误：');
    expect(text.stderr).not.toContain('    at ');
  });

  it('a county template with an unknown placeholder stops with the sheet and cell named', async () => {
    const custom = path.join(dir, '本县模板');
    fs.mkdirSync(custom, { recursive: true });
    const wb = await open(path.join(ROOT, 'templates', '监测对象台账.xlsx'));
    wb.worksheets[0]!.getCell('B4').value = '{{户.乡镇名}}';
    await wb.xlsx.writeFile(path.join(custom, '监测对象台账.xlsx'));
    const r = fpjc(['report', 'ledger', '--db', db, '--templates', custom, '--json']);
    expect(r.code).toBe(1);
    const doc = jsonOnly(r.stdout);
    expect(doc.error.code).toBe('TEMPLATE');
    expect(doc.error.message).toContain('单元格 B4');
    expect(doc.error.details.problems[0]).toMatchObject({
      sheet: '监测对象台账',
      cell: 'B4',
      placeholder: '{{户.乡镇名}}',
    });
  });

  it('usage errors exit 2', () => {
    for (const args of [
      ['report', 'nonesuch'],
      ['report', 'ledger', '--campaign', '2024Q2'],
      ['report', 'ledger', '--village', '西沟村'],
      ['report'],
    ]) {
      const r = fpjc([...args, '--db', db, '--json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(jsonOnly(r.stdout).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('roster goes back through fpjc import without changing anything', () => {
    const out = path.join(dir, '花名册');
    const r = fpjc([
      'report',
      'roster',
      '--db',
      db,
      '--township',
      '东阳镇',
      '--village',
      '东沟村',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const file = jsonOnly(r.stdout).result.files[0];
    const back = fpjc(['import', 'members', file.file, '--db', db, '--dry-run', '--json']);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(jsonOnly(back.stdout).result).toMatchObject({
      kind: 'members',
      inserted: 0,
      updated: 0,
      unchanged: file.rows,
      rejected: 0,
    });
  });

  it('survey forms for one village', () => {
    const r = fpjc([
      'report',
      'survey-form',
      '--db',
      db,
      '--township',
      '北田镇',
      '--village',
      '南庄村',
      '--as-of',
      AS_OF,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const f = jsonOnly(r.stdout).result.files[0];
    expect(path.basename(f.file)).toBe('北田镇-南庄村-摸底排查表.xlsx');
    expect(f.rows).toBe(20);
  });
});
