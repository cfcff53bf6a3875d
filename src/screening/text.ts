import { monthsBetween } from '../domain/colour.js';
import { formatMoney, formatMonthCn, formatYuan } from '../domain/normalize.js';
import type { Finding, HouseholdFacts } from './types.js';

/** Helpers the rules share to write evidence texts with the numbers used. */

export const flag = (evidence: string): Finding => ({ kind: 'flag', evidence });
export const missing = (evidence: string): Finding => ({ kind: 'missing', evidence });

/** Amounts are compared in cents, as they are typed. */
export const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * `5,210` — or `8,299.60` when the amount has cents and whole 元 would hide them: it would read
 * as `other` (a line it is compared with) or as 0.
 */
export function yuan(n: number, other?: number): string {
  const c = cents(n);
  if (Number.isInteger(c)) return formatYuan(c);
  const hides =
    formatYuan(c) === '0' || (other !== undefined && formatYuan(c) === formatYuan(other) && c !== cents(other));
  return hides ? formatMoney(c) : formatYuan(c);
}

/** `85%` (one decimal when needed: `59.5%`). */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

export const monthCn = (m: string | null): string => (m ? formatMonthCn(m) : '时间不详');

/** Whole months from a `YYYY-MM` month to the as-of date. */
export const monthsSince = (month: string, asOf: string): number => monthsBetween(month, asOf);

/** Why the per-capita income of a year is unknown, or null when it is known. */
export function perCapitaGap(hasRow: boolean, perCapita: number | null, year: number): string | null {
  if (!hasRow) return `缺少 ${year} 年收入数据`;
  if (perCapita === null) return `${year} 年收入缺少家庭人口数，无法计算人均纯收入`;
  return null;
}

/** Labour capacity of a household (SPEC App. B): some member has it / none has it / unknown. */
export function labourOf(f: HouseholdFacts): 'capable' | 'incapable' | 'unknown' {
  if (f.labour > 0) return 'capable';
  if (f.wholeNoLabour) return 'incapable';
  if (f.members > 0 && f.labourUnknown === 0) return 'incapable';
  return 'unknown';
}

export function labourUnknownText(f: HouseholdFacts): string {
  return f.members === 0
    ? '登记库中没有该户的在册成员，无法判断劳动能力'
    : `在册成员中 ${f.labourUnknown} 人未填劳动技能，无法判断全户有无劳动能力`;
}

/** The 三保障/饮水 problems marked on the household. */
export function basicNeedsProblems(f: HouseholdFacts): string[] {
  const out: string[] = [];
  if (f.housingUnsafe) out.push('住房出现安全问题');
  if (f.schoolDropout) out.push('有义务教育阶段适龄儿童少年失学辍学');
  if (f.waterUnsafe) out.push('饮水出现安全问题');
  if (f.uninsured) out.push('有家庭成员未参加基本医疗保险');
  return out;
}
