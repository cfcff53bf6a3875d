import { FpjcError } from '../../domain/errors.js';
import type { PolicyKey } from '../../domain/policy.js';
import { type HouseholdRule, RULE_IDS, type Rule, type RuleId, type VillageRule } from '../types.js';
import { INCOME_RULES } from './income.js';
import { MONITORED_RULES, V01 } from './monitored.js';
import { PEOPLE_RULES } from './people.js';

/** Every screening rule of SPEC §6, in id order. */
export const HOUSEHOLD_RULES: readonly HouseholdRule[] = [...INCOME_RULES, ...PEOPLE_RULES, ...MONITORED_RULES].sort(
  (a, b) => a.id.localeCompare(b.id),
);
export const VILLAGE_RULES: readonly VillageRule[] = [V01];
export const RULES: readonly Rule[] = [...HOUSEHOLD_RULES, ...VILLAGE_RULES];

const byId = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** `R01,r2, R03` → the rules in id order; an unknown id is a usage error listing the valid ones. */
export function parseRuleList(raw: string | undefined): RuleId[] {
  if (raw === undefined || raw.trim() === '') return [...RULE_IDS];
  const out = new Set<RuleId>();
  const bad: string[] = [];
  for (const part of raw.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^([RrVv])0*(\d{1,2})$/.exec(part.trim());
    const id = m ? `${m[1]!.toUpperCase()}${m[2]!.padStart(2, '0')}` : part;
    if (byId.has(id)) out.add(id as RuleId);
    else bad.push(part);
  }
  if (bad.length > 0) {
    throw new FpjcError(
      'USAGE',
      `--rules 中的「${bad.join('、')}」不是排查规则编号。可用的规则：${RULES.map((r) => `${r.id} ${r.name}`).join('；')}。`,
    );
  }
  return RULE_IDS.filter((id) => out.has(id));
}

/** Policy parameters the given rules use. */
export function paramsOf(ids: readonly RuleId[]): Set<PolicyKey> {
  const s = new Set<PolicyKey>();
  for (const id of ids) for (const p of byId.get(id)?.params ?? []) s.add(p);
  return s;
}
