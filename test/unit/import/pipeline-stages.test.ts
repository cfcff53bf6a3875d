import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/domain/fields.js';
import { makeIdNumber } from '../../../src/domain/id-number.js';
import { parseDateOrMonth, sinceDay, untilDay } from '../../../src/domain/normalize.js';
import { detectKind } from '../../../src/import/detect.js';
import { exportDateOf, incomeYearOf } from '../../../src/import/export-info.js';
import { NationalMapper } from '../../../src/import/national-mapper.js';
import { columnsOf, parseRow } from '../../../src/import/parse-row.js';
import { autoKinds } from '../../../src/import/pipeline.js';
import { prepareRecord } from '../../../src/import/records.js';
import { mapHeader } from '../../../src/io/headers.js';

const kinds = autoKinds(false);
const decide = (header: string[], explicit?: keyof typeof KINDS) =>
  detectKind([['（自定义）监测对象信息'], ['导出时间：2024-04-20'], header], kinds, explicit ? KINDS[explicit] : null);

describe('kind detection', () => {
  it('a 务工 file is 已外出务工信息, never 户信息, whatever its context columns say', () => {
    const d = decide([
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
      '务工月收入',
      '开始时间',
      '结束时间',
    ]);
    expect(d.ok && d.fit.kind.kind).toBe('migrant-work');
    expect(d.ok && d.fit.index).toBe(2);
    const planned = decide([
      '县',
      '户编号',
      '姓名',
      '证件号码',
      '户类型',
      '是否计划务工',
      '是否计划外出务工',
      '就业服务需求',
    ]);
    expect(planned.ok && planned.fit.kind.kind).toBe('planned-work');
  });

  it('a plain members file stays members; with 乡/村/户类型 beside the people it is a per-person export', () => {
    const plain = decide(['户编号', '证件号码', '姓名', '与户主关系', '性别', '出生日期']);
    expect(plain.ok && plain.fit.kind.kind).toBe('members');
    const perPerson = decide([
      '乡',
      '村',
      '户编号',
      '证件号码',
      '姓名',
      '与户主关系',
      '户类型',
      '监测对象类别',
      '工资性收入',
    ]);
    expect(perPerson.ok && perPerson.fit.kind.kind).toBe('national');
    expect(perPerson.ok && perPerson.reason).toMatch(/认出全部 9 列/);
  });

  it("the 乡村建设 户信息 (证件号码 = the head's) is households; 行政村信息 is village-info", () => {
    const d = decide([
      '序号',
      '县(市、区、旗)',
      '乡(镇)',
      '行政村',
      '户编号',
      '户主姓名',
      '证件号码',
      '户类型',
      '家庭人口数',
      '是否有卫生厕所',
      '卫生厕所是否能正常使用',
    ]);
    expect(d.ok && d.fit.kind.kind).toBe('households');
    const v = decide(['序号', '县', '乡', '村', '是否出列', '总户数', '总人口数', '低保户数']);
    expect(v.ok && v.fit.kind.kind).toBe('village-info');
  });

  it('refuses a file two kinds fit about equally, and one mostly unknown', () => {
    const a = decide(['户编号', '帮扶措施类别', '措施内容', '来源部门', '证件号码', '预警类型', '预警日期']);
    expect(!a.ok && a.why).toBe('ambiguous');
    const b = decide(['户编号', '年度', '甲', '乙', '丙', '丁', '戊', '己']);
    expect(!b.ok && b.why).toBe('mostlyUnknown');
  });

  it('an explicit kind is refused when another clearly fits better, and kept when it is the best', () => {
    const work = [
      '县',
      '乡',
      '行政村',
      '户编号',
      '证件号码',
      '户类型',
      '监测对象类别',
      '是否已务工',
      '务工所在县',
      '务工月收入',
      '开始时间',
    ];
    const d = decide(work, 'households');
    expect(!d.ok && d.why === 'betterKind' && d.better.kind.kind).toBe('migrant-work');
    expect(decide(['户编号', '证件号码', '姓名', '与户主关系'], 'national').ok).toBe(true);
  });
});

describe('export info and the year of the numbers', () => {
  it('reads the export date in the forms exports write it', () => {
    expect(exportDateOf([['（自定义）监测对象信息'], ['导出时间：2023-12-18']])).toBe('2023-12-18');
    expect(exportDateOf([['导出人：张三　导出时间：2023年12月8日 10:20']])).toBe('2023-12-08');
    expect(exportDateOf([['导出日期:2024/4/20']])).toBe('2024-04-20');
    expect(exportDateOf([['（自定义）监测对象信息']])).toBeNull();
  });

  it('--year, else the county setting for the export year, else the year before; null without either', () => {
    expect(incomeYearOf(2021, '2023-12-18', () => 2023)?.year).toBe(2021);
    expect(incomeYearOf(undefined, '2023-12-18', (y) => (y === 2023 ? 2023 : undefined))?.year).toBe(2023);
    expect(incomeYearOf(undefined, '2023-12-18', () => undefined)?.year).toBe(2022);
    expect(incomeYearOf(undefined, null, () => 2023)).toBeNull();
  });
});

describe('dates with month precision', () => {
  it('keeps a month alone as a month and a full date as a date', () => {
    expect(parseDateOrMonth('201804')).toEqual({ ok: true, value: '2018-04' });
    expect(parseDateOrMonth(201804)).toEqual({ ok: true, value: '2018-04' });
    expect(parseDateOrMonth('2024年3月')).toEqual({ ok: true, value: '2024-03' });
    expect(parseDateOrMonth('20240315')).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDateOrMonth('2024-13')).toMatchObject({ ok: false });
    expect(sinceDay('2023-01')).toBe('2023-01-01');
    expect(untilDay('2024-02')).toBe('2024-02-29');
    expect(untilDay('2024-02-10')).toBe('2024-02-10');
  });
});

describe('cells and records', () => {
  const id = makeIdNumber('140702', '19720610', '022');
  const parse = (header: string[], cells: (string | null)[]) => {
    const mapping = mapHeader(header, KINDS.members);
    return parseRow(columnsOf(mapping), cells, {});
  };

  it('a 残疾人证 number: its first 18 characters are the person, its digits the category and grade', () => {
    const r = parse(
      ['户编号', '证件类型', '证件号码', '姓名', '与户主关系'],
      ['1', '残疾人证', `${id}42`, '刘秀英', '配偶'],
    );
    expect(r.problems).toEqual([]);
    expect(r.row.id_no).toBe(id);
    const rec = { target: 'member' as const, data: r.row, line: 4, scope: '' };
    expect(prepareRecord(rec)).toEqual([]);
    expect(rec.data).toMatchObject({
      disability_card_no: `${id}42`,
      disability_type: '肢体残疾',
      disability_grade: '二级',
    });
    const wrongGrade = parse(
      ['户编号', '证件类型', '证件号码', '姓名', '与户主关系', '残疾等级'],
      ['1', '残疾人证', `${id}42`, '刘秀英', '配偶', '三级'],
    );
    expect(prepareRecord({ target: 'member', data: wrongGrade.row, line: 4, scope: '' })[0]?.message).toMatch(/二级/);
    const bad = parse(
      ['户编号', '证件类型', '证件号码', '姓名', '与户主关系'],
      ['1', '残疾人证', `${id}92`, '刘秀英', '配偶'],
    );
    expect(bad.problems[0]?.message).toMatch(/第 19 位/);
    const asResident = parse(
      ['户编号', '证件类型', '证件号码', '姓名', '与户主关系'],
      ['1', '居民身份证', `${id}42`, '刘秀英', '配偶'],
    );
    expect(asResident.problems[0]?.message).toMatch(/证件类型」应填残疾人证/);
  });

  it('是否解决安全饮用水 is the opposite of 是否饮水出现安全问题; both columns must agree', () => {
    const m = mapHeader(
      ['户编号', '乡镇', '村', '户类型', '是否解决安全饮用水', '是否饮水出现安全问题'],
      KINDS.households,
    );
    const cols = columnsOf(m);
    expect(parseRow(cols, ['1', '镇', '村', '一般农户', '是', '否'], {}).row.water_unsafe).toBe(0);
    expect(parseRow(cols, ['1', '镇', '村', '一般农户', '否', null], {}).row.water_unsafe).toBe(1);
    expect(parseRow(cols, ['1', '镇', '村', '一般农户', '是', '是'], {}).problems[0]?.message).toMatch(
      /不一致.*意思相反/,
    );
  });

  it('a cell equal to the one above gets the same answer, its problem included; county value-list additions count', () => {
    const cols = columnsOf(mapHeader(['户编号', '乡镇', '村', '户类型', '家庭人口数'], KINDS.households));
    const ctx = {};
    const rows = [
      ['1', '镇', '村', '一般农户', '3'],
      ['1', '镇', '村', '一般农户', '三'],
      ['1', '镇', '村', '一般农户', '三'],
      ['2', '镇', '村', '新户型', '4'],
    ].map((cells) => parseRow(cols, cells, ctx));
    expect(rows.map((r) => r.row.hh_type ?? null)).toEqual(['一般农户', '一般农户', '一般农户', null]);
    expect(rows[1]!.problems.map((p) => p.column)).toEqual(['家庭人口数']);
    expect(rows[2]!.problems).toEqual(rows[1]!.problems);
    expect(rows[3]!.problems.map((p) => p.column)).toEqual(['户类型']);
    const extended = { vocabExtensions: new Map([['householdType', ['新户型']]]) };
    const again = parseRow(cols, ['2', '镇', '村', '新户型', '4'], extended);
    expect(again.problems).toEqual([]);
    expect(again.row.hh_type).toBe('新户型');
  });

  it('享受特困供养政策情况 and 是否特困供养人员 are one fact', () => {
    const ok = parse(
      ['户编号', '证件号码', '姓名', '与户主关系', '享受特困供养政策情况'],
      ['1', id, '甲', '户主', '城市特困'],
    );
    const rec = { target: 'member' as const, data: ok.row, line: 4, scope: '' };
    expect(prepareRecord(rec)).toEqual([]);
    expect(rec.data).toMatchObject({ tekun: 1, tekun_scope: '城市特困' });
    const clash = parse(
      ['户编号', '证件号码', '姓名', '与户主关系', '是否特困供养人员', '享受特困供养政策情况'],
      ['1', id, '甲', '户主', '否', '农村特困'],
    );
    expect(prepareRecord({ target: 'member', data: clash.row, line: 4, scope: '' })[0]?.message).toMatch(/矛盾/);
  });
});

describe('the national mapper', () => {
  const columns = new Set([
    'hh_no',
    'household.township',
    'household.hh_type',
    'income.wage',
    'member.id_no',
    'member.name',
    'member.relation',
    'member.birth_date',
    'measure.产业帮扶',
    'measure.公益岗位帮扶',
    'measure.公益性岗位帮扶',
  ]);
  const row = (
    hh: string,
    id: string,
    relation: string,
    birth: string,
    extra: Record<string, string | number | null> = {},
  ) => ({
    hh_no: hh,
    'household.township': '东阳镇',
    'household.hh_type': '脱贫户',
    'income.wage': 1000,
    'member.id_no': id,
    'member.name': id,
    'member.relation': relation,
    'member.birth_date': birth,
    'measure.产业帮扶': '光伏,养殖',
    'measure.公益岗位帮扶': '护林员',
    'measure.公益性岗位帮扶': '护林员',
    ...extra,
  });

  it("gathers a household's rows: one household, its members, the income of the year, one measure per name", () => {
    const m = new NationalMapper(columns, 2023);
    expect(m.map(row('A', 'a1', '户主', '1970-01-01'), 4).records).toEqual([]);
    m.map(row('A', 'a2', '之子', '2024-02-01'), 5);
    const out = m.map(row('B', 'b1', '户主', '1960-01-01'), 6);
    const targets = out.records.map((r) => r.target);
    expect(targets).toEqual(['household', 'member', 'member', 'income', 'measure', 'measure', 'measure']);
    expect(out.records[0]!.data).toMatchObject({ hh_no: 'A', township: '东阳镇', head_name: 'a1', head_id_no: 'a1' });
    expect(out.records[3]!.data).toMatchObject({ year: 2023, size: 1, wage: 1000 }); // the son born in 2024 is not in 2023
    expect(out.records.filter((r) => r.target === 'measure').map((r) => r.data.content)).toEqual([
      '光伏',
      '养殖',
      '护林员',
    ]);
    expect(m.finish().records.map((r) => r.target)).toContain('household');
  });

  it('a household value that differs names both rows; a blank on one row is no disagreement', () => {
    const m = new NationalMapper(columns, 2023);
    m.map(row('A', 'a1', '户主', '1970-01-01'), 4);
    expect(m.map(row('A', 'a2', '配偶', '1971-01-01', { 'income.wage': null }), 5).problems).toEqual([]);
    const p = m.map(row('A', 'a3', '之女', '2000-01-01', { 'income.wage': 2000 }), 6).problems[0];
    expect(p).toMatchObject({ line: 6, column: 'income.wage' });
    expect(p?.message).toMatch(/第 4 行为 1000，本行为 2000/);
  });

  it('a household met again further down adds its people, and must carry the same household values', () => {
    const m = new NationalMapper(columns, 2023);
    m.map(row('A', 'a1', '户主', '1970-01-01'), 4);
    m.map(row('B', 'b1', '户主', '1960-01-01'), 5);
    const again = m.map(row('A', 'a2', '配偶', '1971-01-01'), 6);
    expect(again.records.map((r) => r.target)).toEqual([
      'household',
      'member',
      'income',
      'measure',
      'measure',
      'measure',
    ]);
    const end = m.finish();
    expect(end.records.map((r) => [r.target, r.resize ?? false, r.data.size ?? null])).toEqual([
      ['member', false, null],
      ['income', true, 2],
    ]);
    const m2 = new NationalMapper(columns, 2023);
    m2.map(row('A', 'a1', '户主', '1970-01-01'), 4);
    m2.map(row('B', 'b1', '户主', '1960-01-01'), 5);
    m2.map(row('A', 'a2', '配偶', '1971-01-01', { 'household.hh_type': '一般农户' }), 6);
    expect(m2.finish().problems[0]?.message).toMatch(/第 4 行已出现过/);
  });
});
