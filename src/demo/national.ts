/**
 * The demo county as the national system exports it (SPEC Appendix C): the per-person
 * （自定义）监测对象信息 with every column, an older custom export with a dozen columns carrying the
 * previous year's incomes, the 务工 files and the 行政村信息. Every cell is text, as in the real
 * exports; dates are `YYYYMMDD`, months `YYYYMM` (务工 periods `YYYY年MM月`); disabled members
 * carry a 残疾人证 (证件号码 = ID number + category + grade digits).
 *
 * The custom export has no 生产经营性支出 column: its 生产经营性收入 is written net of the costs, so
 * the 人均纯收入（元） it carries equals the register's derived figure (except where the demo plants a
 * typed figure that disagrees, TYPED_MISMATCH_PC).
 */
import { DISABILITY_CARD_GRADES, DISABILITY_CARD_TYPES } from '../domain/id-number.js';
import { DEMO_AS_OF } from './dates.js';
import { hashOf, householdFacts, personFacts } from './facts.js';
import type { Person } from './family.js';
import { type Household, type IncomeYear, netIncome, propertyIncome, transferIncome } from './model.js';
import { plantOf } from './quality-plants.js';

export type NationalCell = string | null;

/** The 102 columns of a full （自定义）监测对象信息 export, in the system's order. */
export const NATIONAL_HEADER: readonly string[] = [
  '序号',
  '省',
  '市',
  '县',
  '乡',
  '村',
  '户编号',
  '人编号',
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '民族',
  '与户主关系',
  '户类型',
  '监测对象类别',
  '文化程度',
  '在校生状况',
  '义务教育阶段未上学原因',
  '健康状况',
  '劳动技能',
  '务工所在地',
  '家庭成员联系电话',
  '户联系电话',
  '就业渠道（易地搬迁后扶使用）',
  '公益性岗位',
  '公益性岗位(月数)',
  '是否参加城乡居民基本医疗保险',
  '是否参加城镇职工基本医疗保险',
  '是否参加大病保险',
  '是否接受医疗救助',
  '是否参加城乡居民基本养老保险',
  '是否参加城镇职工基本养老保险',
  '享受低保政策情况',
  '享受特困供养政策情况',
  '整户无劳动能力兜底保障户',
  '实施开发式帮扶措施情况',
  '耕地面积（亩）',
  '林地面积（亩）',
  '退耕还林面积（亩）',
  '林果面积（亩）',
  '牧草地面积',
  '水面面积',
  '是否通生活用电',
  '入户道路是否硬化',
  '与村主干路距离',
  '住房面积',
  '是否危房户',
  '是否解决安全饮用水',
  '是否有卫生厕所',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '特困人员救助供养金',
  '合规自付支出',
  '人均纯收入（元）',
  '风险是否已消除0',
  '致贫/返贫风险1',
  '致贫/返贫风险2',
  '致贫/返贫风险3',
  '致贫/返贫风险4',
  '致贫/返贫风险5',
  '因自然灾害子项',
  '是否义务教育阶段适龄儿童少年失学辍学',
  '是否有家庭成员未参加城乡居民（职工）基本医疗保险',
  '风险是否已消除',
  '识别监测时间',
  '风险消除方式',
  '消除监测时间',
  '风险消除后是否义务教育阶段适龄儿童少年失学辍学',
  '风险消除后是否住房损毁',
  '风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险',
  '风险消除后是否饮水设施损毁',
  '风险消除后工资性收入',
  '风险消除后财产性收入',
  '风险消除后转移性收入',
  '风险消除后生产经营性收入',
  '风险消除后生产经营性支出',
  '风险消除后家庭纯收入',
  '风险消除后家庭人均纯收入',
  '风险消除后理赔收入',
  '风险消除后合规自付支出',
  '信息采集人',
  '信息采集人联系电话',
  '产业帮扶',
  '就业帮扶',
  '公益岗位帮扶',
  '公益性岗位帮扶',
  '公益性岗位帮扶其他备注',
  '金融帮扶',
  '健康帮扶',
  '义务教育保障',
  '教育帮扶',
  '住房安全保障',
  '饮水安全保障',
  '综合保障',
  '社会帮扶',
  '搬迁',
  '生产生活条件改善',
  '基础设施建设',
];

/** A dozen columns: the custom export a county made a year earlier, for that year's incomes. */
export const NATIONAL_INCOME_HEADER: readonly string[] = [
  '序号',
  '县',
  '乡',
  '村',
  '户编号',
  '人编号',
  '姓名',
  '证件号码',
  '与户主关系',
  '户类型',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '合规自付支出',
  '人均纯收入（元）',
];

export const MIGRANT_WORK_HEADER: readonly string[] = [
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

export const PLANNED_WORK_HEADER: readonly string[] = [
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
];

export const VILLAGE_INFO_HEADER: readonly string[] = [
  '序号',
  '县',
  '乡',
  '村',
  '是否出列',
  '总户数',
  '总人口数',
  '村级集体经济收入（万元）',
  '村小学（个数）',
  '参加城乡居民基本养老保险人数',
  '是否通客运班车',
  '行政村卫生室个数',
  '行政村公共卫生厕所个数',
  '行政村执业（助理）医师（人）',
  '行政村生产生活垃圾集中堆放点个数（个）',
  '行政村文化（图书）室个数 （个）',
  '低保户数',
  '低保人口数',
  '特困供养人口数',
  '残疾人口数',
  '到乡镇是否通沥青（水泥）路',
  '未实现饮水安全户数',
  '危房户数',
];

/** The export-info line of a national file exported on `date`. */
export const exportInfoLine = (date: string, county: string): string =>
  `导出时间：${date}　　导出单位：${county}乡村振兴局　　说明：演示数据，人员信息均为虚构`;

/** The date the demo's exports were taken: before the 2024Q2 campaign, carrying 2023's numbers. */
export const NATIONAL_EXPORT_DATE = '2024-04-20';
/** The older custom export, carrying 2022's numbers. */
export const NATIONAL_PREVIOUS_EXPORT_DATE = '2023-03-15';

const yn = (b: boolean | null | undefined): NationalCell => (b === null || b === undefined ? null : b ? '是' : '否');
const money = (n: number): string => n.toFixed(2);
const num = (n: number | null | undefined): NationalCell => (n === null || n === undefined ? null : String(n));
const compact = (iso: string): string => iso.replace(/-/g, '');
const monthCn = (month: string): string => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

const DIGIT_OF_TYPE = new Map(Object.entries(DISABILITY_CARD_TYPES).map(([d, t]) => [t, d]));
const DIGIT_OF_GRADE = new Map(Object.entries(DISABILITY_CARD_GRADES).map(([d, g]) => [g, d]));

/**
 * Disabled members hold a 残疾人证 in the export: the ID number, the category and grade digits,
 * and on one card in four two more characters (a reissued card).
 */
export function disabilityCardOf(p: Person): string | null {
  if (!p.disabled || !p.disabilityType || !p.disabilityGrade || plantOf(p)?.noCard) return null;
  const h = hashOf(p.id);
  const type = DIGIT_OF_TYPE.get(p.disabilityType);
  const grade = DIGIT_OF_GRADE.get(p.disabilityGrade);
  if (!type || !grade) return null;
  return `${p.id}${type}${grade}${h % 4 === 1 ? `B${(h >>> 3) % 10}` : ''}`;
}

function measureNames(h: Household): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const m of h.measures) {
    const list = out.get(m.category) ?? [];
    if (m.content && !list.includes(m.content)) list.push(m.content);
    out.set(m.category, list);
  }
  return new Map([...out].map(([k, v]) => [k, v.join(',')]));
}

function incomeOf(h: Household, year: number): IncomeYear | undefined {
  return h.incomes.find((r) => r.year === year);
}

/** Per-capita net of an income year, as the national system prints it. */
const perCapita = (r: IncomeYear): string => money(netIncome(r) / r.size);

/** The household columns of one export row (the same on every member's row). */
function householdCells(h: Household, county: string, province: string, city: string, year: number) {
  const head = h.members[0]!;
  const m = h.monitoring;
  const r = incomeOf(h, year);
  const names = measureNames(h);
  const f = householdFacts(h);
  const cells: Record<string, NationalCell> = {
    省: province,
    市: city,
    县: county,
    乡: h.village.township,
    村: h.village.name,
    户编号: h.hhNo,
    户类型: h.type,
    监测对象类别: m?.category ?? null,
    户联系电话: h.phone,
    整户无劳动能力兜底保障户: yn(h.doudi),
    实施开发式帮扶措施情况: h.devStatus,
    '耕地面积（亩）': num(h.arable),
    '林地面积（亩）': num(h.forest),
    '退耕还林面积（亩）': num(f.returnedFarmland),
    '林果面积（亩）': num(f.orchardLand),
    牧草地面积: num(f.grassland),
    水面面积: num(f.waterArea),
    是否通生活用电: yn(f.electricity),
    入户道路是否硬化: yn(f.roadHardened),
    与村主干路距离: num(h.road),
    住房面积: num(f.housingArea),
    是否危房户: yn(f.dangerousHouse),
    是否解决安全饮用水: yn(!h.water),
    是否有卫生厕所: yn(f.toilet),
    是否义务教育阶段适龄儿童少年失学辍学: yn(h.dropout),
    '是否有家庭成员未参加城乡居民（职工）基本医疗保险': yn(h.uninsured),
  };
  if (r) {
    cells.工资性收入 = money(r.wage);
    cells.生产经营性收入 = money(r.business - r.businessCost);
    cells.财产性收入 = money(propertyIncome(r));
    cells.转移性收入 = money(transferIncome(r));
    cells.特困人员救助供养金 = r.tekun > 0 ? money(r.tekun) : null;
    cells.合规自付支出 = money(r.selfPay);
    // the typed figure when the demo plants one (TYPED_*): `fpjc check` compares it with the derived one
    cells['人均纯收入（元）'] = r.typedPerCapita !== null ? money(r.typedPerCapita) : perCapita(r);
  }
  if (m) {
    const eliminated = m.eliminated !== null;
    cells.风险是否已消除 = yn(eliminated);
    cells.风险是否已消除0 = yn(eliminated);
    m.risks.forEach((risk, i) => {
      cells[`致贫/返贫风险${i + 1}`] = risk;
    });
    cells.因自然灾害子项 = m.disasterSub;
    cells.识别监测时间 = compact(m.identified);
    cells.风险消除方式 = m.eliminated?.method ?? null;
    cells.消除监测时间 = m.eliminated ? compact(m.eliminated.month) : null;
    cells.信息采集人 = m.contact?.name ?? null;
    cells.信息采集人联系电话 = m.contact?.phone ?? null;
    if (eliminated && r) {
      cells.风险消除后是否义务教育阶段适龄儿童少年失学辍学 = yn(h.dropout);
      cells.风险消除后是否住房损毁 = yn(h.housing);
      cells['风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险'] = yn(h.uninsured);
      cells.风险消除后是否饮水设施损毁 = yn(h.water);
      cells.风险消除后工资性收入 = money(r.wage);
      cells.风险消除后财产性收入 = money(propertyIncome(r));
      cells.风险消除后转移性收入 = money(transferIncome(r));
      cells.风险消除后生产经营性收入 = money(r.business);
      cells.风险消除后生产经营性支出 = money(r.businessCost);
      cells.风险消除后家庭纯收入 = money(netIncome(r));
      cells.风险消除后家庭人均纯收入 = perCapita(r);
      cells.风险消除后理赔收入 = money(r.claims);
      cells.风险消除后合规自付支出 = money(r.selfPay);
    }
  }
  for (const [category, list] of names) cells[category] = list;
  if (names.has('公益岗位帮扶')) cells.公益性岗位帮扶 = names.get('公益岗位帮扶')!;
  return { cells, head };
}

function personCells(h: Household, p: Person): Record<string, NationalCell> {
  const card = disabilityCardOf(p);
  const f = personFacts(h, p);
  return {
    人编号: p.personNo,
    姓名: p.name,
    证件类型: card ? '残疾人证' : '居民身份证',
    证件号码: card ?? p.id,
    性别: p.sex,
    出生日期: compact(p.birth),
    民族: p.ethnicity,
    与户主关系: p.relation,
    文化程度: p.education,
    在校生状况: p.school,
    义务教育阶段未上学原因: f.outOfSchoolReason,
    健康状况: p.health,
    劳动技能: p.labour,
    务工所在地: p.workPlace,
    家庭成员联系电话: p.phone,
    '就业渠道（易地搬迁后扶使用）': f.employmentChannel,
    公益性岗位: p.publicPost,
    '公益性岗位(月数)': num(p.publicPostMonths),
    是否参加城乡居民基本医疗保险: yn(p.medical),
    是否参加城镇职工基本医疗保险: yn(plantOf(p)?.staffMedical ?? f.staffMedical),
    是否参加大病保险: yn(p.medical),
    是否接受医疗救助: yn(f.medicalAid),
    是否参加城乡居民基本养老保险: yn(p.pension),
    是否参加城镇职工基本养老保险: yn(f.staffPension),
    享受低保政策情况: p.dibao,
    享受特困供养政策情况: p.tekun ? '农村特困' : '不享受',
  };
}

export interface NationalContext {
  county: string;
  province: string;
  city: string;
}

/** The rows of one household in the full export (序号 filled by the caller). */
export function nationalRows(h: Household, ctx: NationalContext, year: number): NationalCell[][] {
  const { cells: hh } = householdCells(h, ctx.county, ctx.province, ctx.city, year);
  return h.members.map((p) => {
    const all = { ...hh, ...personCells(h, p) };
    return NATIONAL_HEADER.map((c) => all[c] ?? null);
  });
}

/** The rows of one household in the older dozen-column export (that year's incomes). */
export function nationalIncomeRows(h: Household, ctx: NationalContext, year: number): NationalCell[][] {
  const r = incomeOf(h, year);
  return h.members.map((p) => {
    const card = disabilityCardOf(p);
    const all: Record<string, NationalCell> = {
      县: ctx.county,
      乡: h.village.township,
      村: h.village.name,
      户编号: h.hhNo,
      人编号: p.personNo,
      姓名: p.name,
      证件号码: card ?? p.id,
      与户主关系: p.relation,
      户类型: h.type,
      ...(r
        ? {
            工资性收入: money(r.wage),
            生产经营性收入: money(r.business - r.businessCost),
            财产性收入: money(propertyIncome(r)),
            转移性收入: money(transferIncome(r)),
            合规自付支出: money(r.selfPay),
            '人均纯收入（元）': perCapita(r),
          }
        : {}),
    };
    return NATIONAL_INCOME_HEADER.map((c) => all[c] ?? null);
  });
}

const CHANNELS = ['自主就业', '劳务输出', '帮扶车间', '公益性岗位', '亲友介绍'];
/** Out of the county: no 帮扶车间 or 公益性岗位 (those are the county's own). */
const AWAY_CHANNELS = ['自主就业', '劳务输出', '亲友介绍'];

/** 务工所在县 down to the county: the county itself for work inside it, 境外 for work abroad. */
function workCounty(p: Person, county: string): string {
  if (p.work === '乡（镇）内务工' || p.work === '乡（镇）外县内务工' || !p.workPlace) return county;
  if (p.work === '境外务工') return `境外（${p.workPlace}）`;
  return p.workPlace;
}
const INDUSTRIES = ['建筑业', '制造业', '批发和零售业', '住宿和餐饮业', '交通运输业', '居民服务业', '农业'];

/**
 * 已外出务工信息: one period per worker in the income year, as many months as the member's
 * 务工时间（月）, ending in December (every fourth still running: no 结束时间).
 */
export function migrantWorkRows(h: Household, ctx: NationalContext, year: number): NationalCell[][] {
  const r = incomeOf(h, year);
  const workers = h.members.filter(
    (p) => p.workMonths !== null && p.workMonths > 0 && p.work?.endsWith('务工') && p.work !== '未务工',
  );
  const totalMonths = workers.reduce((n, p) => n + (p.workMonths ?? 0), 0);
  return workers.flatMap((p) => {
    const planted = plantOf(p);
    const months = Math.min(12, Math.max(1, Math.round(p.workMonths!)));
    // never before the worker turned 16
    const sixteen = `${Number(p.birth.slice(0, 4)) + 16}${p.birth.slice(4, 7)}`;
    const first = `${year}-${String(13 - months).padStart(2, '0')}`;
    const start = first < sixteen ? sixteen : first;
    const h32 = hashOf(p.id);
    // one who turned 16 after the year has worked since then
    const ongoing =
      planted?.ongoing || start > `${year}-12` || (h32 % 4 === 0 && `${year + 1}-01` <= DEMO_AS_OF.slice(0, 7));
    const wage = r && totalMonths > 0 ? Math.round(r.wage / totalMonths) : 2500;
    const local = p.work === '乡（镇）内务工' || p.work === '乡（镇）外县内务工';
    const all: Record<string, NationalCell> = {
      县: ctx.county,
      乡: h.village.township,
      行政村: h.village.name,
      户编号: h.hhNo,
      人编号: p.personNo,
      姓名: p.name,
      证件号码: p.id,
      户类型: h.type,
      监测对象类别: h.monitoring?.category ?? null,
      劳动技能: p.labour,
      是否已务工: '是',
      务工所在县: planted?.workCounty ?? workCounty(p, ctx.county),
      就业渠道: local ? CHANNELS[h32 % CHANNELS.length]! : AWAY_CHANNELS[h32 % AWAY_CHANNELS.length]!,
      务工企业名称: p.company ?? `${p.workPlace ?? ctx.county}个体务工`,
      所属行业: INDUSTRIES[(h32 >>> 4) % INDUSTRIES.length]!,
      务工月收入: String(planted?.monthlyWage ?? Math.max(800, Math.min(12000, wage))),
      是否点对点输送: h32 % 7 === 0 ? '是' : '否',
      年度交通费补助: h32 % 7 === 0 ? '300' : '0',
      开始时间: monthCn(start),
      结束时间: ongoing ? null : monthCn(`${year}-12`),
    };
    const row = MIGRANT_WORK_HEADER.map((c) => all[c] ?? null);
    if (!planted?.overlap) return [row];
    // a period of the year before that runs into this one
    const earlier: Record<string, NationalCell> = {
      ...all,
      开始时间: monthCn(`${year - 1}-10`),
      结束时间: monthCn(`${year}-05`),
    };
    return [MIGRANT_WORK_HEADER.map((c) => earlier[c] ?? null), row];
  });
}

/** 计划外出务工信息: labour-capable adults not working, one in three of them. */
export function plannedWorkRows(h: Household, ctx: NationalContext): NationalCell[][] {
  const idle = h.members.filter(
    (p) =>
      p.age >= 18 &&
      p.age < 60 &&
      (p.labour === '普通劳动力' || p.labour === '技能劳动力') &&
      (p.workMonths === null || p.workMonths === 0) &&
      hashOf(p.id) % 3 === 0,
  );
  return idle.map((p) => {
    const h32 = hashOf(`${p.id}:plan`);
    const outside = h32 % 2 === 0;
    const all: Record<string, NationalCell> = {
      县: ctx.county,
      乡: h.village.township,
      行政村: h.village.name,
      户编号: h.hhNo,
      人编号: p.personNo,
      姓名: p.name,
      证件号码: p.id,
      户类型: h.type,
      监测对象类别: h.monitoring?.category ?? null,
      劳动技能: p.labour,
      是否计划务工: '是',
      是否计划外出务工: outside ? '是' : '否',
      计划务工所在县: outside ? '太原市小店区' : ctx.county,
      就业服务需求: ['职业介绍', '技能培训', '创业扶持', '无'][h32 % 4]!,
    };
    return PLANNED_WORK_HEADER.map((c) => all[c] ?? null);
  });
}

/** 行政村信息 of one village, counted from its households. */
export function villageInfoRow(households: readonly Household[], ctx: NationalContext): NationalCell[] {
  const v = households[0]!.village;
  const people = households.flatMap((h) => h.members);
  const h32 = hashOf(v.code);
  const all: Record<string, NationalCell> = {
    县: ctx.county,
    乡: v.township,
    村: v.name,
    是否出列: v.povertyShare > 0.25 ? '是' : '否',
    总户数: String(households.length),
    总人口数: String(people.length),
    '村级集体经济收入（万元）': (5 + (h32 % 300) / 10).toFixed(1),
    '村小学（个数）': String(h32 % 2),
    参加城乡居民基本养老保险人数: String(people.filter((p) => p.pension === true).length),
    是否通客运班车: h32 % 5 === 0 ? '否' : '是',
    行政村卫生室个数: households.some((h) => h.scenario === 'Q_VILLAGE_BLANK') ? null : '1',
    行政村公共卫生厕所个数: String(1 + (h32 % 3)),
    '行政村执业（助理）医师（人）': String(1 + (h32 % 2)),
    '行政村生产生活垃圾集中堆放点个数（个）': String(2 + (h32 % 4)),
    '行政村文化（图书）室个数 （个）': '1',
    低保户数: String(households.filter((h) => h.members.some((p) => p.dibao !== '未享受')).length),
    低保人口数: String(people.filter((p) => p.dibao !== '未享受').length),
    特困供养人口数: String(people.filter((p) => p.tekun).length),
    残疾人口数: String(people.filter((p) => p.disabled).length),
    '到乡镇是否通沥青（水泥）路': '是',
    未实现饮水安全户数: String(households.filter((h) => h.water).length),
    危房户数: String(households.filter((h) => h.housing).length),
  };
  return VILLAGE_INFO_HEADER.map((c) => all[c] ?? null);
}
