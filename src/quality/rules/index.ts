import { FpjcError } from '../../domain/errors.js';
import { FAMILIES, FAMILY_IDS, type Family, type HouseholdRule, type QualityRule, type VillageRule } from '../types.js';
import { ELIMINATION_RULES } from './elimination.js';
import { IDENTITY_RULES } from './identity.js';
import { INCOME_RULES } from './income.js';
import { MEASURE_RULES } from './measures.js';
import { OTHER_RULES } from './other.js';
import { PEOPLE_RULES } from './people.js';
import { RISK_RULES } from './risks.js';
import { VILLAGE_RULES } from './village.js';
import { WORK_RULES } from './work.js';

const num = (id: string): number => Number(id.slice(1));

/** Every data-quality rule, in id order (ids grow with the family). */
export const QUALITY_RULES: readonly QualityRule[] = [
  ...IDENTITY_RULES,
  ...INCOME_RULES,
  ...PEOPLE_RULES,
  ...RISK_RULES,
  ...MEASURE_RULES,
  ...ELIMINATION_RULES,
  ...WORK_RULES,
  ...OTHER_RULES,
  ...VILLAGE_RULES,
].sort((a, b) => num(a.id) - num(b.id));

const byId = new Map<string, QualityRule>(QUALITY_RULES.map((r) => [r.id, r]));

export function qualityRuleById(id: string): QualityRule | undefined {
  return byId.get(id);
}

/** `Q1,q02 Q100` → Q01, Q02, Q100 (two digits at least). */
function normalizeId(part: string): string {
  const m = /^[Qq]0*(\d{1,3})$/.exec(part.trim());
  return m ? `Q${m[1]!.padStart(2, '0')}` : part;
}

/**
 * The rules `--rules` and `--family` select (both: those in both), in id order; an unknown id or
 * family is a usage error listing the valid ones.
 */
export function selectRules(rules: string | undefined, family: string | undefined): QualityRule[] {
  let out: QualityRule[] = [...QUALITY_RULES];
  if (family !== undefined && family.trim() !== '') {
    const fams = new Set<Family>();
    const bad: string[] = [];
    for (const part of family.split(/[,，、\s]+/).filter(Boolean)) {
      const f = FAMILY_IDS.find((x) => x.toLowerCase() === part.toLowerCase() || FAMILIES[x] === part);
      if (f) fams.add(f);
      else bad.push(part);
    }
    if (bad.length > 0)
      throw new FpjcError(
        'USAGE',
        `--family 中的「${bad.join('、')}」不是规则类别。可用的类别：${FAMILY_IDS.map((f) => `${f} ${FAMILIES[f]}`).join('；')}。`,
      );
    out = out.filter((r) => fams.has(r.family));
  }
  if (rules !== undefined && rules.trim() !== '') {
    const ids = new Set<string>();
    const bad: string[] = [];
    for (const part of rules.split(/[,，、\s]+/).filter(Boolean)) {
      const id = normalizeId(part);
      if (byId.has(id)) ids.add(id);
      else bad.push(part);
    }
    if (bad.length > 0)
      throw new FpjcError(
        'USAGE',
        `--rules 中的「${bad.join('、')}」不是数据质量规则编号（Q01–${QUALITY_RULES[QUALITY_RULES.length - 1]!.id}）。运行 fpjc check --list 查看全部规则。`,
      );
    out = out.filter((r) => ids.has(r.id));
  }
  return out;
}

export const householdRules = (rules: readonly QualityRule[]): HouseholdRule[] =>
  rules.filter((r): r is HouseholdRule => r.scope === 'household');
export const villageRules = (rules: readonly QualityRule[]): VillageRule[] =>
  rules.filter((r): r is VillageRule => r.scope === 'village');
