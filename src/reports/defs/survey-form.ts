import { ageAt } from '../../domain/normalize.js';
import { hasHealth, hasLabourCapacity, isInSchool } from '../../domain/vocab.js';
import {
  listVillages,
  type SurveyHousehold,
  type SurveyIncome,
  type SurveyMember,
  surveyHouseholds,
  surveyIncomes,
  surveyMeasures,
  surveyMembers,
  unitCounts,
} from '../../register/report-repo.js';
import { RULES } from '../../screening/rules/index.js';
import { COMMON_FIELDS, commonValues, riskText, yesNo } from '../common.js';
import type { Item } from '../render.js';
import type { ReportContext, ReportDef, Unit } from '../types.js';

/**
 * 摸底排查表 (seed 004): 附件1 一般户基本情况摸底排查表 for 一般农户 that are not 监测对象, and
 * 附件2 农牧户基本情况摸底排查表 for 脱贫户 and every 监测对象 (their 两不愁三保障 and income need the
 * 农户 and 信息采集员 双签字). One form per household, pre-filled with what the register knows:
 * members (age as of --as-of, labour, health, school), the income of the year before --year
 * (or the latest earlier year recorded) item by item, 三保障 and drinking water; blanks for the
 * visitor. With --campaign only the households the campaign flagged, with the flags as hints.
 * The generated templates mask ID numbers (the forms travel door to door); a county may drop
 * the mask in its own template.
 */

export const SURVEY_HOUSEHOLD_FIELDS = [
  '户编号',
  '户主姓名',
  '户主证件号码',
  '联系电话',
  '户类型',
  '监测对象类别',
  '户类别',
  '乡镇',
  '村',
  '自然村',
  '家庭人口数',
  '劳动力人数',
  '在校生人数',
  '务工人数',
  '低保人数',
  '特困人数',
  '残疾人数',
  '大病人数',
  '慢性病人数',
  '风险类型',
  '识别监测时间',
  '风险状态',
  '是否易地搬迁户',
  '整户无劳动能力兜底保障户',
  '耕地面积',
  '林地面积',
  '住房出现安全问题',
  '义务教育失学辍学',
  '饮水出现安全问题',
  '有成员未参加医保',
  '监测联系人',
  '监测联系人电话',
  '帮扶措施',
  '排查提示',
  '收入年度',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '资产收益扶贫分红收入',
  '其他财产性收入',
  '转移性收入',
  '计划生育金',
  '低保金',
  '特困供养金',
  '养老保险金',
  '生态补偿金',
  '其他转移性收入',
  '生产经营性支出',
  '家庭纯收入',
  '人均纯收入',
  '理赔收入',
  '合规自付支出',
  '其他刚性支出',
];

export const SURVEY_MEMBER_FIELDS = [
  '姓名',
  '与户主关系',
  '性别',
  '年龄',
  '出生日期',
  '证件号码',
  '民族',
  '文化程度',
  '在校生状况',
  '健康状况',
  '残疾',
  '务工情况',
  '劳动技能',
  '务工状况',
  '务工时间',
  '务工所在地',
  '务工地点',
  '务工月数',
  '低保特困',
  '参加医保',
  '参加养老保险',
  '联系电话',
];

const INCOME_COLUMNS: [string, string][] = [
  ['工资性收入', 'wage'],
  ['生产经营性收入', 'business'],
  ['财产性收入', 'property'],
  ['资产收益扶贫分红收入', 'property_dividend'],
  ['其他财产性收入', 'property_other'],
  ['转移性收入', 'transfer'],
  ['计划生育金', 'family_planning'],
  ['低保金', 'dibao_money'],
  ['特困供养金', 'tekun_money'],
  ['养老保险金', 'pension_money'],
  ['生态补偿金', 'eco_compensation'],
  ['其他转移性收入', 'transfer_other'],
  ['生产经营性支出', 'business_cost'],
  ['理赔收入', 'claims'],
  ['合规自付支出', 'self_pay'],
  ['其他刚性支出', 'other_rigid'],
];

/** 务工状况 in a few characters for a narrow column, with the months: 「县内务工 10个月」. */
const SHORT_WORK: Record<string, string> = {
  '乡（镇）内务工': '乡内务工',
  '乡（镇）外县内务工': '县内务工',
  县外省内务工: '省内务工',
};
function workText(status: string | null, months: unknown): string | null {
  const m = typeof months === 'number' && months > 0 ? `${months}个月` : null;
  if (status === '未务工') return status;
  const s = status ? (SHORT_WORK[status] ?? status) : null;
  return [s, m].filter(Boolean).join(' ') || null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const round2 = (n: number | null | undefined): number | null =>
  n === null || n === undefined ? null : Math.round(n * 100) / 100;

/** One member row of a household form (摸底排查表, 信息采集表, 承诺授权书). */
export function memberItem(m: SurveyMember, asOf: string): Item {
  const birth = str(m.birth_date);
  const disability = [str(m.disability_type), str(m.disability_grade)].filter(Boolean).join('');
  const support = [m.dibao && m.dibao !== '未享受' ? String(m.dibao) : null, m.tekun === 1 ? '特困供养' : null]
    .filter(Boolean)
    .join('、');
  return {
    姓名: str(m.name),
    与户主关系: str(m.relation),
    性别: str(m.sex),
    年龄: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? ageAt(birth, asOf) : null,
    出生日期: birth,
    证件号码: str(m.id_no),
    民族: str(m.ethnicity),
    文化程度: str(m.education),
    在校生状况: str(m.school_status),
    健康状况: str(m.health) ?? (disability ? '残疾' : null),
    残疾: disability || null,
    务工情况: workText(str(m.work_status), m.work_months),
    劳动技能: str(m.labour_skill),
    务工状况: str(m.work_status),
    务工时间: typeof m.work_months === 'number' ? m.work_months : null,
    务工所在地: str(m.work_place),
    务工地点: str(m.work_place) ?? (str(m.work_status) === '未务工' ? '未务工' : workText(str(m.work_status), null)),
    务工月数: typeof m.work_months === 'number' && m.work_months > 0 ? m.work_months : null,
    低保特困: support || null,
    参加医保: yesNo(m.medical_insured),
    参加养老保险: yesNo(m.pension_insured),
    联系电话: str(m.phone),
  };
}

function householdItem(
  h: SurveyHousehold,
  members: SurveyMember[],
  income: SurveyIncome | undefined,
  measures: string[],
  asOf: string,
): Item {
  const count = (p: (m: SurveyMember) => boolean): number => members.filter(p).length;
  const monitored = str(h.mon_category);
  const item: Record<string, string | number | null | Iterable<Item>> = {
    户编号: h.hh_no,
    户主姓名: str(h.head_name),
    户主证件号码: str(h.head_id_no),
    联系电话: str(h.phone),
    户类型: str(h.hh_type),
    监测对象类别: monitored,
    户类别: monitored ? `${h.hh_type}（监测对象：${monitored}）` : str(h.hh_type),
    乡镇: h.township,
    村: h.village,
    自然村: str(h.natural_village),
    家庭人口数: members.length,
    劳动力人数: count((m) => hasLabourCapacity(str(m.labour_skill))),
    在校生人数: count((m) => isInSchool(str(m.school_status))),
    务工人数: count((m) => typeof m.work_months === 'number' && m.work_months > 0),
    低保人数: count((m) => Boolean(m.dibao) && m.dibao !== '未享受'),
    特困人数: count((m) => m.tekun === 1),
    残疾人数: count((m) => hasHealth(str(m.health), '残疾') || Boolean(m.disability_type)),
    大病人数: count((m) => hasHealth(str(m.health), '患有大病')),
    慢性病人数: count((m) => hasHealth(str(m.health), '长期慢性病')),
    风险类型: riskText([h.risk1, h.risk2, h.risk3, h.risk4, h.risk5].map(str), str(h.disaster_sub)),
    识别监测时间: str(h.identified_month),
    风险状态: monitored ? (h.risk_eliminated === 1 ? '风险已消除' : '风险未消除') : null,
    是否易地搬迁户: yesNo(h.relocated),
    整户无劳动能力兜底保障户: yesNo(h.whole_no_labour),
    耕地面积: typeof h.arable_land === 'number' ? h.arable_land : null,
    林地面积: typeof h.forest_land === 'number' ? h.forest_land : null,
    住房出现安全问题: yesNo(h.housing_unsafe),
    义务教育失学辍学: yesNo(h.school_dropout),
    饮水出现安全问题: yesNo(h.water_unsafe),
    有成员未参加医保: yesNo(h.uninsured),
    监测联系人: str(h.contact_person),
    监测联系人电话: str(h.contact_phone),
    帮扶措施: measures.length ? measures.join('；') : null,
    排查提示: flagText(str(h.flag_rules)),
    收入年度: income ? income.year : null,
    家庭纯收入: income ? round2(income.net) : null,
    人均纯收入: income ? round2(income.per_capita) : null,
    成员: members.map((m) => memberItem(m, asOf)),
  };
  for (const [name, column] of INCOME_COLUMNS) {
    const v = income?.[column];
    item[name] = typeof v === 'number' ? v : null;
  }
  return item;
}

/**
 * 排查提示 on the sheet the household signs: what to look at, in plain words — no rule numbers,
 * no rankings among households, no verdicts (「一兜了之」「应消未消」 are for the cadres' list).
 */
const PAPER_HINTS: Record<string, string> = {
  R03: '收入较低且仍在下降',
  R10: '家庭有老人、病人、残疾人或困难儿童',
  R11: '有部门预警信息待核实',
  R21: '有劳动能力，帮扶以保障性措施为主',
  R22: '可能已符合风险消除条件',
  R23: '风险消除后收入或三保障需复核',
  R24: '风险消除后收入主要靠政策性补贴',
};

function flagText(rules: string | null): string | null {
  if (!rules) return null;
  const names = rules
    .split(',')
    .map((id) => PAPER_HINTS[id] ?? RULES.find((r) => r.id === id)?.name)
    .filter((n): n is string => Boolean(n));
  return names.length ? [...new Set(names)].join('；') : null;
}

/** 附件2 covers 脱贫户 and every 监测对象; 附件1 the other (一般农户) households. */
export const isForm2 = (h: Record<string, unknown>): boolean => h.hh_type === '脱贫户' || Boolean(h.mon_category);

interface VillageData {
  households: SurveyHousehold[];
  members: Map<string, SurveyMember[]>;
  incomes: Map<string, SurveyIncome>;
  measures: Map<string, { hh_no: string; category: string; content: string }[]>;
}

function loadVillage(ctx: ReportContext, villageId: number): VillageData {
  return {
    households: surveyHouseholds(ctx.db, villageId, ctx.campaign?.id),
    members: groupBy(surveyMembers(ctx.db, villageId), (m) => m.hh_no),
    incomes: new Map(surveyIncomes(ctx.db, villageId, ctx.year - 1).map((i) => [i.hh_no, i])),
    measures: groupBy(surveyMeasures(ctx.db, villageId), (m) => m.hh_no),
  };
}

/**
 * The forms of a unit, village by village (memory stays at one village). Both lists (附件1 and
 * 附件2) read the same villages, one after the other: the last village read is kept, so a
 * one-village file reads the register once.
 */
function* formsOfUnit(
  ctx: ReportContext,
  unit: Unit,
  form2: boolean,
  memo: { id?: number; data?: VillageData },
): Generator<Item> {
  for (const v of listVillages(ctx.db, unit.ids)) {
    if (memo.id !== v.id || !memo.data) {
      memo.id = v.id;
      memo.data = loadVillage(ctx, v.id);
    }
    const { households, members, incomes, measures } = memo.data;
    for (const h of households) {
      if (isForm2(h) !== form2) continue;
      yield householdItem(
        h,
        members.get(h.hh_no) ?? [],
        incomes.get(h.hh_no),
        (measures.get(h.hh_no) ?? []).map((m) => (m.content ? `${m.category}：${m.content}` : m.category)),
        ctx.asOf,
      );
    }
  }
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The 12 months before the visit (the as-of date): 2024-05-01 → 2023-05-01 to 2024-04-30. */
export function incomePeriod(asOf: string): { 收支起始日期: string; 收支截止日期: string } {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const iso = (t: Date): string => t.toISOString().slice(0, 10);
  return {
    收支起始日期: iso(new Date(Date.UTC(y - 1, m - 1, d))),
    收支截止日期: iso(new Date(Date.UTC(y, m - 1, d - 1))),
  };
}

const lazy = (f: () => Generator<Item>): Iterable<Item> => ({ [Symbol.iterator]: f });

const FORM_SHAPE = { fields: SURVEY_HOUSEHOLD_FIELDS, lists: { 成员: { fields: SURVEY_MEMBER_FIELDS } } };

export const surveyForm: ReportDef = {
  id: 'survey-form',
  title: '摸底排查表',
  description:
    '附件1 一般户、附件2 农牧户（脱贫户和监测对象）基本情况摸底排查表，每户一张，预填成员、上年收入、三保障和饮水，含农户和信息采集员双签字栏',
  template: '摸底排查表.xlsx',
  options: ['township', 'village', 'year', 'campaign', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-household',
  privacy: '入户用：模板默认对证件号码和电话打码（{{证件号码|掩码}}），县里可在自己的模板中去掉掩码',
  mainList: ['一般户', '农牧户'],
  shape: {
    fields: [...COMMON_FIELDS, '收支起始日期', '收支截止日期'],
    lists: { 一般户: FORM_SHAPE, 农牧户: FORM_SHAPE },
  },
  count: (ctx, level, scope) =>
    ctx.campaign
      ? unitCounts(ctx.db, level, scope, 'campaignFlagged', ctx.campaign.id)
      : unitCounts(ctx.db, level, scope, 'households'),
  data(ctx, unit) {
    const memo: { id?: number; data?: VillageData } = {};
    return {
      ...commonValues(ctx, unit),
      ...incomePeriod(ctx.asOf),
      一般户: lazy(() => formsOfUnit(ctx, unit, false, memo)),
      农牧户: lazy(() => formsOfUnit(ctx, unit, true, memo)),
    };
  },
};
