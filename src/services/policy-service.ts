import { FpjcError } from '../domain/errors.js';
import {
  describePolicy,
  POLICY_KEYS,
  POLICY_PARAMS,
  type PolicyEntry,
  type PolicyKey,
  parsePolicyValue,
} from '../domain/policy.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { policyYears, readPolicyOverrides, readSettings, writePolicyValue } from '../register/settings-repo.js';

export interface PolicyView {
  year: number;
  parameters: PolicyEntry[];
  yearsWithSettings: number[];
}

export function showPolicy(register: Register, year?: number): PolicyView {
  const y = year ?? readSettings(register.db).currentYear;
  return {
    year: y,
    parameters: describePolicy(y, readPolicyOverrides(register.db, y)),
    yearsWithSettings: policyYears(register.db),
  };
}

export interface PolicySetResult extends PolicyView {
  changed: { key: PolicyKey; label: string; value: unknown }[];
  dryRun: boolean;
}

/** Set parameters of one year; values come as text from flags, validated with zod. */
export function setPolicy(
  register: Register,
  input: {
    year: number;
    values: Partial<Record<PolicyKey, string>>;
    operator: string;
    reason?: string | undefined;
    dryRun?: boolean;
  },
): PolicySetResult {
  if (!Number.isInteger(input.year) || input.year < 2016 || input.year > 2100) {
    throw new FpjcError('USAGE', `--year「${input.year}」不对：应为 2016–2100 之间的年份。`);
  }
  const parsed: { key: PolicyKey; value: unknown }[] = [];
  const problems: string[] = [];
  for (const key of POLICY_KEYS) {
    const raw = input.values[key];
    if (raw === undefined) continue;
    const r = parsePolicyValue(key, raw);
    if (r.ok) parsed.push({ key, value: r.value });
    else problems.push(r.message);
  }
  if (problems.length) throw new FpjcError('USAGE', problems.join('；'));
  if (parsed.length === 0) {
    throw new FpjcError(
      'USAGE',
      `没有给出要设置的参数。可用参数：${POLICY_KEYS.map((k) => `--${POLICY_PARAMS[k].flag}`).join('、')}。`,
    );
  }
  const changed: PolicySetResult['changed'] = [];
  if (input.dryRun) {
    const current = readPolicyOverrides(register.db, input.year);
    for (const p of parsed) {
      if (JSON.stringify(current[p.key]) !== JSON.stringify(p.value)) {
        changed.push({ key: p.key, label: POLICY_PARAMS[p.key].label, value: p.value });
      }
    }
    return { ...showPolicy(register, input.year), changed, dryRun: true };
  }
  register.write(() => {
    const log = new ChangeLog(register.db, { operator: input.operator, command: 'policy set', reason: input.reason });
    for (const p of parsed) {
      if (writePolicyValue(register.db, log, input.year, p.key, p.value)) {
        changed.push({ key: p.key, label: POLICY_PARAMS[p.key].label, value: p.value });
      }
    }
  });
  return { ...showPolicy(register, input.year), changed, dryRun: false };
}
