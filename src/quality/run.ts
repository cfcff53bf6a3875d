import { type Policy, resolvePolicy } from '../domain/policy.js';
import type { Db } from '../register/connection.js';
import {
  collectedColumns,
  headElsewhere,
  qualityVillages,
  sharedPersonNo,
  sharedPhones,
  villageHouseholds,
  villageStats,
} from '../register/quality-repo.js';
import type { ScopeIds } from '../register/report-repo.js';
import { readPolicyOverrides, readSettings } from '../register/settings-repo.js';
import { checkHousehold, checkVillage, type QualityFinding } from './engine.js';
import { householdRules, villageRules } from './rules/index.js';
import type { QualityContext, QualityRule } from './types.js';

/**
 * Runs data-quality rules over a scope of the register: the register-wide aggregates once, then
 * one 村 at a time (its records in a few set-based statements), households in 户编号 order, then
 * the villages' statistics. Shared by `fpjc check` (src/services/check-service.ts) and the
 * 问题清单 report (src/reports/defs/quality.ts).
 */

export function qualityContext(db: Db, asOf: string, rules: readonly QualityRule[]): QualityContext {
  const ids = new Set(rules.map((r) => r.id));
  const policies = new Map<number, Policy>();
  return {
    asOf,
    policy(year) {
      let p = policies.get(year);
      if (!p) {
        p = resolvePolicy(year, readPolicyOverrides(db, year));
        policies.set(year, p);
      }
      return p;
    },
    countyName: readSettings(db).countyName,
    // the aggregates only when a selected rule reads them
    sharedPhones: ids.has('Q95') ? sharedPhones(db) : new Map(),
    headElsewhere: ids.has('Q14') ? headElsewhere(db) : new Map(),
    sharedPersonNo: ids.has('Q14') ? sharedPersonNo(db) : new Map(),
    collected: collectedColumns(db),
  };
}

/** Findings of the scope, 村 by 村 (region order): its households by 户编号, then its statistics. */
export function* runQuality(
  db: Db,
  scope: ScopeIds,
  rules: readonly QualityRule[],
  ctx: QualityContext,
  onHouseholds?: (n: number) => void,
): Generator<QualityFinding> {
  const hRules = householdRules(rules);
  const vRules = villageRules(rules);
  const stats = vRules.length > 0 ? new Map(villageStats(db, scope).map((v) => [v.villageId, v])) : new Map();
  let done = 0;
  for (const v of qualityVillages(db, scope)) {
    if (hRules.length > 0) {
      const hhs = villageHouseholds(db, v, ctx.asOf);
      for (const h of hhs) yield* checkHousehold(h, hRules, ctx);
      done += hhs.length;
      onHouseholds?.(done);
    }
    const st = stats.get(v.id);
    if (st) yield* checkVillage(st, vRules, ctx);
  }
}
