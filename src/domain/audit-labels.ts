/**
 * The audit log in a clerk's words: record kinds and register columns by their canonical Chinese
 * names (the field dictionary), values as the import formats write them (是/否).
 */
import { displayValue } from './field-values.js';
import { ALERTS, type FieldDef, HOUSEHOLDS, INCOMES, type KindDef, MEASURES, MEMBERS } from './fields.js';

export const ENTITY_NAMES: Record<string, string> = {
  household: '户',
  member: '成员',
  income: '收支',
  measure: '帮扶措施',
  alert: '部门预警',
  elimination_snapshot: '风险消除后指标',
  work_period: '务工记录',
  work_plan: '务工计划',
  visit: '走访记录',
  village_stats: '行政村信息',
  case: '案件',
  case_decision: '审核意见',
  monitoring_event: '监测记录',
  settings: '县情设置',
  policy: '年度政策参数',
  vocab: '本县词表',
  township: '乡镇',
  village: '村',
  grid: '网格',
  campaign_scope: '排查范围',
  campaign_flags: '排查结果',
  village_flag: '村级排查结果',
};

const KIND_OF: Record<string, KindDef> = {
  household: HOUSEHOLDS,
  member: MEMBERS,
  income: INCOMES,
  measure: MEASURES,
  alert: ALERTS,
};

/** Columns that are not import fields (resolved ids, workflow state). */
const EXTRA: Record<string, string> = {
  id_no: '证件号码',
  hh_no: '户编号',
  village_id: '村',
  grid_id: '网格',
  member_id_no: '成员证件号码',
  stage: '环节',
  status: '状态',
  closed_at: '办结日期',
  publicity_start: '公示开始',
  publicity_end: '公示结束',
  publicity_village_id: '公示村',
  nominated_at: '村提名日期',
  verify_date: '核实日期',
  authorize_date: '审定日期',
  deliberate_date: '评议日期',
  result: '研判结果',
  dispatched_at: '交办时间',
  keeper: '网格员',
  code: '代码',
  developmental: '开发式',
  event: '事项',
  status_date: '状态变更日期',
};

function fieldOf(entity: string, column: string): FieldDef | undefined {
  const kind = KIND_OF[entity];
  return kind?.fields.find((f) => f.column === column && !f.importOnly);
}

/** The Chinese name of a changed column. */
export function fieldLabel(entity: string, column: string | null): string | null {
  if (column === null) return null;
  return fieldOf(entity, column)?.header ?? EXTRA[column] ?? column;
}

/** A logged value as a clerk would write it (是/否 for yes/no columns). */
export function valueLabel(entity: string, column: string | null, value: string | null): string | null {
  if (value === null || column === null) return value;
  const f = fieldOf(entity, column);
  if (!f) return value;
  const shown = displayValue(f, f.type === 'bool' ? Number(value) : value);
  return shown === null ? null : String(shown);
}
