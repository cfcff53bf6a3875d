/**
 * Data-quality problems planted in the demo county for `fpjc check` (issue 11): one household per
 * problem (scenario `Q_…`, placed like every scenario), changed after it is generated without a
 * random draw, so the rest of the county stays as it was. Everything else in the demo follows the
 * rules' readings (docs/quality.md), so a check of the demo finds exactly `EXPECTED_FINDINGS`:
 * the planted problems, and the screening scenarios that are data-quality problems too.
 */
import { isInSchool } from '../domain/vocab.js';
import { hasLabour, isWorker, type Person } from './family.js';
import type { Household } from './model.js';
import type { Scenario } from './scenarios.js';

export const QUALITY_SCENARIOS = [
  'Q_DISABLED_ID_CARD', // Q04 健康状况 残疾, 证件类型 居民身份证
  'Q_SAME_SEX_SPOUSE', // Q10 户主 and 配偶 of the same sex (an adult child recorded as 配偶)
  'Q_RELATION_SEX', // Q11 a daughter recorded as 之子
  'Q_TINY_WAGE', // Q19 工资性收入 50 元
  'Q_RICH_AT_ID', // Q22 identified in 2023 with a 2022 per-capita income over 20,000
  'Q_ILL_NO_SELFPAY', // Q23 因病, 合规自付支出 0
  'Q_PRESCHOOL_8', // Q26 a primary-school-age child still 学前教育
  'Q_NOT_IN_SCHOOL', // Q33 a compulsory-age child with 在校生状况 blank and no reason
  'Q_WEAK_HEALTHY', // Q35 a healthy working-age adult 弱劳动力或半劳动力
  'Q_CHILD_LABOUR', // Q36 a child with 普通劳动力
  'Q_TEKUN_HEALTHY', // Q38 a healthy working-age adult on 特困供养
  'Q_ILL_NO_HEALTH_MEASURE', // Q46 因病 without 健康帮扶 or 社会帮扶
  'Q_LACK_LABOUR', // Q60 缺劳动力 with most members able to work
  'Q_DISASTER_NO_SUB', // Q64 因自然灾害 without 子项
  'Q_DOUDI_WITH_LABOUR', // Q79 marked 整户无劳动能力兜底保障户 with labour
  'Q_ELIM_NEXT_MONTH', // Q81 eliminated the month after identification
  'Q_CONTACT_LANDLINE', // Q93 监测联系人电话 a landline
  'Q_WAGE_50000', // Q97 务工月收入 50,000
  'Q_WORK_PROVINCE_ONLY', // Q98 务工所在县 a province
  'Q_WORK_OVERLAP', // Q100 two overlapping 务工 periods
  'Q_NO_LABOUR_WORKER', // Q102 a worker recorded 丧失劳动力
  'Q_NO_ETHNICITY', // Q109 民族 blank
  'Q_DOUBLE_MEDICAL', // Q120 both 城乡居民 and 城镇职工 基本医疗保险
  'Q_BIG_FARM', // Q125 耕地面积 150 亩
  'Q_POST_NO_MONTHS', // Q133 公益性岗位 without 月数
  'Q_VILLAGE_BLANK', // Q141 the village's 行政村卫生室个数 left blank (a village finding)
] as const;
export type QualityScenario = (typeof QUALITY_SCENARIOS)[number];

/** The rules a check of the demo finds on each scenario's household (or village, for Q_VILLAGE_BLANK). */
export const EXPECTED_FINDINGS: Partial<Record<Scenario, readonly string[]>> = {
  Q_DISABLED_ID_CARD: ['Q04'],
  Q_SAME_SEX_SPOUSE: ['Q10'],
  Q_RELATION_SEX: ['Q11'],
  Q_TINY_WAGE: ['Q19'],
  Q_RICH_AT_ID: ['Q22'],
  Q_ILL_NO_SELFPAY: ['Q23'],
  Q_PRESCHOOL_8: ['Q26'],
  Q_NOT_IN_SCHOOL: ['Q33'],
  Q_WEAK_HEALTHY: ['Q35'],
  Q_CHILD_LABOUR: ['Q36'],
  Q_TEKUN_HEALTHY: ['Q38'],
  Q_ILL_NO_HEALTH_MEASURE: ['Q46'],
  Q_LACK_LABOUR: ['Q60'],
  Q_DISASTER_NO_SUB: ['Q64'],
  Q_DOUDI_WITH_LABOUR: ['Q79'],
  Q_ELIM_NEXT_MONTH: ['Q81'],
  Q_CONTACT_LANDLINE: ['Q93'],
  Q_WAGE_50000: ['Q97'],
  Q_WORK_PROVINCE_ONLY: ['Q98'],
  Q_WORK_OVERLAP: ['Q100'],
  Q_NO_LABOUR_WORKER: ['Q102'],
  Q_NO_ETHNICITY: ['Q109'],
  Q_DOUBLE_MEDICAL: ['Q120'],
  Q_BIG_FARM: ['Q125'],
  Q_POST_NO_MONTHS: ['Q133'],
  Q_VILLAGE_BLANK: ['Q141'],
  // screening scenarios that are data-quality problems as well
  ELIM_NO_CONTACT: ['Q84'],
  R23_HOUSING: ['Q86', 'Q88'],
  R24_TRANSFERS: ['Q89'],
  R20_NO_DEV: ['Q75'],
  R21_ONLY_WELFARE: ['Q74', 'Q75'],
  // (the few households with a 三保障/饮水 problem scattered at random, as screening leads, are Q122 too)
  HOUSING: ['Q122'],
  DROPOUT: ['Q122'],
  WATER: ['Q122'],
  TYPED_MISMATCH_NET: ['Q18'], // the national export carries 人均纯收入 only
  TYPED_MISMATCH_PC: ['Q18'],
  DUP_PHONE: ['Q95'],
};

/**
 * Rules that also find leads the demo scatters at random for screening, on any household: a few
 * 三保障/饮水 problems not yet monitored (R09 → Q122) and 监测对象 with labour but no 开发式 measure
 * (R20 → Q75).
 */
export const RANDOM_LEADS: readonly string[] = ['Q122', 'Q75'];

/** Export-time changes for one member (read by src/demo/national.ts). */
export interface PersonPlant {
  /** Export the ID card, not the 残疾人证. */
  noCard?: boolean;
  monthlyWage?: number;
  workCounty?: string;
  /** The 务工 period is still running (no 结束时间). */
  ongoing?: boolean;
  /** An earlier 务工 period that overlaps the main one. */
  overlap?: boolean;
  staffMedical?: boolean;
}

const plants = new WeakMap<Person, PersonPlant>();
export const plantOf = (p: Person): PersonPlant | undefined => plants.get(p);
const plant = (p: Person, x: PersonPlant): void => {
  plants.set(p, { ...plants.get(p), ...x });
};

const healthyAdult = (p: Person): boolean =>
  p.age >= 18 && p.age < 60 && p.health === '健康' && !isInSchool(p.school) && hasLabour(p);

/** What a scenario needs of the family drafts (ages), checked before the members are made. */
export function qualityNeeds(sc: Scenario, ages: readonly number[]): boolean {
  switch (sc) {
    case 'Q_PRESCHOOL_8':
      return ages.some((a) => a >= 8 && a <= 10);
    case 'Q_NOT_IN_SCHOOL':
    case 'Q_CHILD_LABOUR':
      return ages.some((a) => a >= 8 && a <= 14);
    case 'Q_RELATION_SEX':
      return ages.length >= 3;
    default:
      return true;
  }
}

/** Applies a planted problem to a generated household. */
export function plantQuality(h: Household, sc: Scenario): void {
  const ms = h.members;
  const adult = (): Person => ms.find(healthyAdult) ?? ms[0]!;
  switch (sc) {
    case 'Q_DISABLED_ID_CARD': {
      const p = adult();
      Object.assign(p, { disabled: true, disabilityType: '听力残疾', disabilityGrade: '四级', health: '残疾' });
      plant(p, { noCard: true });
      break;
    }
    case 'Q_SAME_SEX_SPOUSE': {
      const head = ms[0]!;
      const c = ms.find((p) => p !== head && p.sex === head.sex && p.age >= 18 && p.relation.startsWith('之'));
      if (c) c.relation = '配偶';
      break;
    }
    case 'Q_RELATION_SEX': {
      const girl = ms.find((p) => p.relation === '之女');
      if (girl) girl.relation = '之子';
      break;
    }
    case 'Q_TINY_WAGE':
      for (const r of h.incomes) {
        r.business += r.wage - 50;
        r.wage = 50;
      }
      break;
    case 'Q_ILL_NO_SELFPAY':
      for (const r of h.incomes) r.selfPay = 0;
      break;
    case 'Q_PRESCHOOL_8': {
      const c = ms.find((p) => p.age >= 8 && p.age <= 10)!;
      Object.assign(c, { school: '学前教育', stage: 'preschool', education: null });
      break;
    }
    case 'Q_NOT_IN_SCHOOL': {
      const c = ms.find((p) => p.age >= 8 && p.age <= 14)!;
      Object.assign(c, { school: '', stage: 'none', education: null });
      break;
    }
    case 'Q_WEAK_HEALTHY':
      adult().labour = '弱劳动力或半劳动力';
      break;
    case 'Q_CHILD_LABOUR':
      ms.find((p) => p.age >= 8 && p.age <= 14)!.labour = '普通劳动力';
      break;
    case 'Q_TEKUN_HEALTHY': {
      const p = ms.find((x) => healthyAdult(x) && !isWorker(x)) ?? adult();
      Object.assign(p, { tekun: true, tekunSince: '2020-03-01' });
      for (const r of h.incomes) r.tekun += 12 * 700;
      break;
    }
    case 'Q_ILL_NO_HEALTH_MEASURE':
      h.measures = h.measures.filter((m) => m.category !== '健康帮扶' && m.category !== '社会帮扶');
      break;
    case 'Q_DOUDI_WITH_LABOUR':
      h.doudi = true;
      break;
    case 'Q_CONTACT_LANDLINE':
      if (h.monitoring?.contact) h.monitoring.contact = { ...h.monitoring.contact, phone: '0354-3021234' };
      break;
    case 'Q_WAGE_50000':
      plant(ms.find(isWorker)!, { monthlyWage: 50000 });
      break;
    case 'Q_WORK_PROVINCE_ONLY':
      plant(ms.find(isWorker)!, { workCounty: '广东省', ongoing: true });
      break;
    case 'Q_WORK_OVERLAP':
      plant(ms.find(isWorker)!, { overlap: true });
      break;
    case 'Q_NO_LABOUR_WORKER': {
      const w = ms.find(isWorker)!;
      Object.assign(w, { chronic: true, health: '长期慢性病', labour: '丧失劳动力' });
      plant(w, { ongoing: true });
      break;
    }
    case 'Q_NO_ETHNICITY':
      ms[ms.length - 1]!.ethnicity = '';
      break;
    case 'Q_DOUBLE_MEDICAL':
      plant(ms[0]!, { staffMedical: true });
      break;
    case 'Q_BIG_FARM':
      h.arable = 150;
      break;
    case 'Q_POST_NO_MONTHS': {
      const p = adult();
      p.publicPost = '护林员';
      p.publicPostMonths = null;
      break;
    }
    default:
      break;
  }
}
