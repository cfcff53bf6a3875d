/**
 * Edge cases the screening rules, the data-quality checks and the tests look for. Each one is
 * planted in one household at a fixed position (spread over the county, never in the V01
 * village), so even a 100-household demo county has every case; bigger counties have many more
 * of most of them by chance.
 */
import type { County } from './county.js';
import { QUALITY_SCENARIOS } from './quality-plants.js';

export const SCENARIOS = [
  'MON_RED', // unresolved 脱贫不稳定户 identified ≥ 12 months before the as-of date (red)
  'MON_YELLOW', // unresolved 边缘易致贫户, 6–12 months (yellow), 因务工就业不稳
  'MON_BLUE', // unresolved 突发严重困难户, < 6 months (blue), 因意外事故
  'MON_DISASTER', // 因自然灾害 (洪涝) with an 应急 alert
  'MON_MANY_RISKS', // five risk types
  'ELIM_VISIT_DUE', // eliminated ≥ 6 months ago: 回访 due
  'ELIM_RECENT', // eliminated 2 months ago: no 回访 yet
  'ELIM_NATURAL', // 自然消除
  'ELIM_NO_CONTACT', // eliminated without 监测联系人 (data-quality edge)
  'R23_INCOME', // eliminated, 2023 income fell below the line
  'R23_HOUSING', // eliminated, housing problem again (+ 住建 alert)
  'R24_TRANSFERS', // eliminated, no labour, living mainly on transfers
  'R12_NO_COVER', // whole household without labour and without 低保/特困
  'DOUDI', // monitored 整户无劳动能力兜底保障户 (特困)
  'R20_NO_DEV', // unresolved with labour, > 6 months, no 开发式 measure
  'R21_ONLY_WELFARE', // unresolved with labour, only 综合保障 (一兜了之)
  'R22_SHOULD_ELIM', // unresolved but meets every elimination condition (应消未消)
  'HOUSING', // 是否住房出现安全问题 = 是 (+ 住建 alert)
  'DROPOUT', // a 14-year-old out of school (+ 教育 alert)
  'WATER', // 是否饮水出现安全问题 = 是 (+ 水利 alert)
  'UNINSURED', // a member without basic medical insurance (+ 医保 alert)
  'AGE_59', // a member exactly 59 on the as-of date
  'AGE_60', // a member exactly 60 on the as-of date
  'WORK_6', // wage-dominated, a worker with exactly 6 months
  'WORK_5', // wage-dominated, a worker with exactly 5 months
  'INCOME_8300', // 2023 per-capita net income exactly 8300
  'INCOME_FALL', // income lower than 2022, still above the line
  'LOW_INCOME', // below the line, not monitored (R01)
  'SELFPAY_10000', // 合规自付支出 exactly 10000
  'SELFPAY_BIG', // big self-pay + 医保 alert
  'R04_RIGID', // 合规自付 + 其他刚性 > previous year's 家庭纯收入
  'DIBAO_NEW', // a member on 低保 since 2023 (+ 民政 alert)
  'TEKUN_NEW', // 特困 since 2024 (+ 民政 alert)
  'SEVERE_DISABLED', // 一级 disability (+ 残联 alert)
  'DISABLED_CARE', // 失能 elder
  'LEFT_BEHIND', // 留守儿童
  'UNEMPLOYED', // short work + 人社 unemployment alert
  'TYPED_OK', // typed 家庭纯收入/人均纯收入 that agree
  'TYPED_OK_2',
  'TYPED_MISMATCH_NET', // typed 家庭纯收入 that disagrees
  'TYPED_MISMATCH_PC', // typed 人均纯收入 that disagrees
  'DUP_PHONE', // same 联系电话 as another household
  'BORN_ELSEWHERE', // head's ID from another province
  ...QUALITY_SCENARIOS, // data-quality problems for `fpjc check` (src/demo/quality-plants.ts)
] as const;

export type Scenario = (typeof SCENARIOS)[number];

/** Global household index → scenario, spread evenly over the county outside the V01 village. */
export function placeScenarios(county: County): Map<number, Scenario> {
  const v01 = county.villages[county.noMonitoringVillage]!;
  const skipFrom = v01.firstHousehold;
  const skipTo = v01.firstHousehold + v01.households; // exclusive
  const usable = county.households - v01.households;
  const out = new Map<number, Scenario>();
  const list = SCENARIOS.slice(0, Math.max(0, usable - 1));
  list.forEach((s, i) => {
    // 1 + …: never the first household (DUP_PHONE needs one before it)
    let pos = 1 + Math.floor(((i + 0.5) * (usable - 1)) / list.length);
    if (pos >= skipFrom) pos += skipTo - skipFrom;
    out.set(pos, s);
  });
  return out;
}
