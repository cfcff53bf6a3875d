import { monthsBetween } from './colour.js';

/**
 * When an unresolved 监测对象 may be marked 风险消除 (SPEC §8; seeds 001, 004): pure readings over
 * the facts the register gives (src/register/elimination-repo.ts). Every reason is a sentence
 * with its numbers, for the clerk and for the 风险消除审批表.
 *
 * Readings (docs/casework.md 「风险消除条件」):
 * - income: per-capita net income of year Y (default the year before the as-of date) not below
 *   the line (below the line is the 监测范围, R01), and not below Y−1; a missing year is not
 *   "stable" (慎退、稳退);
 * - no 三保障/饮水 problem (住房/危房, 义务教育辍学, 饮水, 医保);
 * - ≥ minMonthsBeforeElimination calendar months since 识别监测时间;
 * - for each 风险类型 a measure of a matching 类别, started on or before the as-of date;
 * - 监测联系人 and 监测联系人电话 filled in;
 * - blocked (暂不标注风险消除): marked 整户无劳动能力兜底保障户, no member with labour capacity,
 *   or 低保金 + 特困供养金 more than half of the household's income (living mainly on 兜底).
 */

/** Measures that answer a risk type (SPEC §10, seed 004). `null`: any measure will do. */
export const RISK_MEASURES: Readonly<Record<string, readonly string[] | null>> = {
  因病: ['健康帮扶', '社会帮扶', '综合保障'],
  因残: ['综合保障', '社会帮扶', '健康帮扶', '公益岗位帮扶'],
  因学: ['义务教育保障', '教育帮扶'],
  因自然灾害: ['住房安全保障', '产业帮扶', '社会帮扶', '综合保障', '生产生活条件改善', '基础设施建设'],
  因意外事故: ['社会帮扶', '综合保障', '健康帮扶'],
  因产业项目失败: ['产业帮扶', '金融帮扶', '就业帮扶'],
  因务工就业不稳: ['就业帮扶', '公益岗位帮扶', '产业帮扶'],
  缺劳动力: ['公益岗位帮扶', '就业帮扶', '产业帮扶', '综合保障'],
  因安全住房: ['住房安全保障', '搬迁'],
  因安全饮水: ['饮水安全保障'],
  其他: null,
};

/** Share of the household's income from 低保金 and 特困供养金 above which it lives mainly on 兜底. */
export const BOTTOM_SUPPORT_MAIN_SHARE = 0.5;

/** Months without an elimination case after which an eligible household is 应消未消 (a quarter). */
export const LEFT_ALONE_MONTHS = 3;

export interface EliminationFacts {
  hhNo: string;
  identifiedMonth: string | null;
  risks: readonly string[];
  incomeYear: number;
  /** Per-capita net income of Y / Y−1; null when the row or its 家庭人口数 is missing. */
  perCapita: number | null;
  prevPerCapita: number | null;
  hasIncome: boolean;
  hasPrevIncome: boolean;
  /** 工资性 + 生产经营性 + 财产性 + 转移性 of Y. */
  gross: number | null;
  /** 低保金 + 特困供养金 of Y. */
  bottomSupport: number | null;
  housingUnsafe: boolean;
  schoolDropout: boolean;
  waterUnsafe: boolean;
  uninsured: boolean;
  /** 类别 of the measures started on or before the as-of date. */
  measureCategories: readonly string[];
  contactPerson: string | null;
  contactPhone: string | null;
  /** 在册 members, those with labour capacity, those whose 劳动技能 is blank. */
  members: number;
  labour: number;
  labourUnknown: number;
  wholeNoLabour: boolean;
}

export interface EliminationPolicy {
  incomeLine: number | undefined;
  minMonthsBeforeElimination: number;
}

export type Verdict = 'eligible' | 'ineligible' | 'blocked';

export interface Assessment {
  verdict: Verdict;
  reasons: string[];
}

const yuan = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: Number.isInteger(n) ? 0 : 2 });
const cents = (n: number): number => Math.round(n * 100) / 100;
const monthCn = (m: string): string => `${m.slice(0, 4)} 年 ${Number(m.slice(5, 7))} 月`;

/** Why the household may not be marked 风险消除 at all for now, or an empty list. */
export function blockingReasons(f: EliminationFacts): string[] {
  const out: string[] = [];
  if (f.wholeNoLabour) out.push('已认定为整户无劳动能力兜底保障户，暂不标注风险消除，持续跟踪监测');
  else if (f.members > 0 && f.labour === 0 && f.labourUnknown === 0) {
    out.push(`在册 ${f.members} 人均无劳动能力，落实社会保障措施后暂不标注风险消除，持续跟踪监测`);
  }
  const gross = f.gross ?? 0;
  const bottom = f.bottomSupport ?? 0;
  if (gross > 0 && bottom > BOTTOM_SUPPORT_MAIN_SHARE * gross) {
    out.push(
      `${f.incomeYear} 年低保金、特困供养金 ${yuan(cents(bottom))} 元，占家庭收入 ${yuan(cents(gross))} 元的 ${Math.round((bottom / gross) * 100)}%，收入主要来源为兜底保障，暂不标注风险消除`,
    );
  }
  return out;
}

function incomeReadings(f: EliminationFacts, line: number | undefined): { ok: string[]; bad: string[] } {
  const ok: string[] = [];
  const bad: string[] = [];
  const y = f.incomeYear;
  if (line === undefined) {
    bad.push(`${y + 1} 年的监测范围（收入标准）未设置，请先用 fpjc policy set --income-line 设置`);
    return { ok, bad };
  }
  if (!f.hasIncome || f.perCapita === null) {
    bad.push(
      f.hasIncome ? `${y} 年收入缺少家庭人口数，算不出人均纯收入` : `缺少 ${y} 年收入数据，无法判断收入是否稳定`,
    );
    return { ok, bad };
  }
  const now = cents(f.perCapita);
  if (now < line) bad.push(`${y} 年人均纯收入 ${yuan(now)} 元，低于监测范围 ${yuan(line)} 元`);
  else ok.push(`${y} 年人均纯收入 ${yuan(now)} 元，${now > line ? '高于' : '不低于'}监测范围 ${yuan(line)} 元`);
  if (!f.hasPrevIncome || f.prevPerCapita === null) {
    bad.push(`缺少 ${y - 1} 年人均纯收入，无法判断收入是否下降`);
  } else {
    const before = cents(f.prevPerCapita);
    if (now < before) bad.push(`${y} 年人均纯收入 ${yuan(now)} 元，较 ${y - 1} 年 ${yuan(before)} 元下降`);
    else ok.push(`较 ${y - 1} 年 ${yuan(before)} 元未下降`);
  }
  return { ok, bad };
}

function basicNeeds(f: EliminationFacts): string[] {
  return [
    f.housingUnsafe && '住房出现安全问题',
    f.schoolDropout && '有义务教育阶段适龄儿童少年失学辍学',
    f.waterUnsafe && '饮水出现安全问题',
    f.uninsured && '有家庭成员未参加基本医疗保险',
  ].filter((x): x is string => typeof x === 'string');
}

/** Risk types without a matching measure (and the 类别 that would match). */
export function unmatchedRisks(risks: readonly string[], categories: readonly string[]): string[] {
  const have = new Set(categories);
  return risks.filter((r) => {
    const wanted = RISK_MEASURES[r];
    if (wanted === undefined || wanted === null) return have.size === 0;
    return !wanted.some((c) => have.has(c));
  });
}

export function assessElimination(f: EliminationFacts, policy: EliminationPolicy, asOf: string): Assessment {
  const blocked = blockingReasons(f);
  if (blocked.length > 0) return { verdict: 'blocked', reasons: blocked };
  const ok: string[] = [];
  const bad: string[] = [];
  if (f.members > 0 && f.labour === 0) {
    bad.push(`在册成员中 ${f.labourUnknown} 人劳动技能未填，无法判断有无劳动能力，请补填`);
  }
  const income = incomeReadings(f, policy.incomeLine);
  ok.push(...income.ok);
  bad.push(...income.bad);
  const needs = basicNeeds(f);
  if (needs.length > 0) bad.push(`“三保障”和饮水安全未巩固：${needs.join('、')}`);
  else ok.push('“三保障”和饮水安全无问题');
  const min = policy.minMonthsBeforeElimination;
  if (!f.identifiedMonth) bad.push('缺少识别监测时间，无法判断监测时长');
  else {
    const months = monthsBetween(f.identifiedMonth, asOf.slice(0, 7));
    const text = `${monthCn(f.identifiedMonth)}识别，至 ${asOf} 已监测 ${months} 个月`;
    if (months < min) bad.push(`${text}，不满 ${min} 个月`);
    else ok.push(`${text}，满 ${min} 个月`);
  }
  if (f.risks.length === 0) bad.push('没有登记风险类型，无法核对帮扶措施是否对应');
  else {
    const missing = unmatchedRisks(f.risks, f.measureCategories);
    for (const r of missing) {
      const wanted = RISK_MEASURES[r];
      bad.push(`风险类型「${r}」没有对应的帮扶措施${wanted ? `（应有${wanted.join('或')}）` : ''}`);
    }
    if (missing.length === 0) {
      ok.push(`风险类型 ${f.risks.join('、')} 均有对应帮扶措施（${[...new Set(f.measureCategories)].join('、')}）`);
    }
  }
  const contact = [!f.contactPerson?.trim() && '监测联系人', !f.contactPhone?.trim() && '监测联系人电话'].filter(
    (x): x is string => typeof x === 'string',
  );
  if (contact.length > 0) bad.push(`缺少${contact.join('和')}，消除前须补填`);
  else ok.push(`监测联系人 ${f.contactPerson!.trim()}（${f.contactPhone!.trim()}）`);
  return bad.length > 0 ? { verdict: 'ineligible', reasons: bad } : { verdict: 'eligible', reasons: ok };
}
