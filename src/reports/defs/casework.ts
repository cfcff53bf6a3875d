import {
  type CaseFormRow,
  type CaseSubject,
  caseFormRows,
  caseUnitCounts,
  decisionsOfCases,
  latestIncomes,
  membersOf,
} from '../../register/case-report-repo.js';
import { COMMON_FIELDS, commonValues, riskText, yesNo } from '../common.js';
import type { Item } from '../render.js';
import type { ReportContext, ReportDef, Unit } from '../types.js';
import { memberItem, SURVEY_MEMBER_FIELDS } from './survey-form.js';

/**
 * The forms of identification casework (issue 8): 公示名单 per 村, 认定台账 per 乡镇, and per case
 * the 新识别易返贫致贫户信息采集表 (附件3, seed 004) and the 承诺授权书 (seed 001). The public one
 * (公示名单) carries no ID number, phone, bank account or health data.
 */

export const round2 = (n: unknown): number | null => (typeof n === 'number' ? Math.round(n * 100) / 100 : null);

const risksOf = (c: CaseFormRow): string | null => riskText((c.risks ?? '').split(',').filter(Boolean), c.disasterSub);

const mainRisk = (c: CaseFormRow): string | null => {
  const first = (c.risks ?? '').split(',').filter(Boolean);
  return riskText(first.slice(0, 2), c.disasterSub);
};

const span = (start: string | null, end: string | null): string | null =>
  start ? `${cnDate(start)}至${end ? cnDate(end) : ''}` : null;

function cnDate(d: string): string {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return r ? `${r[1]}年${Number(r[2])}月${Number(r[3])}日` : d;
}

export function lazy(f: () => Item[]): Iterable<Item> {
  return { [Symbol.iterator]: () => f()[Symbol.iterator]() };
}

const counter =
  (subject: CaseSubject): NonNullable<ReportDef['count']> =>
  (ctx, level, scope) =>
    caseUnitCounts(ctx.db, level, scope, subject, subject === 'identification' ? ctx.year : null);

// ---------------------------------------------------------------------------------------------
// 公示名单

export const PUBLICITY_FIELDS = ['户主姓名', '家庭人口数', '公示事项', '类别', '主要风险类型', '公示起止日期'];

export const publicity: ReportDef = {
  id: 'publicity',
  title: '公示名单',
  description:
    '每村一张：正在公示的拟纳入监测对象和拟标注风险消除的户，户主姓名、家庭人口数、类别（消除为方式）、主要风险类型、公示起止日期、监督电话',
  template: '公示名单.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['township', 'village'],
  defaultBy: 'village',
  kind: 'per-unit',
  privacy: '张贴公示：只有户主姓名、人数、类别或消除方式、风险类型和日期，不含证件号码、手机号、银行账号和健康状况',
  mainList: '户',
  shape: {
    fields: [...COMMON_FIELDS, '监督电话', '公示开始', '公示结束', '公示天数', '公示标题'],
    lists: { 户: { fields: PUBLICITY_FIELDS } },
  },
  count: counter('publicity'),
  data(ctx, unit) {
    const rows = caseFormRows(ctx.db, unit.ids, 'publicity', null);
    const kinds = new Set(rows.map((r) => r.kind));
    const starts = rows.map((r) => r.publicityStart!).sort();
    const ends = rows.map((r) => r.publicityEnd ?? '').sort();
    return {
      ...commonValues(ctx, unit),
      监督电话: ctx.policy.supervisionPhone ?? null,
      公示开始: starts[0] ?? null,
      公示结束: ends[ends.length - 1] || null,
      公示天数:
        kinds.size === 1 && kinds.has('消除') ? ctx.policy.publicityDaysEliminate : ctx.policy.publicityDaysIdentify,
      公示标题:
        kinds.size === 2
          ? '拟纳入监测对象和拟标注风险消除户'
          : kinds.has('消除')
            ? '拟标注风险消除户'
            : '拟纳入监测对象',
      户: rows.map((r) => ({
        户主姓名: r.headName,
        家庭人口数: r.size,
        公示事项: r.kind === '识别' ? '纳入监测' : '风险消除',
        类别: r.kind === '识别' ? r.category : r.method,
        主要风险类型: mainRisk(r),
        公示起止日期: span(r.publicityStart, r.publicityEnd),
      })),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 认定台账

const LEDGER_FIELDS = [
  '案件号',
  '村',
  '户编号',
  '户主姓名',
  '家庭人口数',
  '线索来源',
  '类别',
  '风险类型',
  '立案日期',
  '村提名',
  '公示',
  '乡镇审核',
  '县级审定',
  '状态',
  '研判结果',
];

export function decisionText(
  d: { decision: string; decidedAt: string; handler: string | null } | undefined,
): string | null {
  return d ? `${d.decision}（${d.decidedAt}${d.handler ? ` ${d.handler}` : ''}）` : null;
}

/** The 公示 column of a ledger: its days and, once decided, its result. */
export function publicityText(
  r: { publicityStart: string | null; publicityEnd: string | null },
  pub: { decision: string } | undefined,
): string | null {
  if (!r.publicityStart) return null;
  return `${r.publicityStart}至${r.publicityEnd ?? ''}${pub ? ` ${pub.decision === '通过' ? '无异议' : '有异议'}` : ''}`;
}

export const reviewLedger: ReportDef = {
  id: 'review-ledger',
  title: '认定台账',
  description:
    '每乡镇一张：当年的全部识别案件，来源、类别、风险类型和各环节（村提名、公示、乡镇审核、县级审定）的结论、日期、经办人',
  template: '认定台账.xlsx',
  options: ['township', 'village', 'year', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'township',
  kind: 'per-unit',
  privacy: '内部台账：户主姓名和户编号，不含证件号码和电话',
  mainList: '案件',
  shape: { fields: [...COMMON_FIELDS], lists: { 案件: { fields: LEDGER_FIELDS } } },
  count: counter('identification'),
  data(ctx, unit) {
    return {
      ...commonValues(ctx, unit),
      案件: lazy(() => {
        const rows = caseFormRows(ctx.db, unit.ids, 'identification', ctx.year);
        const decisions = decisionsOfCases(
          ctx.db,
          rows.map((r) => r.id),
        );
        return rows.map((r) => {
          const ds = decisions.get(r.id) ?? [];
          const at = (stage: string) => ds.find((d) => d.stage === stage);
          const pub = at('公示');
          return {
            案件号: r.caseNo,
            村: r.village,
            户编号: r.hhNo,
            户主姓名: r.headName,
            家庭人口数: r.size,
            线索来源: r.source,
            类别: r.category,
            风险类型: risksOf(r),
            立案日期: r.openedAt,
            村提名: decisionText(at('村提名')),
            公示: publicityText(r, pub),
            乡镇审核: decisionText(at('乡镇审核')),
            县级审定: decisionText(at('县级审定')),
            状态: r.status === '办理中' ? `办理中（待${r.stage}）` : r.status,
            研判结果: r.result,
          };
        });
      }),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 信息采集表 and 承诺授权书 (one per open identification case)

export const COLLECTION_FIELDS = [
  '案件号',
  '户编号',
  '乡镇',
  '村',
  '自然村',
  '户主姓名',
  '户主证件号码',
  '联系电话',
  '户类型',
  '家庭人口数',
  '类别',
  '风险类型',
  '线索来源',
  '收入年度',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '生产经营性支出',
  '家庭纯收入',
  '人均纯收入',
  '理赔收入',
  '合规自付支出',
  '其他刚性支出',
  '住房出现安全问题',
  '义务教育失学辍学',
  '饮水出现安全问题',
  '有成员未参加医保',
];

const INCOME: [string, string][] = [
  ['工资性收入', 'wage'],
  ['生产经营性收入', 'business'],
  ['财产性收入', 'property'],
  ['转移性收入', 'transfer'],
  ['生产经营性支出', 'business_cost'],
  ['理赔收入', 'claims'],
  ['合规自付支出', 'self_pay'],
  ['其他刚性支出', 'other_rigid'],
];

function caseForms(ctx: ReportContext, unit: Unit): Item[] {
  const rows = caseFormRows(ctx.db, unit.ids, 'openIdentification', null);
  const hh = rows.map((r) => r.hhNo);
  const members = membersOf(ctx.db, hh);
  const incomes = latestIncomes(ctx.db, hh, ctx.year);
  return rows.map((r) => {
    const income = incomes.get(r.hhNo);
    const item: Record<string, string | number | null | Iterable<Item>> = {
      案件号: r.caseNo,
      户编号: r.hhNo,
      乡镇: r.township,
      村: r.village,
      自然村: r.naturalVillage,
      户主姓名: r.headName,
      户主证件号码: r.headIdNo,
      联系电话: r.phone,
      户类型: r.hhType,
      家庭人口数: r.size,
      类别: r.category,
      风险类型: risksOf(r),
      线索来源: r.source,
      收入年度: income ? income.year : null,
      家庭纯收入: income ? round2(income.net) : null,
      人均纯收入: income ? round2(income.per_capita) : null,
      住房出现安全问题: yesNo(r.housingUnsafe),
      义务教育失学辍学: yesNo(r.schoolDropout),
      饮水出现安全问题: yesNo(r.waterUnsafe),
      有成员未参加医保: yesNo(r.uninsured),
      成员: (members.get(r.hhNo) ?? []).map((m) => memberItem(m, ctx.asOf)),
    };
    for (const [name, column] of INCOME) item[name] = income ? round2(income[column]) : null;
    return item;
  });
}

const CASE_FORM_SHAPE = { fields: COLLECTION_FIELDS, lists: { 成员: { fields: SURVEY_MEMBER_FIELDS } } };

export const collectionForm: ReportDef = {
  id: 'collection-form',
  title: '信息采集表',
  description:
    '附件3 新识别易返贫致贫户信息采集表：每个办理中的识别案件一张，预填家庭成员、收入各项、风险类型、三保障和饮水，含农户和信息采集员双签字栏',
  template: '信息采集表.xlsx',
  options: ['township', 'village', 'year', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-household',
  privacy: '入户用：模板默认对证件号码和电话打码，县里可在自己的模板中去掉掩码',
  mainList: '户',
  shape: { fields: [...COMMON_FIELDS], lists: { 户: CASE_FORM_SHAPE } },
  count: counter('openIdentification'),
  data: (ctx, unit) => ({ ...commonValues(ctx, unit), 户: lazy(() => caseForms(ctx, unit)) }),
};

export const authorization: ReportDef = {
  id: 'authorization',
  title: '承诺授权书',
  description: '每个办理中的识别案件一份：农户承诺提供的情况真实可靠，并授权依法查询家庭资产等信息，家庭成员逐一签字',
  template: '承诺授权书.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-household',
  privacy: '由农户签字留存：模板默认对证件号码打码，县里可在自己的模板中显示完整号码',
  mainList: '户',
  shape: { fields: [...COMMON_FIELDS], lists: { 户: CASE_FORM_SHAPE } },
  count: counter('openIdentification'),
  data: (ctx, unit) => ({ ...commonValues(ctx, unit), 户: lazy(() => caseForms(ctx, unit)) }),
};
