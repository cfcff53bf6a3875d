import {
  FAMILY_IDS,
  type Family,
  type HouseholdRule,
  type QHousehold,
  type QualityContext,
  type QVillage,
  type Severity,
  type VillageRule,
} from './types.js';

/**
 * The data-quality engine: every selected rule on one household (or village), findings in a
 * fixed order (rule id, then members 户主 first and by 证件号码), and the tallies `fpjc check`
 * prints. Pure: records come from src/register/quality-repo.ts through src/quality/run.ts.
 */

export interface QualityFinding {
  rule: string;
  name: string;
  family: Family;
  severity: Severity;
  乡镇: string;
  村: string;
  /** null for a village finding. */
  户编号: string | null;
  户主姓名: string | null;
  /** The member concerned; null for a household or village finding. */
  证件号码: string | null;
  姓名: string | null;
  message: string;
}

export function checkHousehold(h: QHousehold, rules: readonly HouseholdRule[], c: QualityContext): QualityFinding[] {
  const out: QualityFinding[] = [];
  const head = h.members.find((m) => m.relation === '户主');
  for (const rule of rules) {
    for (const hit of rule.check(h, c)) {
      out.push({
        rule: rule.id,
        name: rule.name,
        family: rule.family,
        severity: rule.severity,
        乡镇: h.township,
        村: h.village,
        户编号: h.hhNo,
        户主姓名: h.headName ?? head?.name ?? null,
        证件号码: hit.member?.idNo ?? null,
        姓名: hit.member?.name ?? null,
        message: hit.message,
      });
    }
  }
  return out;
}

export function checkVillage(v: QVillage, rules: readonly VillageRule[], c: QualityContext): QualityFinding[] {
  const out: QualityFinding[] = [];
  for (const rule of rules) {
    const message = rule.check(v, c);
    if (message === null) continue;
    out.push({
      rule: rule.id,
      name: rule.name,
      family: rule.family,
      severity: rule.severity,
      乡镇: v.township,
      村: v.village,
      户编号: null,
      户主姓名: null,
      证件号码: null,
      姓名: null,
      message,
    });
  }
  return out;
}

export interface TownshipTally {
  乡镇: string;
  findings: number;
  households: number;
  错误: number;
  疑点: number;
}

/** Counts by rule, family, severity and 乡镇 (households with findings counted once). */
export class Tally {
  readonly byRule: Record<string, number> = {};
  readonly byFamily: Record<string, number> = {};
  readonly bySeverity: Record<Severity, number> = { 错误: 0, 疑点: 0 };
  private readonly townships = new Map<string, TownshipTally & { seen: Set<string> }>();
  households = 0;
  private readonly seen = new Set<string>();
  total = 0;

  constructor(ruleIds: readonly string[]) {
    for (const id of ruleIds) this.byRule[id] = 0;
    for (const f of FAMILY_IDS) this.byFamily[f] = 0;
  }

  add(f: QualityFinding): void {
    this.total++;
    this.byRule[f.rule] = (this.byRule[f.rule] ?? 0) + 1;
    this.byFamily[f.family] = (this.byFamily[f.family] ?? 0) + 1;
    this.bySeverity[f.severity]++;
    let t = this.townships.get(f.乡镇);
    if (!t) {
      t = { 乡镇: f.乡镇, findings: 0, households: 0, 错误: 0, 疑点: 0, seen: new Set() };
      this.townships.set(f.乡镇, t);
    }
    t.findings++;
    t[f.severity]++;
    if (f.户编号 !== null) {
      if (!t.seen.has(f.户编号)) {
        t.seen.add(f.户编号);
        t.households++;
      }
      if (!this.seen.has(f.户编号)) {
        this.seen.add(f.户编号);
        this.households++;
      }
    }
  }

  byTownship(): TownshipTally[] {
    return [...this.townships.values()].map(({ seen: _seen, ...t }) => t);
  }
}
