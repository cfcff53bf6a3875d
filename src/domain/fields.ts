/**
 * The field dictionary (one table per import kind). Import, export, the demo generator, `show`
 * and docs/import-formats.md all read it, so a column is named in exactly one place:
 * fields/register.ts holds the register's own formats, fields/national.ts the national system's
 * exports (SPEC Appendix C).
 */
import { MIGRANT_WORK, NATIONAL, PLANNED_WORK, VILLAGE_INFO } from './fields/national.js';
import { ALERTS, HOUSEHOLDS, INCOMES, MEASURES, MEMBERS, REGIONS, VISITS } from './fields/register.js';
import type { FieldDef, ImportKind, KindDef } from './fields/types.js';

export * from './fields/national.js';
export * from './fields/register.js';
export type * from './fields/types.js';

export const KINDS: Record<ImportKind, KindDef> = {
  regions: REGIONS,
  households: HOUSEHOLDS,
  members: MEMBERS,
  incomes: INCOMES,
  measures: MEASURES,
  alerts: ALERTS,
  visits: VISITS,
  national: NATIONAL,
  'migrant-work': MIGRANT_WORK,
  'planned-work': PLANNED_WORK,
  'village-info': VILLAGE_INFO,
};

/** The order a folder of files is imported in: each kind may refer to the ones before it. */
export const IMPORT_ORDER: readonly ImportKind[] = [
  'regions',
  'village-info',
  'households',
  'members',
  'national',
  'incomes',
  'measures',
  'migrant-work',
  'planned-work',
  'alerts',
  'visits',
];

export const KIND_NAMES_CN: Record<ImportKind, string> = {
  regions: '行政区划',
  households: '户信息',
  members: '家庭成员',
  incomes: '收支信息',
  measures: '帮扶措施',
  alerts: '部门预警',
  visits: '入户排查结果',
  national: '监测对象信息（全国系统导出）',
  'migrant-work': '已外出务工信息',
  'planned-work': '计划外出务工信息',
  'village-info': '行政村信息',
};

/** Column → field, per kind. */
export function fieldByColumn(kind: KindDef, column: string): FieldDef | undefined {
  return kind.fields.find((f) => f.column === column);
}

/** The columns export and the demo write for a kind: every field but the import-only ones. */
export function exportFields(kind: KindDef): readonly FieldDef[] {
  return kind.fields.filter((f) => !f.importOnly);
}

/** Chinese names a clerk may type for a kind (`import 家庭成员 …`), besides the English ones. */
const KIND_ALIASES: Record<string, ImportKind> = {
  区划: 'regions',
  行政区划: 'regions',
  户: 'households',
  户信息: 'households',
  成员: 'members',
  家庭成员: 'members',
  收入: 'incomes',
  收支: 'incomes',
  收支信息: 'incomes',
  措施: 'measures',
  帮扶措施: 'measures',
  预警: 'alerts',
  部门预警: 'alerts',
  排查结果: 'visits',
  入户排查结果: 'visits',
  监测对象信息: 'national',
  全国系统导出: 'national',
  务工: 'migrant-work',
  已外出务工信息: 'migrant-work',
  计划务工: 'planned-work',
  计划外出务工信息: 'planned-work',
  村级信息: 'village-info',
  行政村信息: 'village-info',
};

/** The kind an argument names (English id, or a Chinese name), or undefined. */
export function kindFromName(name: string): ImportKind | undefined {
  const t = name.trim();
  if ((IMPORT_ORDER as readonly string[]).includes(t)) return t as ImportKind;
  const cn = Object.entries(KIND_NAMES_CN).find(([, v]) => v === t)?.[0] as ImportKind | undefined;
  return cn ?? KIND_ALIASES[t.replace(/[（(]自定义[)）]|[（(]务工月监测[)）]/g, '')];
}
