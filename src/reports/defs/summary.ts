import { colourOf } from '../../domain/colour.js';
import { VOCABULARIES } from '../../domain/vocab.js';
import {
  listTownships,
  listVillages,
  summaryHouseholds,
  summaryMeasures,
  summaryMonitored,
  summaryPeople,
  summaryRollbacks,
} from '../../register/report-repo.js';
import { COMMON_FIELDS, colourSchemeText, commonValues } from '../common.js';
import type { Item } from '../render.js';
import type { ReportContext, ReportDef, Unit } from '../types.js';

/**
 * 汇总表: one row per 乡镇 (or per 村 when the scope is a township or a village) and a 合计 row.
 * Definitions (the same as `fpjc status`): 户数 = every household; 人数 = members 在册;
 * 监测对象 = households with a 监测对象类别, by 类别 and by state (风险是否已消除); colours of the
 * 风险未消除 households by the as-of year's colorScheme, income of the year before the as-of year.
 * 当年新识别 / 当年消除 = 识别监测时间 / 风险消除时间 in --year; 当年回退 = households with a 回退
 * event in --year. 风险类型: 监测对象 (both states) having the type, each counted once per type.
 * 帮扶措施: measures recorded (项), by 类别.
 */

const CATEGORIES = VOCABULARIES.monitoredCategory.values;
/** Column name of a risk type / measure category (其他 is in both lists). */
export const riskColumn = (r: string): string => (r === '其他' ? '其他风险' : r);
export const measureColumn = (c: string): string => (c === '其他' ? '其他措施' : c);
const RISK_COLUMNS = VOCABULARIES.riskType.values.map(riskColumn);
const MEASURE_COLUMNS = VOCABULARIES.measureCategory.values.map(measureColumn);

const ROW_FIELDS = [
  '名称',
  '户数',
  '人数',
  '脱贫户',
  '脱贫人口',
  '监测户数',
  '监测人数',
  ...CATEGORIES,
  ...CATEGORIES.map((c) => `${c}人数`),
  '风险未消除',
  '风险已消除',
  '当年新识别',
  '当年消除',
  '当年回退',
  '红色',
  '黄色',
  '蓝色',
  '绿色',
  '第三色户数',
  '未定色',
  ...RISK_COLUMNS,
  '风险类型户数',
  '措施合计',
  '开发式措施',
  '保障性措施',
  ...MEASURE_COLUMNS,
];

type Counts = Record<string, number>;

function emptyCounts(): Counts {
  return Object.fromEntries(ROW_FIELDS.filter((f) => f !== '名称').map((f) => [f, 0]));
}

export function summaryData(ctx: ReportContext, unit: Unit): Item {
  const { db } = ctx;
  const level: 'township' | 'village' =
    unit.ids.townshipId !== undefined || unit.ids.villageId !== undefined ? 'village' : 'township';
  const names =
    level === 'township'
      ? listTownships(db, unit.ids).map((t) => ({ id: t.id, name: t.name }))
      : listVillages(db, unit.ids).map((v) => ({ id: v.id, name: v.name }));
  const rows = new Map<number, Counts>(names.map((n) => [n.id, emptyCounts()]));
  const at = (id: number): Counts => {
    let c = rows.get(id);
    if (!c) {
      c = emptyCounts();
      rows.set(id, c);
    }
    return c;
  };

  for (const r of summaryHouseholds(db, level, unit.ids, ctx.year)) {
    Object.assign(at(r.unitId), {
      户数: r.households,
      脱贫户: r.lifted,
      监测户数: r.monitored,
      风险未消除: r.unresolved,
      风险已消除: r.eliminated,
      当年新识别: r.newInYear,
      当年消除: r.eliminatedInYear,
    });
  }
  for (const r of summaryPeople(db, level, unit.ids)) {
    Object.assign(at(r.unitId), { 人数: r.people, 脱贫人口: r.liftedPeople, 监测人数: r.monitoredPeople });
    for (const c of CATEGORIES) at(r.unitId)[`${c}人数`] = r.byCategory[c] ?? 0;
  }
  for (const [id, n] of summaryRollbacks(db, level, unit.ids, ctx.year)) at(id).当年回退 = n;

  const scheme = ctx.policy.colorScheme;
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  for (const h of summaryMonitored(db, level, unit.ids, asOfYear - 1)) {
    const c = at(h.unitId);
    if (CATEGORIES.includes(h.category)) c[h.category] = (c[h.category] ?? 0) + 1;
    const columns = new Set<string>();
    for (const r of h.risks) {
      if (!r) continue;
      const col = riskColumn(r);
      columns.add(RISK_COLUMNS.includes(col) ? col : '其他风险');
    }
    for (const col of columns) c[col] = (c[col] ?? 0) + 1;
    if (columns.size > 0) c.风险类型户数 = (c.风险类型户数 ?? 0) + 1;
    if (h.eliminated === 1) continue;
    const colour = colourOf(scheme, { identifiedMonth: h.identifiedMonth, perCapita: h.perCapita }, ctx.asOf);
    const key = colour ? `${colour}色` : '未定色';
    c[key] = (c[key] ?? 0) + 1;
  }
  for (const m of summaryMeasures(db, level, unit.ids)) {
    const c = at(m.unitId);
    const col = measureColumn(m.category);
    const key = MEASURE_COLUMNS.includes(col) ? col : '其他措施';
    c[key] = (c[key] ?? 0) + m.n;
    c.措施合计 = (c.措施合计 ?? 0) + m.n;
    if (m.developmental === 1) c.开发式措施 = (c.开发式措施 ?? 0) + m.n;
    else c.保障性措施 = (c.保障性措施 ?? 0) + m.n;
  }

  const third = scheme === 'duration' ? '蓝色' : '绿色';
  const total = emptyCounts();
  const list: Item[] = [];
  for (const n of names) {
    const c = rows.get(n.id)!;
    c.第三色户数 = c[third] ?? 0;
    for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    list.push({ 名称: n.name, ...c });
  }
  return {
    ...commonValues(ctx, unit),
    单位层级: level === 'township' ? '乡镇' : '村',
    第三色: third,
    预警方式: colourSchemeText(scheme),
    行: list,
    合计: [{ 名称: '合计', ...total }],
  };
}

export const summary: ReportDef = {
  id: 'summary',
  title: '监测帮扶汇总表',
  description:
    '按乡镇（或村）汇总户数人数、脱贫户、监测对象类别与状态、当年新识别/消除/回退、三色预警、风险类型、帮扶措施',
  template: '监测帮扶汇总表.xlsx',
  options: ['township', 'village', 'year', 'as-of'],
  by: ['county', 'township'],
  defaultBy: 'county',
  kind: 'list',
  privacy: '只有数字，没有个人信息',
  mainList: '行',
  shape: {
    fields: [...COMMON_FIELDS, '单位层级', '第三色', '预警方式'],
    lists: { 行: { fields: ROW_FIELDS }, 合计: { fields: ROW_FIELDS } },
  },
  data: summaryData,
};
