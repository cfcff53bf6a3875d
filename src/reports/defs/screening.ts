import { FpjcError } from '../../domain/errors.js';
import {
  campaignCategoryCounts,
  campaignCoverage,
  campaignIds,
  campaignProposed,
  campaignRuleCounts,
  campaignScopeCounts,
  campaignVillageFlags,
  identifiedSince,
  iterateScreeningRows,
} from '../../register/screening-repo.js';
import { groupHouseholds, type ListedHousehold, sortByCategory } from '../../screening/listing.js';
import { type Coverage, coverageText, summarizeCoverage, summaryParagraph } from '../../screening/progress.js';
import { RULES } from '../../screening/rules/index.js';
import { CATEGORIES, type Category, MISSING } from '../../screening/types.js';
import { COMMON_FIELDS, commonValues, paperText } from '../common.js';
import type { Item } from '../render.js';
import { COVERAGE_FIELDS, SCREENING_LIST_COLUMNS } from '../templates/screening.js';
import type { ReportContext, ReportDef } from '../types.js';

/**
 * The reports of a screening campaign (issue 4): 排查清单 per 村 and 排查进度 (coverage, results,
 * rules and the summary paragraph). Both need --campaign.
 */

function campaignOf(ctx: ReportContext, report: string): NonNullable<ReportContext['campaign']> {
  if (ctx.campaign) return ctx.campaign;
  const ids = campaignIds(ctx.db);
  throw new FpjcError(
    'USAGE',
    `报表「${report}」需要用 --campaign 指定排查批次${ids.length ? `（已有：${ids.slice(0, 10).join('、')}）` : '（先运行 fpjc screen 生成排查批次）'}。`,
  );
}

const CAMPAIGN_FIELDS = ['批次编号', '批次名称', '排查基准日'] as const;

function campaignValues(ctx: ReportContext, report: string) {
  const c = campaignOf(ctx, report);
  return { 批次编号: c.id, 批次名称: c.name ?? c.id, 排查基准日: c.asOf, 收入年度: c.incomeYear };
}

// ---------------------------------------------------------------------------------------------
// 排查清单

const LIST_FIELDS = [
  ...new Set([
    ...SCREENING_LIST_COLUMNS.map((c) => /\{\{户\.([^}|]+)/.exec(c[1])?.[1] ?? '').filter((h) => h && h !== '序号'),
    '乡镇',
    '村',
    '类别提示',
  ]),
];

function listItem(h: ListedHousehold): Item {
  const findings = [...h.flags, ...h.dataMissing];
  return {
    乡镇: h.乡镇,
    村: h.村,
    户编号: h.户编号,
    户主姓名: h.户主姓名,
    户类型: h.户类型,
    人数: h.人数,
    监测状态: h.监测状态,
    类别提示: h.category || null,
    // the categories of its rules (纳入研判、必查 …); the rules' names lead the lines of 排查依据
    预警规则: [...new Set(h.flags.map((f) => f.category))].join('、') || (h.dataMissing.length ? '数据缺失' : null),
    排查依据: findings.length
      ? findings.map((f) => `${f.name}${f.category === MISSING ? '（数据缺失）' : ''}：${f.evidence}`).join('\n')
      : null,
    排查日期: h.排查日期,
    排查人: h.排查人,
    是否入户: h.是否入户,
    研判结果: h.研判结果,
    说明: h.说明,
    类别: h.类别,
    风险类型: h.风险类型,
  };
}

export const screeningList: ReportDef = {
  id: 'screening-list',
  title: '排查清单',
  description:
    '集中排查每村一份：排查范围内的全部农户，有预警线索的在前（规则和排查依据），留出入户排查结果各栏；填好后用 fpjc import visits --campaign 导回',
  template: '排查清单.xlsx',
  options: ['campaign', 'township', 'village'],
  by: ['village', 'township'],
  defaultBy: 'village',
  kind: 'per-unit',
  privacy: '内部排查用：显示户主姓名、户编号和收入、健康等排查依据，不显示证件号码和电话，不可张贴公示',
  mainList: '户',
  shape: { fields: [...COMMON_FIELDS, ...CAMPAIGN_FIELDS], lists: { 户: { fields: LIST_FIELDS } } },
  count(ctx, level, scope) {
    return campaignScopeCounts(ctx.db, campaignOf(ctx, '排查清单').id, level, scope);
  },
  data(ctx, unit) {
    const c = campaignOf(ctx, '排查清单');
    const rows = iterateScreeningRows(ctx.db, c.id, unit.ids);
    const households = sortByCategory(groupHouseholds(rows), 'all');
    return {
      ...commonValues(ctx, unit),
      ...campaignValues(ctx, '排查清单'),
      户: households.map(listItem),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// 排查进度

function coverageItem(name: string, c: Coverage, extra: Record<string, string | number | null> = {}): Item {
  const values: Record<string, string | number | null> = {
    名称: name,
    ...extra,
    排查户数: c.inScope,
    排查人数: c.people,
    已排查户数: c.visited,
    已排查人数: c.visitedPeople,
    未排查户数: c.notVisited,
    覆盖率: coverageText(c.coverage),
    预警户数: c.flagged,
    预警未排查: c.flaggedNotVisited,
  };
  for (const f of COVERAGE_FIELDS) if (!(f in values)) values[f] = c.results[f] ?? 0;
  return values;
}

export const campaignProgress: ReportDef = {
  id: 'campaign',
  title: '排查进度',
  description: '集中排查的进度和结果：各乡镇、村的排查户数、覆盖率、研判结果，各规则的预警户数，以及排查工作总结段落',
  template: '排查进度.xlsx',
  options: ['campaign', 'township'],
  by: ['county', 'township'],
  defaultBy: 'county',
  kind: 'list',
  privacy: '统计表：只有户数、人数，不含个人信息',
  mainList: '村',
  shape: {
    fields: [...COMMON_FIELDS, ...CAMPAIGN_FIELDS, '总结'],
    lists: {
      乡镇: { fields: ['名称', '村数', ...COVERAGE_FIELDS] },
      合计: { fields: ['名称', '村数', ...COVERAGE_FIELDS] },
      村: { fields: ['名称', '乡镇', ...COVERAGE_FIELDS] },
      规则: { fields: ['规则', '名称', '类别', '预警户数', '数据缺失户数', '判定口径'] },
      重点村: { fields: ['乡镇', '村', '说明'] },
    },
  },
  count(ctx, level, scope) {
    return campaignScopeCounts(ctx.db, campaignOf(ctx, '排查进度').id, level, scope);
  },
  data(ctx, unit) {
    const c = campaignOf(ctx, '排查进度');
    const { db } = ctx;
    const scope = { townshipId: unit.ids.townshipId };
    const { total, townships } = summarizeCoverage(campaignCoverage(db, c.id, scope));
    const villages = townships.flatMap((t) => t.villages.map((v) => ({ t: t.乡镇, v })));
    const counts = campaignRuleCounts(db, c.id, unit.ids.townshipId);
    const flagsOf = (rule: string, missing: boolean): number =>
      counts.filter((r) => r.rule === rule && (r.category === MISSING) === missing).reduce((n, r) => n + r.n, 0);
    const villageFlags = campaignVillageFlags(db, c.id, unit.ids.townshipId);
    const byCategory: Partial<Record<Category, number>> = {};
    for (const cat of CATEGORIES) {
      const rules = RULES.filter((r) => r.category === cat && r.id !== 'V01');
      if (rules.length) byCategory[cat] = 0;
    }
    for (const h of campaignCategoryCounts(db, c.id, unit.ids.townshipId)) byCategory[h.category as Category] = h.n;
    const values = campaignValues(ctx, '排查进度');
    const common = commonValues(ctx, unit);
    const summary = summaryParagraph({
      area: String(common.地区),
      campaignName: values.批次名称,
      date: ctx.asOf,
      coverage: total,
      villagesInScope: villages.length,
      villagesVisited: villages.filter((x) => x.v.visited > 0).length,
      byCategory,
      flaggedVillages: new Set(villageFlags.map((v) => `${v.township}|${v.village}`)).size,
      proposed: campaignProposed(db, c.id, scope),
      identified: identifiedSince(db, c.id, c.asOf.slice(0, 7), scope),
    });
    return {
      ...common,
      ...values,
      总结: summary,
      乡镇: townships.map((t) => coverageItem(t.乡镇, t, { 村数: t.villages.length })),
      合计: [coverageItem('合计', total, { 村数: villages.length })],
      村: villages.map((x) => coverageItem(x.v.村, x.v, { 乡镇: x.t })),
      规则: RULES.filter((r) => r.id !== 'V01').map((r) => ({
        规则: r.id,
        名称: paperText(r.name),
        类别: r.category,
        预警户数: flagsOf(r.id, false),
        数据缺失户数: flagsOf(r.id, true),
        判定口径: paperText(r.reading),
      })),
      重点村: villageFlags.map((v) => ({ 乡镇: v.township, 村: v.village, 说明: paperText(v.evidence) })),
    };
  },
};
