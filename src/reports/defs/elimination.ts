import {
  caseFormRows,
  caseUnitCounts,
  decisionsOfCases,
  latestIncomes,
  measuresOf,
  membersOf,
} from '../../register/case-report-repo.js';
import { dueVisitUnitCounts, eliminatedForVisit, latestSnapshots } from '../../register/elimination-repo.js';
import { monthsBefore } from '../../workflow/dates.js';
import { COMMON_FIELDS, commonValues, riskText } from '../common.js';
import type { Item } from '../render.js';
import type { ReportContext, ReportDef, Unit } from '../types.js';
import { decisionText, lazy, publicityText, round2 } from './casework.js';
import { memberItem, SURVEY_MEMBER_FIELDS } from './survey-form.js';

/**
 * The forms of elimination (issue 9): 风险消除审批表 per 乡镇 (the year's elimination cases with
 * every stage's decision, signed by village, township and county) and the 监测对象风险稳定消除回访表
 * (seed 000), one per household due a 回访.
 */

const problemsText = (r: {
  housingUnsafe: number | null;
  schoolDropout: number | null;
  waterUnsafe: number | null;
  uninsured: number | null;
}): string => {
  const p = [
    r.housingUnsafe === 1 && '住房',
    r.schoolDropout === 1 && '义务教育',
    r.waterUnsafe === 1 && '饮水',
    r.uninsured === 1 && '医保',
  ].filter(Boolean);
  return p.length ? `${p.join('、')}有问题` : '无问题';
};

const measureText = (list: { category: string; content: string }[] | undefined): string | null =>
  list?.length ? list.map((m) => `${m.category}：${m.content}`).join('；') : null;

// ---------------------------------------------------------------------------------------------
// 风险消除审批表

const APPROVAL_FIELDS = [
  '案件号',
  '村',
  '户编号',
  '户主姓名',
  '家庭人口数',
  '类别',
  '风险类型',
  '识别监测时间',
  '消除方式',
  '收入年度',
  '人均纯收入',
  '三保障和饮水',
  '帮扶措施',
  '村级初审',
  '公示',
  '乡镇审核',
  '县级审定',
  '状态',
];

export const elimination: ReportDef = {
  id: 'elimination',
  title: '风险消除审批表',
  description:
    '每乡镇一张：当年的风险消除案件，消除方式、收入、“三保障”和饮水、帮扶措施和各环节（村级初审、公示、乡镇审核、县级审定）的结论、日期、经办人，村、乡镇、县三级签字盖章栏',
  template: '风险消除审批表.xlsx',
  options: ['township', 'village', 'year', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'township',
  kind: 'per-unit',
  privacy: '内部审批：户主姓名和户编号，不含证件号码和电话',
  mainList: '案件',
  shape: { fields: [...COMMON_FIELDS], lists: { 案件: { fields: APPROVAL_FIELDS } } },
  count: (ctx, level, scope) => caseUnitCounts(ctx.db, level, scope, 'elimination', ctx.year),
  data(ctx, unit) {
    return {
      ...commonValues(ctx, unit),
      案件: lazy(() => {
        const rows = caseFormRows(ctx.db, unit.ids, 'elimination', ctx.year);
        const hh = rows.map((r) => r.hhNo);
        const decisions = decisionsOfCases(
          ctx.db,
          rows.map((r) => r.id),
        );
        const incomes = latestIncomes(ctx.db, hh, ctx.year);
        const measures = measuresOf(ctx.db, hh);
        return rows.map((r) => {
          const ds = decisions.get(r.id) ?? [];
          const at = (stage: string) => ds.find((d) => d.stage === stage);
          const pub = at('公示');
          const first = at('村级初审');
          const income = incomes.get(r.hhNo);
          return {
            案件号: r.caseNo,
            村: r.village,
            户编号: r.hhNo,
            户主姓名: r.headName,
            家庭人口数: r.size,
            类别: r.category,
            风险类型: riskText((r.risks ?? '').split(',').filter(Boolean), r.disasterSub),
            识别监测时间: r.identifiedMonth,
            消除方式: r.method,
            收入年度: income ? income.year : null,
            人均纯收入: income ? round2(income.per_capita) : null,
            三保障和饮水: problemsText(r),
            帮扶措施: measureText(measures.get(r.hhNo)),
            村级初审: first
              ? `${decisionText(first)}${r.verifyDate ? ` 入户核实${r.verifyDate}` : ''}${r.deliberateDate ? ` 民主评议${r.deliberateDate}` : ''}`
              : null,
            公示: publicityText(r, pub),
            乡镇审核: decisionText(at('乡镇审核')),
            县级审定: decisionText(at('县级审定')),
            状态:
              r.status === '办理中'
                ? `办理中（待${r.stage}）`
                : r.status === '未通过'
                  ? `未通过：${r.result ?? ''}`
                  : r.status,
          };
        });
      }),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 回访表

export const VISIT_FORM_FIELDS = [
  '户编号',
  '乡镇',
  '村',
  '自然村',
  '户主姓名',
  '联系电话',
  '家庭人口数',
  '类别',
  '风险类型',
  '识别监测时间',
  '风险消除时间',
  '风险消除方式',
  '消除后月数',
  '监测联系人',
  '监测联系人电话',
  '消除时人均纯收入',
  '消除时家庭纯收入',
  '消除时三保障和饮水',
  '帮扶措施',
];

const dueBy = (ctx: ReportContext): string => monthsBefore(ctx.asOf, ctx.policy.visitAfterMonths);

function visitForms(ctx: ReportContext, unit: Unit): Item[] {
  const rows = eliminatedForVisit(ctx.db, unit.ids, dueBy(ctx), true);
  const hh = rows.map((r) => r.hhNo);
  const members = membersOf(ctx.db, hh);
  const measures = measuresOf(ctx.db, hh);
  const snaps = latestSnapshots(ctx.db, hh);
  return rows.map((r) => {
    const s = snaps.get(r.hhNo);
    const [ey, em] = r.eliminatedMonth.split('-').map(Number) as [number, number];
    const [ay, am] = ctx.asOf.split('-').map(Number) as [number, number];
    return {
      户编号: r.hhNo,
      乡镇: r.township,
      村: r.village,
      自然村: r.naturalVillage,
      户主姓名: r.headName,
      联系电话: r.phone,
      家庭人口数: r.size,
      类别: r.category,
      风险类型: r.risks ? riskText(r.risks.split(','), null) : null,
      识别监测时间: r.identifiedMonth,
      风险消除时间: r.eliminatedMonth,
      风险消除方式: r.method,
      消除后月数: (ay - ey) * 12 + (am - em),
      监测联系人: r.contactPerson,
      监测联系人电话: r.contactPhone,
      消除时人均纯收入: s ? round2(s.per_capita) : null,
      消除时家庭纯收入: s ? round2(s.net) : null,
      消除时三保障和饮水: s
        ? problemsText({
            housingUnsafe: s.housing_damaged,
            schoolDropout: s.school_dropout,
            waterUnsafe: s.water_damaged,
            uninsured: s.uninsured,
          })
        : null,
      帮扶措施: measureText(measures.get(r.hhNo)),
      成员: (members.get(r.hhNo) ?? []).map((m) => memberItem(m, ctx.asOf)),
    };
  });
}

export const visitForm: ReportDef = {
  id: 'visit-form',
  title: '回访表',
  description:
    '监测对象风险稳定消除回访表：风险消除满回访月数（默认 6 个月）且尚未回访的户每户一张，预填消除时的收入和“三保障”、家庭成员、帮扶措施，留本次回访的收入、“三保障”、结论和签字栏',
  template: '回访表.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-household',
  privacy: '入户用：模板默认对证件号码和电话打码，县里可在自己的模板中去掉掩码',
  mainList: '户',
  shape: {
    fields: [...COMMON_FIELDS, '回访月数'],
    lists: { 户: { fields: VISIT_FORM_FIELDS, lists: { 成员: { fields: SURVEY_MEMBER_FIELDS } } } },
  },
  count: (ctx, level, scope) => dueVisitUnitCounts(ctx.db, level, scope, dueBy(ctx)),
  data: (ctx, unit) => ({
    ...commonValues(ctx, unit),
    回访月数: ctx.policy.visitAfterMonths,
    户: lazy(() => visitForms(ctx, unit)),
  }),
};
