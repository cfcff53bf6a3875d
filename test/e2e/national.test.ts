/**
 * National-system exports as counties have them (SPEC Appendix C, issue "national exports in"):
 * files built by test/helpers/national.ts in the exact shape public checkers read.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, initRegister, tempDir } from '../helpers/cli.js';
import { writeXlsx } from '../helpers/fixtures.js';
import {
  CARDS,
  DOZEN_HEADER,
  NATIONAL_HEADER,
  type NationalRow,
  NP,
  nationalRows,
  writeNationalFile,
} from '../helpers/national.js';

const H1 = '1407020010010001';
const H2 = '1407020010010002';
const H3 = '1407020020010001';

type Row = Record<string, unknown>;

function query(db: string, sql: string, ...params: unknown[]): Row[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as Row[];
  } finally {
    d.close();
  }
}
const one = (db: string, sql: string, ...params: unknown[]): Row => query(db, sql, ...params)[0] ?? {};

function importJson(db: string, args: string[]) {
  return fpjc(['import', ...args, '--db', db, '--json']);
}

async function fullExport(dir: string, rows: NationalRow[] = nationalRows(), exportDate?: string | null) {
  return writeNationalFile(path.join(dir, '（自定义）监测对象信息.xlsx'), {
    header: NATIONAL_HEADER,
    rows,
    exportDate,
  });
}

describe('the per-person 监测对象信息 export', () => {
  it('has the 102 columns of Appendix C, and every one lands in the register', async () => {
    expect(NATIONAL_HEADER).toHaveLength(102);
    const dir = tempDir('全国导出');
    const db = initRegister(dir);
    const file = await fullExport(dir);
    const r = fpjc(['import', file, '--db', db]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toMatch(/已按表头识别为「监测对象信息（全国系统导出）」\(national\)：认出全部 102 列/);
    const j = importJson(db, [file]);
    expect(j.json?.result).toMatchObject({ kind: 'national', unknownColumns: [], rows: 7, unchanged: 7, rejected: 0 });
    expect(j.json?.result.incomeYear).toMatchObject({ year: 2023 });

    const h1 = one(db, 'SELECT * FROM households WHERE hh_no = ?', H1);
    expect(h1).toMatchObject({
      hh_type: '脱贫户',
      head_name: '张建国',
      head_id_no: NP.head1,
      phone: '13812345678',
      whole_no_labour: 0,
      dev_measure_status: '已实施',
      arable_land: 4.5,
      forest_land: 2,
      returned_farmland: 1.2,
      orchard_land: 0.8,
      grassland: 3,
      water_area: 0.5,
      electricity: 1,
      road_hardened: 0,
      road_distance: 1.5,
      housing_area: 86,
      dangerous_house: 0,
      water_unsafe: 1, // 是否解决安全饮用水 否 = the water is not safe
      toilet: 1,
      school_dropout: 0,
      uninsured: 0,
      mon_category: '脱贫不稳定户',
      risk1: '因病',
      risk2: '因残',
      identified_month: '2023-03',
      risk_eliminated: 0,
      contact_person: '王会计',
      contact_phone: '13900001111',
    });
    expect(
      one(
        db,
        'SELECT t.name AS t, v.name AS v FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id WHERE hh_no = ?',
        H1,
      ),
    ).toEqual({ t: '东阳镇', v: '西沟村' });

    const members = query(db, 'SELECT * FROM members ORDER BY person_no');
    expect(members).toHaveLength(7);
    const head = members.find((m) => m.id_no === NP.head1)!;
    expect(head).toMatchObject({
      person_no: '140702001001000101',
      name: '张建国',
      id_type: '居民身份证',
      sex: '男',
      birth_date: '1970-03-15',
      ethnicity: '汉族',
      relation: '户主',
      education: '初中',
      school_status: '非在校生',
      health: '长期慢性病',
      labour_skill: '普通劳动力',
      work_place: '太原市小店区',
      phone: '13812345678',
      employment_channel: '劳务输出',
      medical_insured: 1,
      staff_medical_insured: 0,
      illness_insured: 1,
      medical_aid: 0,
      pension_insured: 1,
      staff_pension_insured: 0,
      dibao: '农村低保',
      tekun: 0,
      tekun_scope: null,
      status: '在册',
    });
    // a 残疾人证 holder keeps her ID number as key, the card number, and the category and grade it carries
    expect(members.find((m) => m.name === '刘秀英')).toMatchObject({
      id_no: NP.spouse1,
      id_type: '残疾人证',
      disability_card_no: CARDS.spouse1,
      disability_type: '肢体残疾',
      disability_grade: '二级',
      ethnicity: '回族',
      public_post: '护林员',
      public_post_months: 10,
      medical_aid: 1,
    });
    expect(members.find((m) => m.name === '赵桂兰')).toMatchObject({
      id_no: NP.spouse2,
      disability_card_no: CARDS.spouse2,
      disability_type: '视力残疾',
      disability_grade: '一级',
    });
    expect(members.find((m) => m.name === '李福')).toMatchObject({
      tekun: 1,
      tekun_scope: '农村特困',
      health: '患有大病',
    });
    expect(members.find((m) => m.name === '张小梅')).toMatchObject({ school_status: '七年级', education: '小学' });

    const incomes = query(db, 'SELECT * FROM income_totals ORDER BY hh_no');
    expect(incomes.map((i) => [i.hh_no, i.year, i.size])).toEqual([
      [H1, 2023, 3],
      [H2, 2023, 2],
      [H3, 2023, 1], // the son born in January 2024 was not part of 2023's household
    ]);
    expect(incomes[0]).toMatchObject({
      wage: 12000,
      business: 6000,
      property: 500,
      transfer: 3200,
      tekun_money: 0,
      self_pay: 6800,
      typed_per_capita: 7233.33,
    });
    expect(Math.round((incomes[0]!.per_capita as number) * 100) / 100).toBe(7233.33);

    const measures = query(
      db,
      'SELECT category, content, developmental FROM measures WHERE hh_no = ? ORDER BY category, content',
      H1,
    );
    expect(measures.map((m) => `${m.category}:${m.content}`)).toEqual(
      [
        '义务教育保障:营养餐补助',
        '住房安全保障:危房改造',
        '健康帮扶:慢病签约服务',
        '健康帮扶:医疗救助',
        '公益岗位帮扶:护林员',
        '基础设施建设:入户路硬化',
        '就业帮扶:技能培训',
        '教育帮扶:雨露计划',
        '生产生活条件改善:庭院经济',
        '社会帮扶:消费帮扶',
        '综合保障:农村低保',
        '金融帮扶:小额信贷',
        '饮水安全保障:饮水工程',
        '产业帮扶:产业奖补',
        '产业帮扶:光伏收益分红',
      ].sort(),
    );
    expect(measures.filter((m) => m.developmental === 1)).toHaveLength(5); // 产业 2, 就业, 公益岗位, 金融

    const h3 = one(db, 'SELECT * FROM households WHERE hh_no = ?', H3);
    expect(h3).toMatchObject({
      mon_category: '边缘易致贫户',
      risk1: '因自然灾害',
      disaster_sub: '洪涝',
      identified_month: '2023-01',
      risk_eliminated: 1,
      elimination_method: '帮扶消除',
      eliminated_month: '2024-03',
      contact_person: '赵书记',
    });
    expect(one(db, 'SELECT * FROM elimination_snapshots WHERE hh_no = ?', H3)).toMatchObject({
      eliminated_month: '2024-03',
      school_dropout: 0,
      housing_damaged: 0,
      uninsured: 0,
      water_damaged: 0,
      wage: 30000,
      property: 0,
      transfer: 1000,
      business: 0,
      business_cost: 0,
      net: 31000,
      per_capita: 31000,
      claims: 0,
      self_pay: 0,
    });
    expect(query(db, 'SELECT event, month, category FROM monitoring_events WHERE hh_no = ? ORDER BY id', H3)).toEqual([
      { event: '识别', month: '2023-01', category: '边缘易致贫户' },
      { event: '消除', month: '2024-03', category: '边缘易致贫户' },
    ]);
    expect(one(db, 'SELECT dangerous_house, water_unsafe, mon_category FROM households WHERE hh_no = ?', H2)).toEqual({
      dangerous_house: 1,
      water_unsafe: 0,
      mon_category: null,
    });

    // show gives the new facts
    const show = fpjc(['show', 'member', CARDS.spouse1, '--db', db, '--json']);
    expect(show.json?.result.member).toMatchObject({
      证件号码: NP.spouse1,
      残疾人证号: CARDS.spouse1,
      残疾类别: '肢体残疾',
    });
    const shown = fpjc(['show', 'household', H3, '--db', db, '--json']);
    expect(shown.json?.result.eliminationSnapshots[0]).toMatchObject({
      风险消除时间: '2024-03',
      风险消除后家庭人均纯收入: 31000,
    });
  });

  it('a dozen columns build a fresh register; re-importing changes nothing', async () => {
    const dir = tempDir('十几列');
    const db = initRegister(dir);
    const file = await writeNationalFile(path.join(dir, '监测对象（部分列）.xlsx'), {
      header: DOZEN_HEADER,
      rows: nationalRows(),
      exportDate: '2024-04-20',
    });
    const r = importJson(db, [file]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json?.result).toMatchObject({ kind: 'national', inserted: 7, rejected: 0, unknownColumns: [] });
    expect(r.json?.result.records).toMatchObject({ 户: { inserted: 3 }, 成员: { inserted: 7 }, 收支: { inserted: 3 } });
    expect(r.json?.result.monitoringChangeCount).toBe(2);
    expect(one(db, 'SELECT count(*) AS n FROM households WHERE mon_category IS NOT NULL')).toEqual({ n: 2 });
    expect(one(db, 'SELECT wage, size FROM incomes WHERE hh_no = ?', H1)).toEqual({ wage: 12000, size: 3 });
    expect(one(db, 'SELECT head_name FROM households WHERE hh_no = ?', H2)).toEqual({ head_name: '李福' });

    const before = dumpRegister(db);
    const again = importJson(db, [file]);
    expect(again.json?.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 7, monitoringChangeCount: 0 });
    const changes = (d: string) => d.split('\n## ').filter((s) => s.startsWith('change'));
    expect(changes(dumpRegister(db))).toEqual(changes(before));

    // the full export afterwards adds what the dozen lacked and changes no monitoring state
    const full = importJson(db, [await fullExport(dir)]);
    expect(full.code, full.stdout).toBe(0);
    expect(
      full.json?.result.monitoringChanges.map((c: { 户编号: string; 变化: string[] }) => [c.户编号, c.变化]),
    ).toEqual([
      [H1, ['风险变更']],
      [H3, ['风险变更', '消除']],
    ]);
    expect(one(db, 'SELECT count(*) AS n FROM measures')).toEqual({ n: 16 });
  });

  it('month-only dates are kept with month precision and count from the first of the month', async () => {
    const dir = tempDir('年月');
    const db = initRegister(dir);
    expect(importJson(db, [await fullExport(dir)]).code).toBe(0);
    const file = await writeXlsx(path.join(dir, '家庭成员（特困）.xlsx'), [
      {
        name: '家庭成员',
        titleRows: ['家庭成员信息', '导出时间：2024-04-20'],
        header: [
          '户编号',
          '证件号码',
          '姓名',
          '与户主关系',
          '是否特困供养人员',
          '纳入特困时间',
          '享受低保政策情况',
          '纳入低保时间',
        ],
        rows: [
          [H2, NP.head2, '李福', '户主', '是', '201804', '未享受', null],
          [H1, NP.head1, '张建国', '户主', '否', null, '农村低保', '202301'],
        ],
      },
    ]);
    const r = importJson(db, [file]);
    expect(r.code, r.stdout).toBe(0);
    expect(
      query(
        db,
        'SELECT name, tekun_since, dibao_since FROM members WHERE id_no IN (?, ?) ORDER BY name',
        NP.head1,
        NP.head2,
      ),
    ).toEqual([
      { name: '张建国', tekun_since: null, dibao_since: '2023-01' },
      { name: '李福', tekun_since: '2018-04', dibao_since: null },
    ]);
    const s = fpjc([
      'screen',
      '--campaign',
      '2024Q2',
      '--as-of',
      '2024-05-01',
      '--income-year',
      '2023',
      '--rules',
      'R06',
      '--db',
      db,
      '--json',
    ]);
    const flags = s.json?.result.flags.filter(
      (f: { rule: string; category: string }) => f.rule === 'R06' && f.category !== '数据缺失',
    );
    expect(flags.map((f: { 户编号: string }) => f.户编号)).toEqual([H1]); // 2023-01 counts as since 1 January 2023
  });

  it('screening a register built only from national exports evaluates every rule', async () => {
    const dir = tempDir('全国导出排查');
    const out = path.join(dir, '演示县');
    expect(fpjc(['demo', '--out', out, '--households', '300', '--seed', '11', '--json']).code).toBe(0);
    const db = initRegister(dir);
    const r = importJson(db, [path.join(out, '全国系统导出')]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json?.result.files.map((f: { kind: string }) => f.kind)).toEqual([
      'village-info',
      'national',
      'national',
      'migrant-work',
      'planned-work',
    ]);
    expect(
      r.json?.result.files.every(
        (f: { rejected: number; unknownColumns: string[] }) => f.rejected === 0 && f.unknownColumns.length === 0,
      ),
    ).toBe(true);
    expect(importJson(db, ['alerts', path.join(out, '部门预警.xlsx')]).code).toBe(0);
    const s = fpjc(['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01', '--db', db, '--json']);
    expect(s.code, s.stdout).toBe(0);
    const flags: { rule: string; category: string }[] = s.json?.result.flags;
    expect(flags.filter((f) => f.category === '数据缺失')).toEqual([]);
    for (const rule of ['R01', 'R02', 'R05', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12']) {
      expect(
        flags.some((f) => f.rule === rule),
        rule,
      ).toBe(true);
    }
    // the previous year's dozen-column export gave R02 its comparison year
    expect(one(db, 'SELECT count(DISTINCT year) AS n FROM incomes')).toEqual({ n: 2 });
    expect(one(db, 'SELECT count(*) AS n FROM work_periods')).not.toEqual({ n: 0 });
    expect(one(db, 'SELECT count(*) AS n FROM village_stats')).not.toEqual({ n: 0 });
  });
});

describe('national exports: the year of the numbers', () => {
  it('takes --year, else the export date (policy, or the year before), else refuses', async () => {
    const dir = tempDir('年度');
    const db = initRegister(dir);
    const dated = await writeNationalFile(path.join(dir, 'a.xlsx'), {
      header: DOZEN_HEADER,
      rows: nationalRows(),
      exportDate: '2023-12-18',
    });
    const dry = importJson(db, [dated, '--dry-run']);
    expect(dry.json?.result.incomeYear).toMatchObject({ year: 2022 });
    expect(fpjc(['policy', 'set', '--year', '2023', '--export-income-year', '2023', '--db', db]).code).toBe(0);
    expect(importJson(db, [dated, '--dry-run']).json?.result.incomeYear).toMatchObject({ year: 2023 });
    expect(importJson(db, [dated, '--dry-run', '--year', '2021']).json?.result.incomeYear).toMatchObject({
      year: 2021,
    });

    const undated = await writeNationalFile(path.join(dir, 'b.xlsx'), {
      header: DOZEN_HEADER,
      rows: nationalRows(),
      exportDate: null,
    });
    const before = dumpRegister(db);
    const r = importJson(db, [undated]);
    expect(r.code).toBe(3);
    expect(r.json?.error?.message).toMatch(/--year/);
    expect(dumpRegister(db)).toBe(before);
    // without income columns no year is needed
    const noIncome = await writeNationalFile(path.join(dir, 'c.xlsx'), {
      header: DOZEN_HEADER.filter((h) => h !== '工资性收入'),
      rows: nationalRows(),
      exportDate: null,
    });
    expect(importJson(db, [noIncome]).code).toBe(0);
  });
});

describe('work and village files are their own kinds', () => {
  const migrantHeader = [
    '序号',
    '县',
    '乡',
    '行政村',
    '户编号',
    '人编号',
    '姓名',
    '证件号码',
    '户类型',
    '监测对象类别',
    '劳动技能',
    '是否已务工',
    '务工所在县',
    '就业渠道',
    '务工企业名称',
    '所属行业',
    '务工月收入',
    '是否点对点输送',
    '年度交通费补助',
    '开始时间',
    '结束时间',
  ];
  const migrantRows: NationalRow[] = [
    {
      县: '榆次区',
      乡: '东阳镇',
      行政村: '西沟村',
      户编号: H1,
      姓名: '张建国',
      证件号码: NP.head1,
      户类型: '脱贫户',
      监测对象类别: '脱贫不稳定户',
      劳动技能: '普通劳动力',
      是否已务工: '是',
      务工所在县: '太原市小店区',
      就业渠道: '劳务输出',
      务工企业名称: '太原某建筑公司',
      所属行业: '建筑业',
      务工月收入: '4500',
      是否点对点输送: '是',
      年度交通费补助: '300',
      开始时间: '2023年03月',
      结束时间: '2023年07月',
    },
    {
      县: '榆次区',
      乡: '东阳镇',
      行政村: '西沟村',
      户编号: H1,
      姓名: '张建国',
      证件号码: NP.head1,
      户类型: '脱贫户',
      监测对象类别: null,
      劳动技能: '普通劳动力',
      是否已务工: '是',
      务工所在县: '晋中市榆次区',
      就业渠道: '自主就业',
      务工企业名称: '榆次某物流',
      所属行业: '交通运输业',
      务工月收入: '3800',
      是否点对点输送: '否',
      年度交通费补助: '0',
      开始时间: '2024年01月',
      结束时间: null,
    },
  ];

  it('imports 已外出务工信息 per person and period; a blank 监测对象类别 there never touches the household', async () => {
    const dir = tempDir('务工');
    const db = initRegister(dir);
    expect(importJson(db, [await fullExport(dir)]).code).toBe(0);
    const file = await writeNationalFile(path.join(dir, '（务工月监测）已外出务工信息.xlsx'), {
      title: '（务工月监测）已外出务工信息',
      header: migrantHeader,
      rows: migrantRows,
    });
    const r = fpjc(['import', file, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已外出务工信息');
    expect(
      query(
        db,
        'SELECT county, monthly_wage, start_month, end_month, point_to_point FROM work_periods ORDER BY start_month',
      ),
    ).toEqual([
      { county: '太原市小店区', monthly_wage: 4500, start_month: '2023-03', end_month: '2023-07', point_to_point: 1 },
      { county: '晋中市榆次区', monthly_wage: 3800, start_month: '2024-01', end_month: null, point_to_point: 0 },
    ]);
    expect(one(db, 'SELECT mon_category FROM households WHERE hh_no = ?', H1)).toEqual({
      mon_category: '脱贫不稳定户',
    });
    expect(one(db, 'SELECT count(*) AS n FROM monitoring_events WHERE hh_no = ?', H1)).toEqual({ n: 1 });
    const show = fpjc(['show', 'member', NP.head1, '--db', db, '--json']);
    expect(show.json?.result.member.务工记录).toHaveLength(2);
    // R08 reads the months of 2023 from the periods: March–July = 5 (the period from January 2024 is not in 2023)
    expect(fpjc(['policy', 'set', '--year', '2024', '--wage-share-high', '0.5', '--db', db]).code).toBe(0);
    const s = fpjc([
      'screen',
      '--campaign',
      '2024Q2',
      '--as-of',
      '2024-05-01',
      '--income-year',
      '2023',
      '--rules',
      'R08',
      '--db',
      db,
      '--json',
    ]);
    expect(s.code, s.stdout).toBe(0);
    const r08 = s.json?.result.flags.find((f: { 户编号: string; rule: string }) => f.户编号 === H1 && f.rule === 'R08');
    expect(r08?.evidence).toMatch(/张建国 5 个月/);
  });

  it('imports 计划外出务工信息 and 行政村信息', async () => {
    const dir = tempDir('计划务工');
    const db = initRegister(dir);
    expect(importJson(db, [await fullExport(dir)]).code).toBe(0);
    const planned = await writeNationalFile(path.join(dir, '计划外出务工信息.xlsx'), {
      title: '计划外出务工信息',
      header: [
        '序号',
        '县',
        '乡',
        '行政村',
        '户编号',
        '人编号',
        '姓名',
        '证件号码',
        '户类型',
        '监测对象类别',
        '劳动技能',
        '是否计划务工',
        '是否计划外出务工',
        '计划务工所在县',
        '就业服务需求',
      ],
      rows: [
        {
          县: '榆次区',
          户编号: H3,
          姓名: '王强',
          证件号码: NP.head3,
          是否计划务工: '是',
          是否计划外出务工: '否',
          计划务工所在县: '榆次区',
          就业服务需求: '技能培训',
        },
      ],
    });
    expect(importJson(db, [planned]).json?.result).toMatchObject({ kind: 'planned-work', inserted: 1 });
    expect(one(db, 'SELECT * FROM work_plans')).toEqual({
      id_no: NP.head3,
      plan_work: 1,
      plan_outside: 0,
      plan_county: '榆次区',
      service_need: '技能培训',
    });
    const villages = await writeNationalFile(path.join(dir, '（自定义）行政村信息.xlsx'), {
      title: '（自定义）行政村信息',
      header: [
        '序号',
        '县',
        '乡',
        '村',
        '是否出列',
        '总户数',
        '总人口数',
        '村级集体经济收入（万元）',
        '村小学（个数）',
        '低保户数',
        '未实现饮水安全户数',
        '危房户数',
        '行政村文化（图书）室个数 （个）',
      ],
      rows: [
        {
          县: '榆次区',
          乡: '东阳镇',
          村: '西沟村',
          是否出列: '是',
          总户数: '2',
          总人口数: '5',
          '村级集体经济收入（万元）': '12.5',
          '村小学（个数）': '1',
          低保户数: '1',
          未实现饮水安全户数: '1',
          危房户数: '1',
          '行政村文化（图书）室个数 （个）': '1',
        },
      ],
    });
    const v = importJson(db, [villages]);
    expect(v.json?.result).toMatchObject({ kind: 'village-info', unknownColumns: [] });
    expect(one(db, 'SELECT exited, households, population, collective_income, libraries FROM village_stats')).toEqual({
      exited: 1,
      households: 2,
      population: 5,
      collective_income: 12.5,
      libraries: 1,
    });
  });
});

describe('national exports: bad input (Chinese message, exit code, register unchanged)', () => {
  async function loaded() {
    const dir = tempDir('全国坏文件');
    const db = initRegister(dir);
    expect(importJson(db, [await fullExport(dir)]).code).toBe(0);
    return { dir, db };
  }
  function refused(db: string, args: string[], code = 3) {
    const before = dumpRegister(db);
    const r = importJson(db, args);
    expect(r.code, r.stdout).toBe(code);
    expect(r.json?.error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(dumpRegister(db)).toBe(before);
    return r;
  }

  it('a large file read in a worker thread imports exactly as one read in the command itself', async () => {
    const dir = tempDir('读取线程');
    const rows = nationalRows();
    rows[2] = { ...rows[2]!, 工资性收入: '15000.00' }; // a household value that disagrees
    rows[4] = { ...rows[4]!, 证件号码: '140702199001011235' }; // a wrong check digit
    // the whole export, and a dozen of its columns (no 证件类型: the 残疾人证 numbers are told by
    // their length, month-only 识别监测时间)
    const full = await fullExport(dir, rows);
    const dozen = await writeNationalFile(path.join(dir, '监测对象 部分列.xlsx'), {
      header: DOZEN_HEADER,
      rows,
      exportDate: '2024-04-20',
    });
    for (const file of [full, dozen]) compareWorker(dir, file);
  });

  function compareWorker(dir: string, file: string): void {
    const results = ['1', '0'].map((worker) => {
      const db = initRegister(fs.mkdtempSync(path.join(dir, `w${worker}-`)));
      const r = fpjc(['import', file, '--db', db, '--json', '--skip-invalid', '--no-backup'], {
        env: { FPJC_IMPORT_WORKER: worker },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const refused = fpjc(
        ['import', file, '--db', initRegister(fs.mkdtempSync(path.join(dir, `r${worker}-`))), '--json'],
        {
          env: { FPJC_IMPORT_WORKER: worker },
        },
      );
      expect(refused.code).toBe(3);
      const dump = dumpRegister(db)
        .split('\n## ')
        .filter((t) => !t.startsWith('change_sets'))
        .join('\n## ')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '（时间）');
      return { result: r.json?.result, error: refused.json?.error?.details.problems, dump };
    });
    expect(results[0]!.result.rejected, file).toBeGreaterThan(0);
    expect(results[0]!.result.records.成员.inserted, file).toBeGreaterThan(0);
    expect(results[0]!.dump, file).toContain('残疾人证');
    expect(results[0], file).toEqual(results[1]);
  }

  it('a household value that differs between two member rows names both rows', async () => {
    const { dir, db } = await loaded();
    const rows = nationalRows();
    rows[2] = { ...rows[2]!, 工资性收入: '15000.00' };
    const r = refused(db, [await fullExport(dir, rows)]);
    const p = r.json?.error?.details.problems[0];
    expect(p).toMatchObject({ row: 6, column: '工资性收入', value: '15000' });
    expect(p.message).toMatch(/第 4 行为 12000/);
  });

  it('a per-person export without 户编号', async () => {
    const { dir, db } = await loaded();
    const file = await writeNationalFile(path.join(dir, 'x.xlsx'), {
      header: NATIONAL_HEADER.filter((h) => h !== '户编号'),
      rows: nationalRows(),
    });
    const r = refused(db, [file]);
    expect(r.json?.error?.message).toMatch(/缺少必需的列：「户编号」/);
  });

  it('a 残疾人证 number whose first 18 characters fail the check digit', async () => {
    const { dir, db } = await loaded();
    const rows = nationalRows();
    const bad = `${NP.spouse1.slice(0, 17)}${NP.spouse1[17] === '0' ? '1' : '0'}42`;
    rows[1] = { ...rows[1]!, 证件号码: bad };
    const r = refused(db, [await fullExport(dir, rows)]);
    expect(r.json?.error?.details.problems[0]).toMatchObject({ row: 5, column: '证件号码' });
    expect(r.json?.error?.details.problems[0].message).toMatch(/前 18 位.*校验位/);
  });

  it('a 残疾人证 whose grade digit contradicts 残疾等级', async () => {
    const dir = tempDir('残疾等级');
    const db = initRegister(dir);
    const file = await writeXlsx(path.join(dir, '成员.xlsx'), [
      {
        name: '成员',
        header: ['户编号', '证件号码', '证件类型', '姓名', '与户主关系', '残疾类别', '残疾等级'],
        rows: [[H1, CARDS.spouse1, '残疾人证', '刘秀英', '配偶', '肢体残疾', '三级']],
      },
    ]);
    const r = importJson(db, ['members', file]);
    expect(r.code).toBe(3);
    expect(r.json?.error?.details.problems.map((p: { message: string }) => p.message).join()).toMatch(
      /第 20 位表示的「二级」/,
    );
  });

  it('a 务工 file imported as 户信息 is refused and named', async () => {
    const { dir, db } = await loaded();
    const file = await writeNationalFile(path.join(dir, '务工.xlsx'), {
      title: '（务工月监测）已外出务工信息',
      header: [
        '序号',
        '县',
        '乡',
        '行政村',
        '户编号',
        '人编号',
        '姓名',
        '证件号码',
        '户类型',
        '监测对象类别',
        '劳动技能',
        '是否已务工',
        '务工所在县',
        '就业渠道',
        '务工企业名称',
        '所属行业',
        '务工月收入',
        '开始时间',
        '结束时间',
      ],
      rows: [
        {
          乡: '东阳镇',
          行政村: '西沟村',
          户编号: H1,
          姓名: '张建国',
          证件号码: NP.head1,
          户类型: '脱贫户',
          监测对象类别: null,
          是否已务工: '是',
          开始时间: '2023年03月',
        },
      ],
    });
    const r = refused(db, ['households', file]);
    expect(r.json?.error?.message).toMatch(/不像「户信息」.*fpjc import migrant-work/);
    // and detected on its own it is never 户信息
    const auto = importJson(db, [file]);
    expect(auto.json?.result.kind).toBe('migrant-work');
  });

  it('two kinds that fit a file equally are both named', async () => {
    const { dir, db } = await loaded();
    // half 帮扶措施, half 部门预警: neither contains the other
    const file = await writeXlsx(path.join(dir, '混合.xlsx'), [
      {
        name: 'Sheet1',
        header: ['户编号', '帮扶措施类别', '措施内容', '来源部门', '证件号码', '预警类型', '预警日期'],
        rows: [[H1, '产业帮扶', '光伏', '医保', NP.head1, '大病', '2024-03-01']],
      },
    ]);
    const r = refused(db, [file]);
    expect(r.json?.error?.message).toMatch(/同样符合.*(帮扶措施.*部门预警|部门预警.*帮扶措施)/);
    expect(r.json?.error?.message).toMatch(/fpjc import measures/);
  });

  it('a blank 监测对象类别 on a 监测对象 is a problem row, never an un-monitoring', async () => {
    const { dir, db } = await loaded();
    const rows = nationalRows().map((r) =>
      r.户编号 === H1 ? { ...r, 监测对象类别: null, '致贫/返贫风险1': null, '致贫/返贫风险2': null } : r,
    );
    const file = await fullExport(dir, rows);
    const r = refused(db, [file]);
    expect(r.json?.error?.details.problems[0]).toMatchObject({ row: 4, column: '监测对象类别' });
    expect(r.json?.error?.details.problems[0].message).toMatch(/不会因空白取消监测/);
    // with --skip-invalid the other households import; the monitored one keeps its state
    const skip = importJson(db, [file, '--skip-invalid']);
    expect(skip.code).toBe(0);
    expect(one(db, 'SELECT mon_category, risk1 FROM households WHERE hh_no = ?', H1)).toEqual({
      mon_category: '脱贫不稳定户',
      risk1: '因病',
    });
  });

  it('monitoring changes an export states are applied as events, listed, and previewed by --dry-run', async () => {
    const { dir, db } = await loaded();
    const rows = nationalRows().map((r) =>
      r.户编号 === H1
        ? { ...r, 风险是否已消除: '是', 风险是否已消除0: '是', 风险消除方式: '帮扶消除', 消除监测时间: '202404' }
        : r.户编号 === H3
          ? { ...r, 风险是否已消除: '否', 风险是否已消除0: '否', 风险消除方式: null, 消除监测时间: null }
          : r,
    );
    const file = await fullExport(dir, rows);
    const before = dumpRegister(db);
    const dry = importJson(db, [file, '--dry-run']);
    expect(dry.json?.result.monitoringChanges.map((c: { 变化: string[] }) => c.变化)).toEqual([['消除'], ['回退']]);
    expect(dumpRegister(db)).toBe(before);
    const r = importJson(db, [file]);
    expect(r.json?.result.monitoringChangeCount).toBe(2);
    expect(
      query(
        db,
        "SELECT hh_no, event, source FROM monitoring_events WHERE event IN ('消除', '回退') AND month IS NOT '2024-03' ORDER BY hh_no",
      ),
    ).toEqual([
      { hh_no: H1, event: '消除', source: '导入：（自定义）监测对象信息.xlsx' },
      { hh_no: H3, event: '回退', source: '导入：（自定义）监测对象信息.xlsx' },
    ]);
    const text = fpjc(['import', file, '--db', db, '--dry-run']);
    expect(text.stdout).not.toMatch(/监测状态变化/); // nothing left to change
  });
});
