import type { Policy, PolicyKey } from '../domain/policy.js';

/**
 * Types of the screening rules (SPEC §6). A rule is a declarative module: its id, Chinese name,
 * category, the register fields it reads, the yearly policy parameters it uses, and a pure
 * evaluation over the facts of one household (or village). The facts are computed set-based
 * by src/register/screening-repo.ts in one pass over the register; rules never touch the
 * register themselves.
 */

export const HOUSEHOLD_RULE_IDS = [
  'R01',
  'R02',
  'R03',
  'R04',
  'R05',
  'R06',
  'R07',
  'R08',
  'R09',
  'R10',
  'R11',
  'R12',
  'R20',
  'R21',
  'R22',
  'R23',
  'R24',
] as const;
export const VILLAGE_RULE_IDS = ['V01'] as const;
export const RULE_IDS = [...HOUSEHOLD_RULE_IDS, ...VILLAGE_RULE_IDS] as const;

export type HouseholdRuleId = (typeof HOUSEHOLD_RULE_IDS)[number];
export type VillageRuleId = (typeof VILLAGE_RULE_IDS)[number];
export type RuleId = (typeof RULE_IDS)[number];

/** Categories in the order lists are sorted by (issue 4): 纳入研判 first, 回头看 last. */
export const CATEGORIES = ['纳入研判', '必查', '必核', '必到', '帮扶', '消除', '回头看', '村级'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The category of a finding that says a rule could not be evaluated for a household. */
export const MISSING = '数据缺失';
export type FindingCategory = Category | typeof MISSING;

/** Rank of a category for sorting (数据缺失 last). */
export function categoryRank(c: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i === -1 ? CATEGORIES.length : i;
}

/**
 * What one household looks like to the rules: its register record, aggregates over its 在册
 * members, its incomes of the income year Y and of Y−1, its department alerts and its measures.
 * Counts are 0 (not null) when nothing matches; texts are null when nothing matches.
 */
export interface HouseholdFacts {
  hhNo: string;
  townshipId: number;
  township: string;
  villageId: number;
  village: string;
  /** 户类型 is 脱贫户. */
  lifted: boolean;
  monCategory: string | null;
  /** 监测对象 whose risk is not eliminated. */
  unresolved: boolean;
  /** 监测对象 whose risk is eliminated. */
  eliminated: boolean;
  identifiedMonth: string | null;
  eliminatedMonth: string | null;
  wholeNoLabour: boolean;
  devMeasureStatus: string | null;
  housingUnsafe: boolean;
  schoolDropout: boolean;
  waterUnsafe: boolean;
  uninsured: boolean;
  /** 监测联系人 is filled in. */
  hasContact: boolean;

  // 在册 members
  members: number;
  /** Members with labour capacity (App. B: 普通劳动力, 技能劳动力, 弱劳动力或半劳动力). */
  labour: number;
  /** Members whose 劳动技能 is blank. */
  labourUnknown: number;
  disabled: number;
  /** `姓名（二级肢体残疾）、…` of members with a disability. */
  disabledText: string | null;
  severeDisabled: number;
  severeDisabledText: string | null;
  illnessText: string | null;
  chronicText: string | null;
  /** 失能/半失能 members aged 60 or more on the as-of date. */
  elderCareText: string | null;
  /** Members on 低保 or 特困. */
  welfare: number;
  welfareText: string | null;
  /** Members whose 纳入低保时间 / 纳入特困时间 is on or after 1 January of Y. */
  newWelfareText: string | null;
  /** Members on 低保/特困 whose 纳入低保时间 / 纳入特困时间 is blank. */
  welfareNoSinceText: string | null;
  /** Workers (务工) with fewer than unstableWorkMonths months of work: `姓名 4 个月、…`. */
  unstableWorkers: number;
  unstableWorkersText: string | null;
  /** Workers whose 务工时间（月） is blank. */
  workersNoMonthsText: string | null;

  // incomes of Y (y*) and Y−1 (p*); *Row = a row exists for the year
  yRow: boolean;
  yNet: number | null;
  /** Per-capita net income; null when the row or its 家庭人口数 is missing. */
  yPerCapita: number | null;
  yWage: number | null;
  /** 工资性 + 生产经营性 + 财产性 + 转移性 (before 生产经营性支出). */
  yGross: number | null;
  ySelfPay: number | null;
  yOtherRigid: number | null;
  /** 低保金 + 特困供养金 + 养老保险金 + 计划生育金 + 生态补偿金 (转移性收入 when no sub-item is given). */
  yPolicyTransfer: number | null;
  pRow: boolean;
  pNet: number | null;
  pPerCapita: number | null;

  // department alerts matched to the household (not verified 不属实; dated in Y or later, or undated)
  /** Unresolved alerts (status not 已核实), any date: `医保「大病自付」（已交办）、…`. */
  openAlerts: number;
  openAlertsText: string | null;
  /** Largest 指标值 of a 医保 alert, and its text. */
  medicalAlertMax: number | null;
  medicalAlertText: string | null;
  newWelfareAlertText: string | null;
  unemployedAlertText: string | null;
  housingAlertText: string | null;
  schoolAlertText: string | null;
  waterAlertText: string | null;
  uninsuredAlertText: string | null;
  petitionAlertText: string | null;

  // measures started on or before the as-of date
  measures: number;
  devMeasures: number;
  /** Measures whose 类别 is not 综合保障. */
  nonWelfareMeasures: number;
}

export interface VillageFacts {
  villageId: number;
  village: string;
  townshipId: number;
  township: string;
  households: number;
  lifted: number;
  /** 监测对象 identified since 2021 (or with no 识别监测时间). */
  monitoredSince2021: number;
}

/** Everything a rule needs besides the facts: dates and the policy of the as-of year. */
export interface RuleContext {
  /** YYYY-MM-DD */
  asOf: string;
  asOfYear: number;
  /** Income year Y. */
  incomeYear: number;
  /** Policy of the as-of year. */
  policy: Policy;
  /** R03: the per-capita income at the bottom-share boundary among the county's 脱贫户, and their count. */
  bottom: { cutoff: number; ranked: number } | null;
}

/** What a rule says about one household: a flag, or that it could not be evaluated (数据缺失). */
export interface Finding {
  kind: 'flag' | 'missing';
  evidence: string;
}

interface RuleMeta {
  name: string;
  category: Category;
  /** Register fields read, by their canonical Chinese names. */
  reads: readonly string[];
  /** Policy parameters used (SPEC §4), taken from the as-of year. */
  params: readonly PolicyKey[];
  /** The reading in one Chinese sentence (shown by `fpjc screen --help` and in docs/screening.md). */
  reading: string;
}

export interface HouseholdRule extends RuleMeta {
  id: HouseholdRuleId;
  evaluate(f: HouseholdFacts, c: RuleContext): Finding | null;
}

export interface VillageRule extends RuleMeta {
  id: VillageRuleId;
  evaluate(v: VillageFacts, c: RuleContext): Finding | null;
}

export type Rule = HouseholdRule | VillageRule;
