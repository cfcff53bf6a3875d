import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourOf } from '../../../src/domain/colour.js';
import { FpjcError } from '../../../src/domain/errors.js';
import { exportFields, MEMBERS } from '../../../src/domain/fields.js';
import { VOCABULARIES } from '../../../src/domain/vocab.js';
import { dateCn } from '../../../src/reports/format.js';
import { builtInTemplatesDir } from '../../../src/reports/paths.js';
import { type ReportRequest, type ReportResult, runReport } from '../../../src/services/report-service.js';
import { registerStatus } from '../../../src/services/status-service.js';
import { buildFixture, type Fixture, sheetXml, tempDir, validationsOf } from './fixture.js';

const AS_OF = '2024-06-30';
let fx: Fixture;

beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => {
  fx.register.close();
});

const run = (req: Partial<ReportRequest> & { id: string }): Promise<ReportResult> =>
  runReport(fx.register, { operator: '测试员', asOf: AS_OF, out: tempDir('报表输出'), ...req });

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Cell values of a row as an array from column 1. */
const rowValues = (ws: ExcelJS.Worksheet, r: number): unknown[] =>
  Array.from({ length: ws.columnCount }, (_, i) => ws.getCell(r, i + 1).value ?? null).slice(
    0,
    Math.max(1, ws.getRow(r).cellCount),
  );

function findRow(ws: ExcelJS.Worksheet, first: unknown): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === first) return r;
  throw new Error(`no row starting with ${String(first)} in ${ws.name}`);
}

/** A cell's text; merged cells behind the first read as empty (exceljs fails on a blank master). */
const textOf = (cell: ExcelJS.Cell): string => (cell.type === ExcelJS.ValueType.Merge ? '' : String(cell.text ?? ''));

function noPlaceholderLeft(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(textOf(cell), `${ws.name}!${cell.address}`).not.toMatch(/\{\{|\}\}/);
      }),
    ),
  );
}

const one = <T>(sql: string, ...params: unknown[]): T => fx.register.db.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]): number => one<{ n: number }>(sql, ...params).n;

describe('summary 汇总表', () => {
  it('agrees with fpjc status and with direct counts', async () => {
    const r = await run({ id: 'summary', year: 2024 });
    expect(r.files).toHaveLength(1);
    expect(path.basename(r.files[0]!.file)).toBe('榆次区-监测帮扶汇总表.xlsx');
    expect(r.files[0]!.rows).toBe(2);
    const wb = await open(r.files[0]!.file);
    noPlaceholderLeft(wb);
    const ws = wb.getWorksheet('基本情况')!;
    expect(ws.getCell('A1').value).toBe('榆次区防止返贫动态监测帮扶情况汇总表');
    expect(ws.getCell('A2').value).toBe('（2024年度）');
    const total = rowValues(ws, findRow(ws, '合计'));
    const [
      name,
      households,
      people,
      lifted,
      liftedPeople,
      monitored,
      monitoredPeople,
      c1,
      p1,
      c2,
      p2,
      c3,
      p3,
      open_,
      closed,
      newInYear,
      elimInYear,
      rolledBack,
      red,
      yellow,
      blue,
      unknown,
    ] = total;
    expect(name).toBe('合计');

    const status = registerStatus(fx.register, { asOf: AS_OF });
    expect(households).toBe(status.households);
    expect(people).toBe(status.members);
    expect(lifted).toBe(status.householdsByType.脱贫户);
    expect(monitored).toBe(status.monitored.total);
    expect([c1, c2, c3]).toEqual(VOCABULARIES.monitoredCategory.values.map((c) => status.monitored.byCategory[c] ?? 0));
    // people per category add up to the 监测对象's people
    expect((p1 as number) + (p2 as number) + (p3 as number)).toBe(monitoredPeople);
    expect(open_).toBe(status.monitored.byState.风险未消除);
    expect(closed).toBe(status.monitored.byState.风险已消除);
    expect([red, yellow, blue, unknown]).toEqual([
      status.monitored.byColour.红 ?? 0,
      status.monitored.byColour.黄 ?? 0,
      status.monitored.byColour.蓝 ?? 0,
      status.monitored.byColour.未知 ?? 0,
    ]);
    expect(ws.getCell(4, 1).value).toBe('乡镇');

    expect(liftedPeople).toBe(
      count(
        "SELECT count(*) AS n FROM members m JOIN households h USING (hh_no) WHERE m.status = '在册' AND h.hh_type = '脱贫户'",
      ),
    );
    expect(monitoredPeople).toBe(
      count(
        "SELECT count(*) AS n FROM members m JOIN households h USING (hh_no) WHERE m.status = '在册' AND h.mon_category IS NOT NULL",
      ),
    );
    expect(newInYear).toBe(
      count("SELECT count(*) AS n FROM households WHERE mon_category IS NOT NULL AND identified_month LIKE '2024-%'"),
    );
    expect(elimInYear).toBe(
      count("SELECT count(*) AS n FROM households WHERE risk_eliminated = 1 AND eliminated_month LIKE '2024-%'"),
    );
    expect(rolledBack).toBe(1);
    expect(newInYear).toBeGreaterThan(0);
    expect(elimInYear).toBeGreaterThan(0);

    // township rows add up to the total
    const dong = rowValues(ws, findRow(ws, '东阳镇'));
    const bei = rowValues(ws, findRow(ws, '北田镇'));
    for (let i = 1; i < total.length; i++)
      expect((dong[i] as number) + (bei[i] as number), `column ${i + 1}`).toBe(total[i]);

    const risks = wb.getWorksheet('风险类型')!;
    const riskTotal = rowValues(risks, findRow(risks, '合计'));
    expect(riskTotal[1]).toBe(status.monitored.total);
    const byRisk = VOCABULARIES.riskType.values.map((t) =>
      count(
        'SELECT count(*) AS n FROM households WHERE mon_category IS NOT NULL AND ? IN (risk1, risk2, risk3, risk4, risk5)',
        t,
      ),
    );
    expect(riskTotal.slice(3)).toEqual(byRisk);

    const measures = wb.getWorksheet('帮扶措施')!;
    const mTotal = rowValues(measures, findRow(measures, '合计'));
    expect(mTotal[1]).toBe(count('SELECT count(*) AS n FROM measures'));
    expect(mTotal[2]).toBe(count('SELECT count(*) AS n FROM measures WHERE developmental = 1'));
    expect(mTotal.slice(4)).toEqual(
      VOCABULARIES.measureCategory.values.map((c) => count('SELECT count(*) AS n FROM measures WHERE category = ?', c)),
    );
  });

  it('rows are villages within a township; --by township writes one file per township', async () => {
    const r = await run({ id: 'summary', by: 'township' });
    expect(r.files.map((f) => path.basename(f.file))).toEqual([
      '东阳镇-监测帮扶汇总表.xlsx',
      '北田镇-监测帮扶汇总表.xlsx',
    ]);
    const ws = (await open(r.files[0]!.file)).getWorksheet('基本情况')!;
    expect(ws.getCell(4, 1).value).toBe('村');
    expect(rowValues(ws, findRow(ws, '合计'))[1]).toBe(
      count('SELECT count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id WHERE v.township_id = 1'),
    );
  });
});

describe('ledger 监测对象台账', () => {
  it('lists every 监测对象 by 乡镇/村/户编号 with state, colour and measures', async () => {
    const r = await run({ id: 'ledger' });
    const monitored = count('SELECT count(*) AS n FROM households WHERE mon_category IS NOT NULL');
    expect(r.files[0]!.rows).toBe(monitored);
    const wb = await open(r.files[0]!.file);
    noPlaceholderLeft(wb);
    const ws = wb.worksheets[0]!;
    const head = findRow(ws, '序号');
    expect(ws.pageSetup.printTitlesRow).toBe(`${head}:${head}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    const rows = Array.from({ length: monitored }, (_, i) => rowValues(ws, head + 1 + i));
    expect(rows.map((x) => x[0])).toEqual(Array.from({ length: monitored }, (_, i) => i + 1));
    const order = fx.register.db
      .prepare(
        `SELECT h.hh_no FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
         WHERE mon_category IS NOT NULL ORDER BY t.code, v.code, h.hh_no`,
      )
      .all() as { hh_no: string }[];
    expect(rows.map((x) => x[2])).toEqual(order.map((o) => o.hh_no));
    const first = fx.register.db.prepare('SELECT * FROM households WHERE hh_no = ?').get(order[0]!.hh_no) as Record<
      string,
      unknown
    >;
    const [, place, hhNo, head_, idNo, people, , category, , identified, state, colour, , measures] = rows[0]!;
    expect([place, hhNo, head_, category]).toEqual([
      '东阳镇\n西沟村',
      first.hh_no,
      first.head_name,
      first.mon_category,
    ]);
    expect(idNo).toBe(`${String(first.head_id_no).slice(0, 6)}********${String(first.head_id_no).slice(-4)}`);
    expect(people).toBe(count("SELECT count(*) AS n FROM members WHERE hh_no = ? AND status = '在册'", first.hh_no));
    expect(identified).toMatch(/^\d{4}年\d{1,2}月$/);
    expect(String(state).startsWith(first.risk_eliminated === 1 ? '风险已消除' : '风险未消除')).toBe(true);
    const expected =
      first.risk_eliminated === 1
        ? null
        : `${colourOf('duration', { identifiedMonth: first.identified_month as string, perCapita: null }, AS_OF)}色`;
    expect(colour).toBe(expected);
    expect(String(measures)).toContain('：');
  });

  it('--by village writes one file per village named 乡镇-村-监测对象台账.xlsx (same village names kept apart)', async () => {
    const r = await run({ id: 'ledger', by: 'village' });
    expect(r.files.map((f) => path.basename(f.file))).toEqual([
      '东阳镇-西沟村-监测对象台账.xlsx',
      '东阳镇-东沟村-监测对象台账.xlsx',
      '北田镇-南庄村-监测对象台账.xlsx',
      '北田镇-西沟村-监测对象台账.xlsx',
    ]);
    expect(r.files.map((f) => f.scope)).toContainEqual({ 乡镇: '北田镇', 村: '西沟村' });
    expect(r.files.reduce((n, f) => n + f.rows, 0)).toBe(
      count('SELECT count(*) AS n FROM households WHERE mon_category IS NOT NULL'),
    );
    const ws = (await open(r.files[3]!.file)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('榆次区北田镇西沟村防止返贫监测对象台账');
  });

  it('an edited template (moved columns, new title, a column removed) still fills', async () => {
    const custom = tempDir('本县模板');
    const wb = await open(path.join(builtInTemplatesDir(), '监测对象台账.xlsx'));
    const ws = wb.worksheets[0]!;
    ws.getCell('A1').value = '{{县名}}监测户明细（本县格式）';
    const head = findRow(ws, '序号');
    // swap 户主姓名 (D) and 帮扶措施 (N) in the header and the list row, and drop 帮扶责任人 (O)
    for (const r of [head, head + 1]) {
      const e = ws.getCell(r, 4).value;
      ws.getCell(r, 4).value = ws.getCell(r, 14).value;
      ws.getCell(r, 14).value = e;
      ws.getCell(r, 15).value = null;
    }
    ws.getCell(head + 3, 1).value = '注：本表由{{经办人}}导出。';
    await wb.xlsx.writeFile(path.join(custom, '监测对象台账.xlsx'));

    const r = await run({ id: 'ledger', templates: custom, village: '东沟村' });
    expect(r.customTemplate).toBe(true);
    const out = await open(r.files[0]!.file);
    noPlaceholderLeft(out);
    const o = out.worksheets[0]!;
    expect(o.getCell('A1').value).toBe('榆次区监测户明细（本县格式）');
    expect(o.getCell(head, 4).value).toBe('帮扶措施');
    const firstHead = one<{ head_name: string }>(
      'SELECT head_name FROM households WHERE village_id = 2 AND mon_category IS NOT NULL ORDER BY hh_no LIMIT 1',
    ).head_name;
    expect(o.getCell(head + 1, 14).value).toBe(firstHead);
    expect(String(o.getCell(head + 1, 4).value)).toContain('：');
    expect(o.getCell(head + 1, 15).value).toBeNull();
    expect(o.getCell(head + 1 + r.files[0]!.rows + 1, 1).value).toBe('注：本表由测试员导出。');
  });

  it('an unknown placeholder in a county template names the sheet and the cell', async () => {
    const custom = tempDir('坏模板');
    const wb = await open(path.join(builtInTemplatesDir(), '监测对象台账.xlsx'));
    const ws = wb.worksheets[0]!;
    const head = findRow(ws, '序号');
    ws.getCell(head + 1, 5).value = '{{户.户主名}}';
    await wb.xlsx.writeFile(path.join(custom, '监测对象台账.xlsx'));
    const err = await run({ id: 'ledger', templates: custom }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FpjcError);
    expect((err as FpjcError).code).toBe('TEMPLATE');
    expect((err as FpjcError).message).toContain(`工作表「监测对象台账」单元格 E${head + 1}`);
    expect((err as FpjcError).message).toContain('户主名');
  });
});

describe('survey-form 摸底排查表', () => {
  it('one pre-filled form per household: 附件1 一般户, 附件2 脱贫户 and 监测对象, masked IDs, 双签字', async () => {
    const r = await run({ id: 'survey-form', township: '北田镇', village: '西沟村', year: 2024 });
    expect(path.basename(r.files[0]!.file)).toBe('北田镇-西沟村-摸底排查表.xlsx');
    const all = one<{ n: number; f2: number }>(
      "SELECT count(*) AS n, sum(hh_type = '脱贫户' OR mon_category IS NOT NULL) AS f2 FROM households WHERE village_id = 4",
    );
    expect(r.files[0]!.rows).toBe(all.n);
    const wb = await open(r.files[0]!.file);
    noPlaceholderLeft(wb);
    const form1 = wb.getWorksheet('附件1 一般户')!;
    const form2 = wb.getWorksheet('附件2 农牧户')!;
    const titles = (ws: ExcelJS.Worksheet, t: string) => {
      let n = 0;
      ws.eachRow((row) => {
        if (row.getCell(1).value === t) n++;
      });
      return n;
    };
    expect(titles(form1, '一般户基本情况摸底排查表')).toBe(all.n - all.f2);
    expect(titles(form2, '农牧户基本情况摸底排查表')).toBe(all.f2);
    expect(form1.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    const xml1 = await sheetXml(r.files[0]!.file, 1);
    // two pages per form: a break inside each form (page 2) and one after each but the last
    expect((xml1.match(/<brk /g) ?? []).length).toBe(2 * (all.n - all.f2) - 1);
    expect(xml1).toContain('<printOptions horizontalCentered="1"/>');

    // the first 一般户 form: head, masked ID, members with ages, last year's income
    const hh = one<Record<string, string | number>>(
      "SELECT * FROM households WHERE village_id = 4 AND hh_type = '一般农户' AND mon_category IS NULL ORDER BY hh_no LIMIT 1",
    );
    const text: string[] = [];
    const firstFormEnd = (() => {
      let seen = 0;
      for (let rr = 1; rr <= form1.rowCount; rr++) {
        if (form1.getCell(rr, 1).value === '附件1') seen++;
        if (seen === 2) return rr;
      }
      return form1.rowCount + 1;
    })();
    for (let rr = 1; rr < firstFormEnd; rr++) form1.getRow(rr).eachCell((c) => text.push(textOf(c)));
    const joined = text.join('|');
    expect(joined).toContain(`户编号：${hh.hh_no}`);
    expect(joined).toContain(String(hh.head_name));
    expect(joined).toContain(`${String(hh.head_id_no).slice(0, 6)}********${String(hh.head_id_no).slice(-4)}`);
    expect(joined).not.toContain(String(hh.head_id_no));
    expect(joined).toContain('农户（签字/按手印）：');
    expect(joined).toContain('信息采集员（签字）：');
    expect(joined).toContain('上年度（2023年）');
    expect(joined).not.toContain('登记库');
    expect(joined).toContain('帮扶责任人（签字）：');
    expect(joined).toContain('村（嘎查）审核（签字）：');
    expect(joined).toContain('2023年6月30日至2024年6月29日');
    expect(joined).toContain('不愁吃');
    expect(joined).toContain('地址：榆次区北田镇西沟村');
    const income = one<{ wage: number }>('SELECT wage FROM incomes WHERE hh_no = ? AND year = 2023', hh.hh_no);
    const wageCell: number[] = [];
    for (let rr = 1; rr < firstFormEnd; rr++) {
      if (form1.getCell(rr, 1).value === '工资性收入') wageCell.push(form1.getCell(rr, 4).value as number);
    }
    expect(wageCell[0]).toBe(income.wage);
    const head = one<{ birth_date: string }>(
      "SELECT birth_date FROM members WHERE hh_no = ? AND relation = '户主'",
      hh.hh_no,
    );
    const age = 2024 - Number(head.birth_date.slice(0, 4)) - (head.birth_date.slice(5) > '06-30' ? 1 : 0);
    let memberRow = 0;
    for (let rr = 1; rr < firstFormEnd; rr++)
      if (form1.getCell(rr, 2).value === hh.head_name && form1.getCell(rr, 1).value === 1) memberRow = rr;
    expect(memberRow).toBeGreaterThan(0);
    expect(form1.getCell(memberRow, 5).value).toBe(age);
  });

  it('--campaign keeps the households the campaign flagged, with the flags as hints', async () => {
    const r = await run({ id: 'survey-form', campaign: '2024Q2', by: 'county' });
    expect(r.files[0]!.rows).toBe(2);
    const wb = await open(r.files[0]!.file);
    let hints = '';
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => (hints += `${textOf(c)}|`))));
    expect(hints).toContain('人均纯收入较上年减少');
    // the household signs this sheet: rule names in words, no rule numbers or rankings
    expect(hints).not.toMatch(/\bR\d{2}\b|后20%/);
    const err = await run({ id: 'survey-form', campaign: '2099Q1' }).catch((e: unknown) => e);
    expect((err as FpjcError).code).toBe('NOT_FOUND');
    expect((err as FpjcError).message).toContain('2024Q2');
  });
});

describe('alerts 预警核查反馈表', () => {
  it('open alerts per village, unmatched ones by the village named in them, result columns empty', async () => {
    const r = await run({ id: 'alerts' });
    expect(r.files.map((f) => [path.basename(f.file), f.rows])).toEqual([
      ['东阳镇-西沟村-预警核查反馈表.xlsx', 1],
      ['东阳镇-东沟村-预警核查反馈表.xlsx', 1],
    ]);
    expect(r.skipped).toBe(2);
    expect(r.notes.join()).toContain('1 条');
    const ws = (await open(r.files[0]!.file)).worksheets[0]!;
    const head = findRow(ws, '序号');
    const headers = rowValues(ws, head).map((h) => String(h).replace(/\s+/g, ''));
    const line = Object.fromEntries(headers.map((h, i) => [h, rowValues(ws, head + 1)[i] ?? null]));
    const alert = one<Record<string, unknown>>("SELECT * FROM alerts WHERE status <> '已核实' AND hh_no IS NOT NULL");
    expect(line).toMatchObject({
      来源部门: '医保',
      证件号码: alert.id_no,
      预警类型: '大额医疗自付',
      预警日期: '2024年4月2日',
      核实结果: null,
      核实人: null,
    });
    expect(validationsOf(ws)[`L${head + 1}`]).toMatchObject({
      type: 'list',
      formulae: ['"属实,不属实,已纳入监测,其他"'],
    });

    const county = await run({ id: 'alerts', by: 'county' });
    expect(county.files[0]!.rows).toBe(3);
    expect(county.notes).toEqual([]);
  });
});

describe('roster 家庭成员花名册', () => {
  it('members of a village in the import format of members, full ID numbers, values as export writes them', async () => {
    const r = await run({ id: 'roster', township: '东阳镇', village: '东沟村' });
    const members = fx.register.db
      .prepare(
        "SELECT m.* FROM members m JOIN households h USING (hh_no) WHERE h.village_id = 2 ORDER BY m.hh_no, CASE m.relation WHEN '户主' THEN 0 ELSE 1 END, m.id_no",
      )
      .all() as Record<string, unknown>[];
    expect(r.files[0]!.rows).toBe(members.length);
    const wb = await open(r.files[0]!.file);
    noPlaceholderLeft(wb);
    const ws = wb.worksheets[0]!;
    const head = findRow(ws, '序号');
    const headers = (rowValues(ws, head) as string[]).map((h) => String(h).replace(/\s+/g, ''));
    const row = (i: number): Record<string, unknown> =>
      Object.fromEntries(headers.map((h, k) => [h, rowValues(ws, head + 1 + i)[k] ?? null]));
    const first = row(0);
    for (const f of exportFields(MEMBERS)) {
      const stored = members[0]![f.column];
      const expected =
        stored === null || stored === ''
          ? null
          : f.type === 'bool'
            ? stored === 1
              ? '是'
              : '否'
            : f.type === 'date'
              ? dateCn(stored as string)
              : stored;
      expect(first[f.header] ?? null, f.header).toEqual(expected);
    }
    expect(first.乡镇).toBe('东阳镇');
    expect(ws.getCell(head + 1, headers.indexOf('证件号码') + 1).numFmt).toBe('@');
    expect(rowValues(ws, head + members.length)).toBeDefined();
    expect(ws.rowCount).toBe(head + members.length);
  });
});

describe('scope and options', () => {
  it('says clearly what is wrong', async () => {
    const cases: [Partial<ReportRequest> & { id: string }, string, RegExp][] = [
      [{ id: 'nonesuch' }, 'USAGE', /没有名为「nonesuch」的报表/],
      [{ id: 'ledger', campaign: '2024Q2' }, 'USAGE', /不使用 --campaign/],
      [{ id: 'summary', by: 'village' }, 'USAGE', /不能用 --by village/],
      [{ id: 'ledger', village: '西沟村' }, 'USAGE', /有 2 个村叫「西沟村」.*--township/],
      [{ id: 'ledger', township: '南城镇' }, 'NOT_FOUND', /没有乡镇「南城镇」/],
      [{ id: 'ledger', by: 'village', out: path.join(tempDir(), '台账.xlsx') }, 'USAGE', /文件夹/],
    ];
    for (const [req, code, message] of cases) {
      const err = await run(req).catch((e: unknown) => e);
      expect(err, JSON.stringify(req)).toBeInstanceOf(FpjcError);
      expect((err as FpjcError).code).toBe(code);
      expect((err as FpjcError).message).toMatch(message);
    }
  });

  it('--out FILE writes that file; a folder in the way is FILE_BUSY', async () => {
    const dir = tempDir();
    const file = path.join(dir, '我的 台账.xlsx');
    const r = await run({ id: 'ledger', out: file });
    expect(r.files[0]!.file).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
    fs.rmSync(file);
    fs.mkdirSync(file);
    const err = await run({ id: 'ledger', out: file }).catch((e: unknown) => e);
    expect((err as FpjcError).code).toBe('FILE_BUSY');
    expect(fs.readdirSync(dir)).toEqual(['我的 台账.xlsx']);
  });
});
