import type { Policy, PolicyKey } from '../domain/policy.js';
import type { SchoolStage } from '../domain/vocab.js';

/**
 * Types of the data-quality rules (issue 11, SPEC §10). A rule is a declarative module like the
 * screening rules: id, Chinese name, family, severity, the register fields it reads, its
 * thresholds, its reading in one Chinese sentence, and a pure check over one household's records
 * (or one village's statistics). The records are loaded set-based, a village at a time, by
 * src/register/quality-repo.ts; rules never touch the register.
 */

/** Families of the reference inventory (docs/quality.md); the order of `--list` and of the counts. */
export const FAMILIES = {
  A: '身份与证件',
  B: '家庭结构',
  C: '收入合理性',
  D: '年龄与在校、劳动、健康',
  E1: '风险类型与帮扶措施',
  E2: '风险类型与家庭实际',
  E3: '帮扶措施与劳动力、享受政策',
  F: '风险消除',
  G: '电话与重复',
  H: '务工监测',
  I1: '必填项为空',
  I2: '三保障、饮水与参保',
  I3: '土地、住房、道路数值',
  I4: '公益性岗位',
  I5: '村级信息',
} as const;
export type Family = keyof typeof FAMILIES;
export const FAMILY_IDS = Object.keys(FAMILIES) as Family[];

/** 错误: the record contradicts itself or the rules; 疑点: worth a look. */
export type Severity = '错误' | '疑点';

export interface QWork {
  working: boolean | null;
  county: string | null;
  channel: string | null;
  company: string | null;
  industry: string | null;
  monthlyWage: number | null;
  /** YYYY-MM, '' when blank */
  start: string;
  end: string | null;
}

export interface QMember {
  idNo: string;
  idType: string | null;
  cardNo: string | null;
  personNo: string | null;
  name: string;
  sex: string | null;
  /** YYYY-MM-DD */
  birth: string | null;
  /** Whole years on the as-of date. */
  age: number | null;
  /** Whole years on 1 September of the school year the as-of date falls in. */
  schoolYearAge: number | null;
  ethnicity: string | null;
  relation: string;
  education: string | null;
  school: string | null;
  stage: SchoolStage | null;
  outOfSchoolReason: string | null;
  health: string | null;
  disabilityType: string | null;
  disabilityGrade: string | null;
  /** Canonical 劳动技能, or the stored text when it is not in the vocabulary; null when blank. */
  labour: string | null;
  workStatus: string | null;
  workMonths: number | null;
  workPlace: string | null;
  phone: string | null;
  medical: boolean | null;
  staffMedical: boolean | null;
  illness: boolean | null;
  pension: boolean | null;
  staffPension: boolean | null;
  dibao: string | null;
  /** 纳入低保时间 / 纳入特困时间, YYYY-MM-DD (not in the national export). */
  dibaoSince: string | null;
  tekunSince: string | null;
  tekun: boolean | null;
  publicPost: string | null;
  publicPostMonths: number | null;
  channel: string | null;
  work: QWork[];
  plan: { planWork: boolean | null; planOutside: boolean | null; county: string | null; need: string | null } | null;
}

export interface QIncome {
  year: number;
  size: number | null;
  wage: number | null;
  business: number | null;
  property: number | null;
  transfer: number | null;
  dibaoMoney: number | null;
  tekunMoney: number | null;
  businessCost: number | null;
  selfPay: number | null;
  typedNet: number | null;
  typedPerCapita: number | null;
  /** Derived 家庭纯收入 and 人均纯收入 (SPEC §3). */
  net: number;
  perCapita: number | null;
}

export interface QSnapshot {
  month: string;
  schoolDropout: boolean | null;
  housingDamaged: boolean | null;
  uninsured: boolean | null;
  waterDamaged: boolean | null;
  net: number | null;
  perCapita: number | null;
}

export interface QHousehold {
  hhNo: string;
  townshipId: number;
  township: string;
  villageId: number;
  village: string;
  type: string;
  headName: string | null;
  headIdNo: string | null;
  sizeDeclared: number | null;
  phone: string | null;
  wholeNoLabour: boolean | null;
  devStatus: string | null;
  housingUnsafe: boolean | null;
  schoolDropout: boolean | null;
  waterUnsafe: boolean | null;
  uninsured: boolean | null;
  dangerousHouse: boolean | null;
  electricity: boolean | null;
  roadHardened: boolean | null;
  housingArea: number | null;
  land: {
    arable: number | null;
    forest: number | null;
    returned: number | null;
    orchard: number | null;
    grass: number | null;
    water: number | null;
    road: number | null;
  };
  monCategory: string | null;
  risks: string[];
  disasterSub: string | null;
  /** YYYY-MM */
  identified: string | null;
  eliminated: boolean;
  method: string | null;
  eliminatedMonth: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  /** Incomes by year. */
  incomes: Map<number, QIncome>;
  /** The latest income year not after the as-of year. */
  income: QIncome | null;
  /** Measure 类别 → the contents registered under it (started on or before the as-of date). */
  measures: Map<string, string[]>;
  snapshot: QSnapshot | null;
  /** 在册 members, 户主 first, then by 证件号码. */
  members: QMember[];
}

export interface QVillage {
  villageId: number;
  village: string;
  township: string;
  townshipId: number;
  /** Households of the village in the register. */
  registered: number;
  exited: boolean | null;
  households: number | null;
  population: number | null;
  collectiveIncome: number | null;
  counts: Record<string, number | null>;
  pavedRoad: boolean | null;
  waterUnsafe: number | null;
  dangerous: number | null;
  dibaoHouseholds: number | null;
  dibaoPeople: number | null;
}

/** What the rules know beyond one household: dates, policy, and register-wide aggregates. */
export interface QualityContext {
  /** YYYY-MM-DD */
  asOf: string;
  /** Policy of a year (the as-of year's, or another one's for a dated fact). */
  policy(year: number): Policy;
  countyName: string;
  /** Phones used by more than one household → those households (户联系电话 and 家庭成员联系电话). */
  sharedPhones: ReadonlyMap<string, readonly string[]>;
  /** A household whose 户主证件号码 is a 在册 member of another household → that household. */
  headElsewhere: ReadonlyMap<string, string>;
  /** 人编号 used in more than one household → those households. */
  sharedPersonNo: ReadonlyMap<string, readonly string[]>;
  /** Register columns filled in for at least one record: completeness rules only judge what the county collects. */
  collected: ReadonlySet<string>;
}

/** One problem a rule found: the member it concerns (if any) and the message with the values. */
export interface Hit {
  member?: QMember;
  message: string;
}

export interface RuleMeta {
  id: string;
  name: string;
  family: Family;
  severity: Severity;
  /** Register fields read, by their canonical Chinese names. */
  reads: readonly string[];
  /** Thresholds in the rule's reading (where a county may see it differently). */
  thresholds?: Readonly<Record<string, number | string>>;
  /** Yearly policy parameters used (SPEC §4). */
  params?: readonly PolicyKey[];
  /** The exact reading in Chinese (docs/quality.md, `fpjc check --list`). */
  reading: string;
}

export interface HouseholdRule extends RuleMeta {
  scope: 'household';
  check(h: QHousehold, c: QualityContext): Hit[];
}

export interface VillageRule extends RuleMeta {
  scope: 'village';
  check(v: QVillage, c: QualityContext): string | null;
}

export type QualityRule = HouseholdRule | VillageRule;
