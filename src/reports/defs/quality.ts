import type { QualityFinding } from '../../quality/engine.js';
import { QUALITY_RULES, selectRules } from '../../quality/rules/index.js';
import { qualityContext, runQuality } from '../../quality/run.js';
import { FAMILIES } from '../../quality/types.js';
import type { Db } from '../../register/connection.js';
import type { ScopeIds } from '../../register/report-repo.js';
import { COMMON_FIELDS, commonValues } from '../common.js';
import type { Item } from '../render.js';
import type { ReportContext, ReportDef } from '../types.js';

/**
 * 问题清单 (issue 11): the data-quality findings of `fpjc check` per 村 (or 乡镇 / county), in
 * the check's order — 村 by 村, household by household, then the rules — so a village clerk
 * fixes them top to bottom; sheet 问题统计 counts them by problem. The rules run once per report
 * over the whole scope (the counts that decide which files to write and the files' rows come
 * from the same run).
 */

const LIST_FIELDS = [
  '乡镇',
  '村',
  '户编号',
  '户主姓名',
  '姓名',
  '证件号码',
  '问题类别',
  '性质',
  '问题',
  '问题说明',
  '核改情况',
];
const COUNT_FIELDS = ['问题类别', '问题', '性质', '问题数', '涉及户数'];
const TOTAL_FIELDS = ['问题总数', '错误数', '疑点数', '涉及户数'];

/** Findings by village id, per report run (a report context lives for one run). */
const runs = new WeakMap<ReportContext, Map<number, QualityFinding[]>>();

function findingsOf(ctx: ReportContext, scope: ScopeIds): Map<number, QualityFinding[]> {
  const cached = runs.get(ctx);
  if (cached) return cached;
  const rules = selectRules(ctx.quality?.rules, ctx.quality?.family);
  const byVillage = new Map<number, QualityFinding[]>();
  const villageIds = villageIdsByName(ctx.db);
  for (const f of runQuality(ctx.db, scope, rules, qualityContext(ctx.db, ctx.asOf, rules))) {
    const id = villageIds.get(`${f.乡镇}\u0000${f.村}`) ?? -1;
    const list = byVillage.get(id) ?? [];
    list.push(f);
    byVillage.set(id, list);
  }
  runs.set(ctx, byVillage);
  return byVillage;
}

function villageIdsByName(db: Db): Map<string, number> {
  const rows = db
    .prepare('SELECT v.id, t.name AS t, v.name AS v FROM villages v JOIN townships t ON t.id = v.township_id')
    .all() as { id: number; t: string; v: string }[];
  return new Map(rows.map((r) => [`${r.t}\u0000${r.v}`, r.id]));
}

function inUnit(db: Db, byVillage: Map<number, QualityFinding[]>, ids: ScopeIds): QualityFinding[] {
  if (ids.villageId !== undefined) return byVillage.get(ids.villageId) ?? [];
  const out: QualityFinding[] = [];
  const ofTownship =
    ids.townshipId === undefined
      ? null
      : new Set(
          (db.prepare('SELECT id FROM villages WHERE township_id = ?').pluck().all(ids.townshipId) as number[]) ?? [],
        );
  for (const [vid, list] of byVillage) if (!ofTownship || ofTownship.has(vid)) out.push(...list);
  return out;
}

function item(f: QualityFinding): Item {
  return {
    乡镇: f.乡镇,
    村: f.村,
    户编号: f.户编号,
    户主姓名: f.户主姓名,
    姓名: f.姓名,
    证件号码: f.证件号码,
    问题类别: FAMILIES[f.family],
    性质: f.severity,
    问题: f.name,
    问题说明: f.message,
    核改情况: null,
  };
}

function counts(findings: readonly QualityFinding[]): Item[] {
  const by = new Map<string, { n: number; hh: Set<string> }>();
  for (const f of findings) {
    const c = by.get(f.rule) ?? { n: 0, hh: new Set<string>() };
    c.n++;
    if (f.户编号) c.hh.add(f.户编号);
    by.set(f.rule, c);
  }
  return QUALITY_RULES.filter((r) => by.has(r.id)).map((r) => ({
    问题类别: FAMILIES[r.family],
    问题: r.name,
    性质: r.severity,
    问题数: by.get(r.id)!.n,
    涉及户数: by.get(r.id)!.hh.size,
  }));
}

export const quality: ReportDef = {
  id: 'quality',
  title: '问题清单',
  description: '数据质量检查发现的问题，按村、户逐条列出（问题类别、性质、具体情况），留出核改情况一栏；另附问题统计',
  template: '问题清单.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'county',
  kind: 'per-unit',
  privacy: '内部核改用：显示完整证件号码和姓名（据以查找和改正记录），不可张贴公示',
  mainList: '问题',
  shape: {
    fields: [...COMMON_FIELDS, ...TOTAL_FIELDS],
    lists: { 问题: { fields: LIST_FIELDS }, 统计: { fields: COUNT_FIELDS } },
  },
  count(ctx, level, scope) {
    const byVillage = findingsOf(ctx, scope);
    if (level === 'village') return new Map([...byVillage].map(([id, l]) => [id, l.length]));
    const tw = new Map(
      (ctx.db.prepare('SELECT id, township_id FROM villages').raw().all() as [number, number][]).map(([v, t]) => [
        v,
        t,
      ]),
    );
    const out = new Map<number, number>();
    for (const [vid, l] of byVillage) {
      const t = tw.get(vid);
      if (t !== undefined) out.set(t, (out.get(t) ?? 0) + l.length);
    }
    return out;
  },
  data(ctx, unit) {
    const list = inUnit(ctx.db, findingsOf(ctx, unit.ids), unit.ids);
    const households = new Set(list.filter((f) => f.户编号).map((f) => f.户编号)).size;
    return {
      ...commonValues(ctx, unit),
      问题总数: list.length,
      错误数: list.filter((f) => f.severity === '错误').length,
      疑点数: list.filter((f) => f.severity === '疑点').length,
      涉及户数: households,
      问题: list.map(item),
      统计: counts(list),
    };
  },
};
