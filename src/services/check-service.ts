import { FpjcError } from '../domain/errors.js';
import type { QualityFinding, TownshipTally } from '../quality/engine.js';
import { Tally } from '../quality/engine.js';
import { QUALITY_RULES, selectRules } from '../quality/rules/index.js';
import { qualityContext, runQuality } from '../quality/run.js';
import { FAMILIES, FAMILY_IDS, type Family, type Severity } from '../quality/types.js';
import type { Register } from '../register/connection.js';
import type { By } from '../reports/types.js';
import { type ReportResult, resolveScope } from './report-service.js';

/**
 * `fpjc check` (issue 11, SPEC §10): the data-quality rules over the register or one 乡镇/村,
 * counted by family, rule and 乡镇, with every finding; `--out` writes the 问题清单 report from
 * the same selection. Read-only: nothing in the register changes.
 */

export interface CheckRequest {
  /** `Q01,Q02`; default every rule. */
  rules?: string | undefined;
  /** `D` or `D,E1`; default every family. */
  family?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
  /** YYYY-MM-DD; default today. Ages and the current 务工 are read on this day. */
  asOf?: string | undefined;
  out?: string | undefined;
  by?: By | undefined;
  operator: string;
  onProgress?: ((households: number) => void) | undefined;
}

/** One finding (the JSON keys of SPEC §11 and more). */
export type CheckFinding = QualityFinding;

export interface CheckResult {
  asOf: string;
  township: string | null;
  village: string | null;
  rules: string[];
  total: number;
  /** Households with at least one finding. */
  households: number;
  bySeverity: Record<Severity, number>;
  byFamily: { family: Family; name: string; findings: number }[];
  byRule: Record<string, number>;
  byTownship: TownshipTally[];
  findings: CheckFinding[];
  report: ReportResult | null;
}

export interface RuleInfo {
  id: string;
  name: string;
  family: Family;
  familyName: string;
  severity: Severity;
  reads: readonly string[];
  thresholds: Readonly<Record<string, number | string>>;
  params: readonly string[];
  reading: string;
}

/** Every rule with what it checks (`fpjc check --list`, docs/quality.md). */
export function listQualityRules(): RuleInfo[] {
  return QUALITY_RULES.map((r) => ({
    id: r.id,
    name: r.name,
    family: r.family,
    familyName: FAMILIES[r.family],
    severity: r.severity,
    reads: r.reads,
    thresholds: r.thresholds ?? {},
    params: r.params ?? [],
    reading: r.reading,
  }));
}

const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export async function runCheck(register: Register, req: CheckRequest): Promise<CheckResult> {
  if (req.by !== undefined && req.out === undefined)
    throw new FpjcError('USAGE', '--by 是问题清单的分文件方式，需要同时用 --out 指定问题清单的文件或文件夹。');
  const rules = selectRules(req.rules, req.family);
  const { db } = register;
  const asOf = req.asOf ?? todayIso();
  const tally = new Tally(rules.map((r) => r.id));
  const findings: QualityFinding[] = [];
  let scope: ReturnType<typeof resolveScope>;
  // one read transaction: the counts and the findings see the same register
  db.exec('BEGIN');
  try {
    scope = resolveScope(register, { township: req.township, village: req.village });
    const ctx = qualityContext(db, asOf, rules);
    for (const f of runQuality(db, scope.ids, rules, ctx, req.onProgress)) {
      tally.add(f);
      findings.push(f);
    }
  } finally {
    db.exec('COMMIT');
  }
  let report: ReportResult | null = null;
  if (req.out !== undefined) {
    report = await (await import('./report-service.js')).runReport(register, {
      id: 'quality',
      township: scope.township,
      village: scope.village,
      asOf,
      out: req.out,
      by: req.by,
      operator: req.operator,
      quality: { rules: req.rules, family: req.family },
    });
  }
  return {
    asOf,
    township: scope.township ?? null,
    village: scope.village ?? null,
    rules: rules.map((r) => r.id),
    total: tally.total,
    households: tally.households,
    bySeverity: tally.bySeverity,
    byFamily: FAMILY_IDS.filter((f) => rules.some((r) => r.family === f)).map((f) => ({
      family: f,
      name: FAMILIES[f],
      findings: tally.byFamily[f] ?? 0,
    })),
    byRule: tally.byRule,
    byTownship: tally.byTownship(),
    findings,
    report,
  };
}
