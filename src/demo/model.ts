/** Records of the demo county, before they become rows of the import files. */
import type { Village } from './county.js';
import type { Person } from './family.js';
import type { Scenario } from './scenarios.js';

export interface Monitoring {
  category: '脱贫不稳定户' | '边缘易致贫户' | '突发严重困难户';
  risks: string[];
  disasterSub: string | null;
  /** `YYYY-MM`. */
  identified: string;
  eliminated: { month: string; method: '帮扶消除' | '自然消除' } | null;
  contact: { name: string; phone: string } | null;
}

export interface IncomeYear {
  year: number;
  size: number;
  wage: number;
  business: number;
  dividend: number;
  propertyOther: number;
  familyPlanning: number;
  dibao: number;
  tekun: number;
  pension: number;
  eco: number;
  transferOther: number;
  businessCost: number;
  claims: number;
  selfPay: number;
  otherRigid: number;
  typedNet: number | null;
  typedPerCapita: number | null;
}

export interface Measure {
  memberId: string | null;
  category: string;
  content: string;
  amount: number | null;
  start: string;
  end: string | null;
}

export interface Alert {
  dept: string;
  idNo: string;
  name: string;
  type: string;
  value: number | null;
  date: string;
  detail: string;
  township: string;
  village: string;
  hhNo: string | null;
}

export interface Household {
  /** 0-based over the county. */
  index: number;
  hhNo: string;
  village: Village;
  natural: string;
  grid: string;
  type: '脱贫户' | '一般农户';
  /** 户主 first. */
  members: Person[];
  phone: string;
  relocated: boolean;
  wholeNoLabour: boolean;
  doudi: boolean;
  devStatus: '已实施' | '尚未实施' | null;
  housing: boolean;
  dropout: boolean;
  water: boolean;
  uninsured: boolean;
  arable: number;
  forest: number;
  road: number;
  monitoring: Monitoring | null;
  incomes: IncomeYear[];
  measures: Measure[];
  alerts: Alert[];
  scenario: Scenario | null;
}

/** 家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 (SPEC §3). */
export function netIncome(r: IncomeYear): number {
  return (
    r.wage +
    r.business +
    r.dividend +
    r.propertyOther +
    r.familyPlanning +
    r.dibao +
    r.tekun +
    r.pension +
    r.eco +
    r.transferOther -
    r.businessCost
  );
}

export const transferIncome = (r: IncomeYear): number =>
  r.familyPlanning + r.dibao + r.tekun + r.pension + r.eco + r.transferOther;

export const propertyIncome = (r: IncomeYear): number => r.dividend + r.propertyOther;
