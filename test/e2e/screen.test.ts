import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoRegister, dumpRegister, fpjc, tempDir } from '../helpers/cli.js';
import { writeXlsx } from '../helpers/fixtures.js';

/**
 * A clerk's quarter on the demo county, through the real CLI: screen → per-village 排查清单 →
 * typed visit results imported → coverage 100% → campaign report. The per-rule counts of the
 * screen are checked against an independent count written here in plain JS over the register's
 * rows (SPEC §6 and docs/screening.md readings).
 */

const AS_OF = '2024-05-01';
const Y = 2023;
let dir: string;
let db: string;

function run(args: string[], code = 0) {
  const r = fpjc([...args, '--db', db]);
  expect(r.code, r.stdout + r.stderr).toBe(code);
  return r;
}

function json(args: string[], code = 0) {
  const r = fpjc([...args, '--db', db, '--json']);
  expect(r.code, r.stdout + r.stderr).toBe(code);
  expect(r.json, r.stdout).toBeDefined();
  return r.json!;
}

beforeAll(() => {
  dir = tempDir('排查');
  db = demoRegister(dir, 300, 7);
});

// ---------------------------------------------------------------------------------------------
// The independent count

type Row = Record<string, any>;

function independentCounts(file: string): Record<string, number> {
  const d = new Database(file, { readonly: true });
  const all = (sql: string) => d.prepare(sql).all() as Row[];
  const households = all(
    'SELECT h.*, v.name AS village, v.id AS vid FROM households h JOIN villages v ON v.id = h.village_id',
  );
  const members = all("SELECT * FROM members WHERE status = '在册'");
  const incomes = all('SELECT * FROM incomes');
  const alerts = all('SELECT * FROM alerts WHERE hh_no IS NOT NULL');
  const measures = all('SELECT * FROM measures');
  const events = all("SELECT * FROM monitoring_events WHERE event = '识别'");
  d.close();
  const by = <T extends Row>(rows: T[], key: string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
    return m;
  };
  const mem = by(members, 'hh_no');
  const alertsOf = by(alerts, 'hh_no');
  const measuresOf = by(measures, 'hh_no');
  const income = new Map(incomes.map((i) => [`${i.hh_no}|${i.year}`, i]));
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const net = (i: Row | undefined) =>
    i ? n(i.wage) + n(i.business) + n(i.property) + n(i.transfer) - n(i.business_cost) : null;
  const pc = (i: Row | undefined) => (i && i.size > 0 ? Math.round((net(i)! / i.size) * 100) / 100 : null);
  const age = (birth: string) => {
    let a = 2024 - Number(birth.slice(0, 4));
    if (AS_OF.slice(5) < birth.slice(5)) a--;
    return a;
  };
  const months = (m: string) => (2024 - Number(m.slice(0, 4))) * 12 + (5 - Number(m.slice(5, 7)));
  const current = (a: Row) => a.verify_result !== '不属实' && (a.alert_date === '' || a.alert_date >= `${Y}-01-01`);
  const has = (a: Row, dept: string, ...words: string[]) =>
    a.source_dept === dept && (words.length === 0 || words.some((w) => a.alert_type.includes(w)));
  const capable = (m: Row) => ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'].includes(m.labour_skill);
  const onWelfare = (m: Row) => (m.dibao && m.dibao !== '未享受') || m.tekun === 1;
  const worker = (m: Row) =>
    (typeof m.work_status === 'string' && m.work_status.endsWith('务工') && m.work_status !== '未务工') ||
    (m.work_status === null && m.work_months > 0);
  const disabled = (m: Row) => (m.health ?? '').includes('残疾') || m.disability_grade || m.disability_type;
  const basic = (h: Row) =>
    h.housing_unsafe === 1 || h.school_dropout === 1 || h.water_unsafe === 1 || h.uninsured === 1;

  const liftedPcs = households
    .filter((h) => h.hh_type === '脱贫户')
    .map((h) => pc(income.get(`${h.hh_no}|${Y}`)))
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const cutoff = liftedPcs[Math.ceil(liftedPcs.length * 0.2) - 1]!;

  const c: Record<string, number> = {};
  const hit = (rule: string) => (c[rule] = (c[rule] ?? 0) + 1);
  for (const h of households) {
    const ms = mem.get(h.hh_no) ?? [];
    const as = (alertsOf.get(h.hh_no) ?? []).filter(current);
    const y = income.get(`${h.hh_no}|${Y}`);
    const p = income.get(`${h.hh_no}|${Y - 1}`);
    const pcY = pc(y);
    const pcP = pc(p);
    const unresolved = h.mon_category !== null && h.risk_eliminated !== 1;
    const eliminated = h.mon_category !== null && h.risk_eliminated === 1;
    const anyCapable = ms.some(capable);
    const incapable =
      !anyCapable && (h.whole_no_labour === 1 || (ms.length > 0 && ms.every((m) => m.labour_skill !== null)));
    const gross = y ? n(y.wage) + n(y.business) + n(y.property) + n(y.transfer) : 0;
    const openAlerts = (alertsOf.get(h.hh_no) ?? []).filter((a) => a.status !== '已核实');
    const ms2 = (measuresOf.get(h.hh_no) ?? []).filter((x) => x.start_date === '' || x.start_date <= AS_OF);

    if (!unresolved && pcY !== null && pcY < 8300) hit('R01');
    if (pcY !== null && pcP !== null && pcY < pcP) hit('R02');
    if (h.hh_type === '脱贫户' && pcY !== null && pcP !== null && pcY <= cutoff && pcY < pcP) hit('R03');
    const spend = y ? n(y.self_pay) + n(y.other_rigid) : 0;
    if (spend > 0 && p && spend > net(p)!) hit('R04');
    if ((y && n(y.self_pay) >= 10000) || as.some((a) => has(a, '医保') && a.value !== null && a.value >= 10000))
      hit('R05');
    if (
      ms.some(
        (m) =>
          (m.dibao && m.dibao !== '未享受' && m.dibao_since >= `${Y}-01-01`) ||
          (m.tekun === 1 && m.tekun_since >= `${Y}-01-01`),
      ) ||
      as.some((a) => has(a, '民政', '低保', '特困') && !/退出|取消|停保|停发|终止|注销|减少/.test(a.alert_type))
    )
      hit('R06');
    if (ms.some(disabled)) hit('R07');
    const unemployed = as.some((a) => has(a, '人社', '失业'));
    if (
      unemployed ||
      (ms.some((m) => worker(m) && m.work_months !== null && m.work_months < 6) &&
        gross > 0 &&
        n(y?.wage) >= 0.6 * gross)
    )
      hit('R08');
    if (
      basic(h) ||
      as.some(
        (a) =>
          has(a, '住建', '房') ||
          has(a, '教育', '辍学', '失学') ||
          has(a, '水利', '水') ||
          has(a, '医保', '未参', '断保', '脱保', '停保'),
      )
    )
      hit('R09');
    if (
      unemployed ||
      as.some((a) => has(a, '信访')) ||
      ms.some(
        (m) =>
          (m.health ?? '').includes('患有大病') ||
          (m.health ?? '').includes('长期慢性病') ||
          ['一级', '二级'].includes(m.disability_grade) ||
          (['失能', '半失能'].includes(m.disabled_care) && m.birth_date && age(m.birth_date) >= 60) ||
          onWelfare(m),
      )
    )
      hit('R10');
    if (openAlerts.length > 0) hit('R11');
    if (incapable && !ms.some(onWelfare)) hit('R12');
    if (
      unresolved &&
      anyCapable &&
      !ms2.some((x) => x.developmental === 1) &&
      h.dev_measure_status !== '已实施' &&
      h.identified_month &&
      months(h.identified_month) >= 6
    )
      hit('R20');
    if (unresolved && anyCapable && ms2.length > 0 && ms2.every((x) => x.category === '综合保障')) hit('R21');
    if (
      unresolved &&
      !incapable &&
      !basic(h) &&
      openAlerts.length === 0 &&
      h.identified_month &&
      months(h.identified_month) >= 6 &&
      pcY !== null &&
      pcP !== null &&
      pcY >= 8300 &&
      pcY >= pcP
    )
      hit('R22');
    if (eliminated && ((pcY !== null && pcY < 8300) || basic(h))) hit('R23');
    if (eliminated && incapable && y) {
      const sub = [y.dibao_money, y.tekun_money, y.pension_money, y.family_planning, y.eco_compensation];
      const policy = sub.every((v) => v === null) ? n(y.transfer) : sub.reduce((a: number, v) => a + n(v), 0);
      if (gross > 0 && policy > 0.5 * gross) hit('R24');
    }
  }
  // V01
  const villages = by(households, 'vid');
  const identified = new Set(events.filter((e) => e.month === null || e.month >= '2021-01').map((e) => e.hh_no));
  for (const hs of villages.values()) {
    const lifted = hs.filter((h) => h.hh_type === '脱贫户').length;
    const monitored = hs.filter(
      (h) =>
        (h.mon_category !== null && (h.identified_month === null || h.identified_month >= '2021-01')) ||
        identified.has(h.hh_no),
    ).length;
    if (lifted >= 10 && monitored === 0) hit('V01');
  }
  return c;
}

// ---------------------------------------------------------------------------------------------

describe('fpjc screen on the demo county', () => {
  it('flags what an independent count finds, rule by rule', () => {
    const r = json(['screen', '--campaign', '2024Q2', '--as-of', AS_OF]);
    expect(r.ok).toBe(true);
    const res = r.result;
    expect(res).toMatchObject({ campaign: '2024Q2', name: '2024年第二季度集中排查', incomeYear: 2023, inScope: 300 });
    const expected = independentCounts(db);
    for (const rule of Object.keys(res.byRule)) expect(res.byRule[rule], rule).toBe(expected[rule] ?? 0);
    // every planted edge case is found (the demo plants each at least once)
    for (const rule of [
      'R01',
      'R02',
      'R04',
      'R05',
      'R06',
      'R07',
      'R08',
      'R09',
      'R10',
      'R11',
      'R12',
      'R20',
      'R21',
      'R22',
      'R23',
      'R24',
      'V01',
    ]) {
      expect(res.byRule[rule], rule).toBeGreaterThan(0);
    }
    // the JSON contract: every flag with 户编号, rule, category and evidence with numbers
    expect(res.flags.length).toBe(
      Object.entries(res.byRule).reduce((a: number, [k, v]) => a + (k === 'V01' ? 0 : (v as number)), 0),
    );
    const r01 = res.flags.find((f: any) => f.rule === 'R01');
    expect(r01).toMatchObject({ 户编号: expect.any(String), category: '纳入研判' });
    expect(r01.evidence).toMatch(/^2023 年人均纯收入 [\d,.]+ 元 低于 2024 年监测范围 8,300 元$/);
    expect(res.flagged).toBe(new Set(res.flags.map((f: any) => f.户编号)).size);
    expect(res.byTownship.reduce((a: number, t: any) => a + t.inScope, 0)).toBe(300);
  });

  it('screened with the reader thread, a register holds exactly what screening in the command itself leaves', () => {
    const d = new Database(db, { readonly: true });
    const township = d.prepare('SELECT name FROM townships ORDER BY id LIMIT 1').pluck().get() as string;
    d.close();
    // with and without 务工 periods (the months worked are read from them where there are any)
    const withPeriods = path.join(dir, 'with-periods.db');
    fs.copyFileSync(db, withPeriods);
    const work = path.join(dir, '演示县', '全国系统导出', '（务工月监测）已外出务工信息.xlsx');
    expect(fpjc(['import', work, '--db', withPeriods, '--no-backup']).code).toBe(0);
    const screened = (source: string, worker: string) => {
      const copy = path.join(dir, `worker-${worker}.db`);
      fs.copyFileSync(source, copy);
      const runs = [
        ['screen', '--campaign', '2024W1', '--as-of', AS_OF],
        ['screen', '--campaign', '2024W2', '--as-of', AS_OF, '--township', township],
        ['screen', '--campaign', '2024W1', '--as-of', AS_OF, '--rules', 'R01,R03,R06,V01'],
        ['screen', '--campaign', '2024W3', '--as-of', AS_OF, '--dry-run'],
      ].map((args) => {
        const r = fpjc([...args, '--db', copy, '--json'], { env: { FPJC_SCREEN_WORKER: worker } });
        expect(r.code, r.stdout + r.stderr).toBe(0);
        return r.json!.result;
      });
      const dump = dumpRegister(copy).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '（时间）');
      return { runs, dump };
    };
    for (const source of [db, withPeriods]) {
      const inThread = screened(source, '0');
      const withWorker = screened(source, '1');
      expect(inThread.runs[0].flags.length).toBeGreaterThan(0);
      expect(inThread.runs[1].inScope).toBeLessThan(inThread.runs[0].inScope);
      expect(withWorker).toEqual(inThread);
    }
    const periods = new Database(withPeriods, { readonly: true });
    expect(periods.prepare('SELECT count(*) FROM work_periods').pluck().get()).toBeGreaterThan(0);
    periods.close();
  });

  it('prints a table by 乡镇 in Chinese; --dry-run changes nothing; re-running keeps the counts', () => {
    const before = dumpRegister(db);
    const dry = run(['screen', '--campaign', '2024Q2', '--dry-run']);
    expect(dry.stdout).toContain('【试运行，未写入登记库】');
    expect(dry.stdout).toMatch(
      /乡镇\s+排查户数\s+有预警线索\s+纳入研判\s+必查\s+必核\s+必到\s+帮扶\s+消除\s+回头看\s+数据缺失/,
    );
    expect(dry.stdout).toContain('村级预警（V01）');
    expect(dumpRegister(db)).toBe(before);
    const again = json(['screen', '--campaign', '2024Q2', '--out', path.join(dir, '随排查生成的清单')]);
    expect(again.result.asOf).toBe(AS_OF);
    expect(again.result.changes.flags.before).toBe(again.result.changes.flags.after);
    expect(again.result.report.report).toBe('screening-list');
    expect(again.result.report.files.length).toBeGreaterThan(5);
    expect(again.result.report.files.every((f: any) => f.file.endsWith('排查清单.xlsx') && fs.existsSync(f.file))).toBe(
      true,
    );
  });

  it('lists flagged households by village and rule', () => {
    const all = json(['screen', 'list', '--campaign', '2024Q2']).result;
    const r05 = json(['screen', 'list', '--campaign', '2024Q2', '--rule', 'R05']).result;
    expect(r05.households.length).toBeGreaterThan(0);
    expect(r05.households.every((h: any) => h.rules.includes('R05'))).toBe(true);
    const village = all.households[0].村;
    const one = json([
      'screen',
      'list',
      '--campaign',
      '2024Q2',
      '--township',
      all.households[0].乡镇,
      '--village',
      village,
    ]).result;
    expect(one.households.every((h: any) => h.村 === village)).toBe(true);
    const text = run(['screen', 'list', '--campaign', '2024Q2', '--rule', 'R05']).stdout;
    expect(text).toContain('R05 医疗自付达到大病标准');
  });

  it('a whole quarter: lists per village, typed results imported, coverage 100%, campaign report', async () => {
    const out = path.join(dir, '排查清单');
    const rep = json(['report', 'screening-list', '--campaign', '2024Q2', '--out', out]).result;
    const status0 = json(['screen', 'status', '--campaign', '2024Q2']).result;
    expect(rep.files.length).toBe(status0.villages);
    expect(status0).toMatchObject({ inScope: 300, visited: 0, coverage: 0, complete: false });

    let proposed = 0;
    for (const f of rep.files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.file);
      const ws = wb.worksheets[0]!;
      let headerRow = 0;
      const col: Record<string, number> = {};
      ws.eachRow((row, i) => {
        if (headerRow) return;
        // headers wrap over two lines on paper (是否\n入户): compare them without blanks
        const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : ''));
        if (values.includes('户编号') && values.includes('研判结果')) {
          headerRow = i;
          // headers may be broken across lines (是否\n入户), as the importer reads them
          values.forEach((v, c) => {
            if (v) col[v.replace(/\s/g, '')] = c;
          });
        }
      });
      expect(headerRow).toBeGreaterThan(0);
      expect(headerRow).toBeLessThanOrEqual(15);
      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const hh = row.getCell(col.户编号!).text;
        if (!hh) continue;
        const state = row.getCell(col.监测状态!).text;
        const flagged = row.getCell(col.预警规则!).text !== '';
        const set = (name: string, v: string) => {
          row.getCell(col[name]!).value = v;
        };
        set('排查日期', '2024-05-20');
        set('排查人', '王排查');
        set('是否入户', '是');
        if (state.includes('风险未消除')) set('研判结果', '已是监测对象');
        else if (state.includes('风险已消除')) set('研判结果', '风险已稳定消除');
        else if (flagged && proposed < 3) {
          proposed++;
          set('研判结果', '建议纳入监测');
          set('类别', '边缘易致贫户');
          set('风险类型', '因病,因学');
        } else if (flagged) {
          set('研判结果', '不纳入');
          set('说明', '经入户核实，家庭收入稳定，无返贫致贫风险');
        } else set('研判结果', '不纳入');
        row.commit();
      }
      await wb.xlsx.writeFile(f.file);
      const imp = json(['import', 'visits', f.file, '--campaign', '2024Q2']);
      expect(imp.result.rejected).toBe(0);
    }

    const status = json(['screen', 'status', '--campaign', '2024Q2']).result;
    expect(status).toMatchObject({ inScope: 300, visited: 300, notVisited: 0, coverage: 1, complete: true });
    expect(status.results.建议纳入监测).toBe(3);
    expect(Object.values(status.results).reduce((a: number, b) => a + (b as number), 0)).toBe(300);
    expect(status.byTownship.length).toBeGreaterThan(1);
    expect(run(['screen', 'status', '--campaign', '2024Q2']).stdout).toContain('已实现排查全覆盖');

    // re-importing a filled list changes nothing
    const again = json(['import', 'visits', rep.files[0].file, '--campaign', '2024Q2']).result;
    expect(again).toMatchObject({ inserted: 0, updated: 0 });

    // re-screening keeps the visit results
    json(['screen', 'list', '--campaign', '2024Q2']);
    json(['screen', '--campaign', '2024Q2']);
    expect(json(['screen', 'status', '--campaign', '2024Q2']).result.coverage).toBe(1);

    const progress = json(['report', 'campaign', '--campaign', '2024Q2', '--out', path.join(dir, '进度')]).result;
    expect(progress.files).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(progress.files[0].file);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => texts.push(row.getCell(1).text));
    const summary = texts.find((t) => t.includes('共排查农户')) ?? '';
    expect(summary).toMatch(/共排查农户300户\d+人，覆盖\d+个行政村/);
    expect(summary).toContain('实现排查全覆盖');
    expect(summary).toContain('建议纳入监测3户');
    expect(summary).toMatch(/识别监测对象\d+户\d+人/);
  });
});

describe('import visits: bad files', () => {
  it('rejects a bad file with row-level Chinese messages and leaves the register unchanged', async () => {
    const list = json(['screen', 'list', '--campaign', '2024Q2']).result;
    const flagged = list.households.find((h: any) => h.监测状态 === '非监测对象')!;
    const file = await writeXlsx(path.join(dir, '错误的排查结果.xlsx'), [
      {
        name: '排查结果',
        titleRows: ['某村入户排查结果'],
        header: ['户编号', '排查日期', '排查人', '是否入户', '研判结果', '说明', '类别', '风险类型'],
        rows: [
          [flagged.户编号, '2024-05-21', '李四', '是', '建议纳入监测', null, null, null],
          ['9999999999', '2024-05-21', '李四', '是', '不纳入', null, null, null],
          [flagged.户编号, '2024-13-01', '李四', '也许', '待定', null, null, null],
        ],
      },
    ]);
    const before = dumpRegister(db);
    const r = fpjc(['import', 'visits', file, '--campaign', '2024Q2', '--db', db, '--json']);
    expect(r.code).toBe(3);
    expect(r.json?.error?.code).toBe('INVALID_INPUT');
    const problems = r.json!.error!.details.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => p.row)).toEqual(expect.arrayContaining([3, 5]));
    expect(problems.find((p) => p.row === 3 && p.column === '类别')?.message).toBe(
      '研判结果为「建议纳入监测」时必须填写类别',
    );
    expect(problems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
    expect(fs.existsSync(`${file}.错误报告.xlsx`)).toBe(true);
    expect(dumpRegister(db)).toBe(before);

    const text = fpjc(['import', 'visits', file, '--campaign', '2024Q2', '--db', db]);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain('整个文件没有导入，登记库未改动');

    const unknown = fpjc(['import', 'visits', file, '--campaign', '2099Q9', '--db', db, '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.json?.error?.message).toContain('没有排查批次「2099Q9」');
    const missing = fpjc(['import', 'visits', file, '--db', db, '--json']);
    expect(missing.code).toBe(2);
    expect(dumpRegister(db)).toBe(before);
  });

  it('usage errors of screen exit 2 with Chinese messages', () => {
    expect(fpjc(['screen', '--campaign', '2024Q2', '--rules', 'R99', '--db', db]).stderr).toContain('不是排查规则编号');
    expect(fpjc(['screen', '--campaign', '2024Q2', '--rules', 'R99', '--db', db]).code).toBe(2);
    expect(fpjc(['screen', 'status', '--campaign', 'NOPE', '--db', db, '--json']).code).toBe(2);
    expect(fpjc(['screen', '--db', db]).code).toBe(2);
  });
});
