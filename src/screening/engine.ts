import {
  CATEGORIES,
  type Category,
  categoryRank,
  type FindingCategory,
  type HouseholdFacts,
  type HouseholdRule,
  type HouseholdRuleId,
  MISSING,
  type RuleContext,
  type VillageFacts,
  type VillageRule,
  type VillageRuleId,
} from './types.js';

/**
 * The screening engine: one pass over the households' facts, every selected rule on each, and
 * the tallies by 乡镇 that `fpjc screen` prints. Pure: the facts come from the register
 * (src/register/screening-repo.ts) and the findings go back to it through the service.
 */

export interface HouseholdFinding {
  hhNo: string;
  rule: HouseholdRuleId;
  category: FindingCategory;
  evidence: string;
}

export interface VillageFinding {
  villageId: number;
  township: string;
  village: string;
  rule: VillageRuleId;
  evidence: string;
}

export interface TownshipTally {
  townshipId: number;
  township: string;
  inScope: number;
  /** Households with at least one flag (数据缺失 findings do not count). */
  flagged: number;
  /** Households per category (a household counts once in each category it has a flag of). */
  byCategory: Record<Category, number>;
  /** Households with at least one 数据缺失 finding. */
  missing: number;
}

export interface EvaluationResult {
  inScope: number;
  townships: TownshipTally[];
  byRule: Partial<Record<HouseholdRuleId, number>>;
  missingByRule: Partial<Record<HouseholdRuleId, number>>;
  flagged: number;
  missingHouseholds: number;
}

const emptyCategories = (): Record<Category, number> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

/**
 * Runs the rules household by household and keeps the tallies; `evaluate` returns the findings
 * of one household, so the caller can stream them to the register in batches.
 */
export class Evaluator {
  private readonly townships = new Map<number, TownshipTally>();
  private readonly byRule: Partial<Record<HouseholdRuleId, number>> = {};
  private readonly missingByRule: Partial<Record<HouseholdRuleId, number>> = {};
  private readonly categories = new Set<Category>();
  private inScope = 0;
  private flagged = 0;
  private missingHouseholds = 0;

  constructor(
    private readonly rules: readonly HouseholdRule[],
    private readonly ctx: RuleContext,
  ) {
    for (const r of rules) {
      this.byRule[r.id] = 0;
      this.missingByRule[r.id] = 0;
    }
  }

  evaluate(f: HouseholdFacts): HouseholdFinding[] {
    this.inScope++;
    let t = this.townships.get(f.townshipId);
    if (!t) {
      t = {
        townshipId: f.townshipId,
        township: f.township,
        inScope: 0,
        flagged: 0,
        byCategory: emptyCategories(),
        missing: 0,
      };
      this.townships.set(f.townshipId, t);
    }
    t.inScope++;
    const categories = this.categories;
    categories.clear();
    const out: HouseholdFinding[] = [];
    let anyMissing = false;
    for (const rule of this.rules) {
      const r = rule.evaluate(f, this.ctx);
      if (!r) continue;
      if (r.kind === 'flag') {
        categories.add(rule.category);
        this.byRule[rule.id]!++;
        out.push({ hhNo: f.hhNo, rule: rule.id, category: rule.category, evidence: r.evidence });
      } else {
        anyMissing = true;
        this.missingByRule[rule.id]!++;
        out.push({ hhNo: f.hhNo, rule: rule.id, category: MISSING, evidence: r.evidence });
      }
    }
    if (categories.size > 0) {
      this.flagged++;
      t.flagged++;
      for (const c of categories) t.byCategory[c]++;
    }
    if (anyMissing) {
      this.missingHouseholds++;
      t.missing++;
    }
    return out;
  }

  /** Households evaluated so far. */
  get evaluated(): number {
    return this.inScope;
  }

  result(): EvaluationResult {
    return {
      inScope: this.inScope,
      townships: [...this.townships.values()],
      byRule: this.byRule,
      missingByRule: this.missingByRule,
      flagged: this.flagged,
      missingHouseholds: this.missingHouseholds,
    };
  }
}

export function evaluateVillages(
  villages: Iterable<VillageFacts>,
  rules: readonly VillageRule[],
  ctx: RuleContext,
): VillageFinding[] {
  const out: VillageFinding[] = [];
  for (const v of villages) {
    for (const rule of rules) {
      const r = rule.evaluate(v, ctx);
      if (r?.kind === 'flag') {
        out.push({
          villageId: v.villageId,
          township: v.township,
          village: v.village,
          rule: rule.id,
          evidence: r.evidence,
        });
      }
    }
  }
  return out;
}

/** A household's main category: the first of its flags' categories in list order. */
export function mainCategory(categories: Iterable<string>): string {
  let best = MISSING as string;
  for (const c of categories) if (categoryRank(c) < categoryRank(best)) best = c;
  return best;
}
