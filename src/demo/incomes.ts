/**
 * Yearly income and expenditure of a household (2022 and 2023), as the national system records
 * them: components that sum up (财产性 = 分红 + 其他; 转移性 = six items), policy transfers that
 * follow the members (养老金 for 60+, 低保金/特困供养金 from the month of inclusion, 两项补贴 for
 * 重度残疾), and per-capita net income drawn around the income line: most households well
 * above (log-normal, median ~15,000 元), a few percent below 8,300, some falling from 2022.
 */
import { DEMO_INCOME_YEAR, DEMO_PREVIOUS_YEAR } from './dates.js';
import { hasLabour, inSchool, isAway, isSevere, isWorker, type Person } from './family.js';
import { type Household, type IncomeYear, netIncome } from './model.js';
import type { Rng } from './prng.js';

export const INCOME_YEARS = [DEMO_PREVIOUS_YEAR, DEMO_INCOME_YEAR] as const;

export interface IncomePlan {
  /** Per-capita net income targets. */
  p2023?: number;
  p2022?: number;
  /** Hit p2023 exactly (boundary case). */
  exact2023?: boolean;
  /** Share of earned income that is wages. */
  wageShare?: number;
  selfPay2023?: number;
  /** 合规自付 + 其他刚性 of 2023 above the 2022 家庭纯收入 (R04). */
  rigidOverPreviousNet?: boolean;
  typed?: 'ok' | 'net' | 'pc';
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Months of a year covered since a date (`YYYY-MM-DD`), 0 if after the year. */
function monthsCovered(since: string | null, year: number): number {
  if (!since) return 0;
  const y = Number(since.slice(0, 4));
  if (y > year) return 0;
  if (y < year) return 12;
  return 12 - Number(since.slice(5, 7)) + 1;
}

const ageAtYearEnd = (p: Person, year: number): number => year - Number(p.birth.slice(0, 4));

/** Target per-capita net income of the income year, by the household's situation. */
function targetPerCapita(rng: Rng, h: Household): number {
  const m = h.monitoring;
  let p: number;
  if (m && !m.eliminated) p = rng.logNormal(9400, 0.22);
  else if (m) p = rng.logNormal(12800, 0.18);
  else if (h.wholeNoLabour) p = rng.logNormal(10800, 0.25);
  else if (h.type === '脱贫户') p = rng.logNormal(13800, 0.3);
  else p = rng.logNormal(16000, 0.33);
  return Math.round(clamp(p, 3000, 90000));
}

export function householdIncomes(rng: Rng, h: Household, plan: IncomePlan = {}): IncomeYear[] {
  const p2023 = plan.p2023 ?? targetPerCapita(rng, h);
  let growth = clamp(1.065 + 0.07 * rng.normal(), 0.75, 1.35);
  const m = h.monitoring;
  if (m && !m.eliminated && m.identified >= '2023-01') growth = clamp(0.93 + 0.08 * rng.normal(), 0.7, 1.1);
  const p2022 = plan.p2022 ?? Math.round(p2023 / growth);
  // once per household: land rent, dividends, 退耕还林, other small transfers
  const dividend = h.type === '脱贫户' && rng.chance(0.65) ? rng.int(300, 1500) : 0;
  const rent = rng.chance(0.12) ? rng.int(200, 3000) : 0;
  const returnFarm = rng.chance(0.15) ? rng.int(200, 1200) : 0;
  const smallTransfer = rng.chance(0.12) ? rng.int(100, 1500) : 0;
  const workers = h.members.filter(isWorker);
  const labourers = h.members.filter(hasLabour);
  const migrant = workers.some(isAway);
  const wageShare = plan.wageShare ?? (migrant ? rng.range(0.7, 0.95) : rng.range(0.45, 0.85));
  const rows: IncomeYear[] = [];
  for (const year of INCOME_YEARS) {
    const end = `${year}-12-31`;
    const present = h.members.filter((p) => p.birth <= end);
    const size = Math.max(1, present.length);
    const r: IncomeYear = {
      year,
      size,
      wage: 0,
      business: 0,
      dividend: dividend ? Math.round(dividend * (year === 2023 ? 1 : 0.9)) : 0,
      propertyOther: rent ? Math.round(rent * (year === 2023 ? 1 : 0.95)) : 0,
      familyPlanning: 0,
      dibao: 0,
      tekun: 0,
      pension: 0,
      eco: h.forest > 0 ? Math.round(h.forest * rng.range(12, 18)) + returnFarm : returnFarm,
      transferOther: smallTransfer,
      businessCost: 0,
      claims: 0,
      selfPay: 0,
      otherRigid: 0,
      typedNet: null,
      typedPerCapita: null,
    };
    const scale = year === 2023 ? 1 : 0.95;
    for (const p of present) {
      const age = ageAtYearEnd(p, year);
      if (age >= 60) r.pension += 12 * Math.round(rng.int(150, 210) * scale);
      if (p.familyPlanning && age >= 60) r.familyPlanning += 960;
      const dm = monthsCovered(p.dibao !== '未享受' ? p.dibaoSince : null, year);
      if (dm > 0) r.dibao += dm * Math.round(rng.int(280, 420) * scale);
      // on 低保 only from a later year: a 临时救助 while it was approved (no draw)
      else if (p.dibao !== '未享受' && (p.dibaoSince ?? '') > `${year}-12-31`) r.transferOther += 500;
      const tm = monthsCovered(p.tekun ? p.tekunSince : null, year);
      if (tm > 0) r.tekun += tm * Math.round(rng.int(650, 800) * scale);
      if (isSevere(p)) r.transferOther += 12 * rng.int(80, 100);
      // medical self-pay and other rigid spending
      if (p.ill) r.selfPay += Math.round(clamp(rng.logNormal(9000, 0.7), 1500, 90000));
      else if (p.chronic && rng.chance(0.6)) r.selfPay += rng.int(300, 3000);
      else if (rng.chance(0.08)) r.selfPay += rng.int(100, 1500);
      if (inSchool(p)) {
        if (p.stage === 'senior' || p.stage === 'vocational') r.otherRigid += rng.int(2000, 5000);
        else if (p.stage === 'college' || p.stage === 'postgrad') r.otherRigid += rng.int(6000, 15000);
      }
    }
    if (r.selfPay > 5000 && present.some((p) => p.ill) && rng.chance(0.4)) {
      r.claims = Math.round(r.selfPay * rng.range(0.2, 0.6));
    }
    if (m?.risks.includes('因自然灾害') && Number(m.identified.slice(0, 4)) === year) {
      r.otherRigid += rng.int(3000, 20000);
    }
    // earned income: whatever brings the household to its target
    const perCapita = year === 2023 ? p2023 : p2022;
    const fixed =
      r.dividend + r.propertyOther + r.familyPlanning + r.dibao + r.tekun + r.pension + r.eco + r.transferOther;
    let earned = Math.round(perCapita * size) - fixed;
    if (earned < 0) {
      if (plan.exact2023 && year === 2023) throw new Error('demo: exact income target below transfers');
      earned = Math.round(h.arable * rng.range(100, 300));
    }
    let wage = 0;
    let support = 0;
    if (workers.length > 0) wage = Math.round(earned * wageShare);
    else if (labourers.length > 0) wage = Math.round(earned * rng.range(0, 0.2));
    else support = Math.round(earned * rng.range(0.55, 0.9)); // 赡养费 from children living elsewhere
    if (wage < 100) wage = 0; // a few 元 of wages would read as a unit mistake
    const businessNet = earned - wage - support;
    const cost = businessNet > 0 ? Math.round(businessNet * rng.range(0.35, 0.9)) : 0;
    r.wage = wage;
    r.business = businessNet + cost;
    r.businessCost = cost;
    r.transferOther += support;
    rows.push(r);
  }
  const [r22, r23] = rows as [IncomeYear, IncomeYear];
  // a household at risk through illness pays something for it
  if (m?.risks.includes('因病')) for (const r of rows) if (r.selfPay === 0) r.selfPay = 600;
  if (plan.selfPay2023 !== undefined) {
    r23.selfPay = plan.selfPay2023;
    r23.claims = 0;
  }
  if (plan.rigidOverPreviousNet) {
    const prev = netIncome(r22);
    r23.selfPay = Math.ceil(prev * 0.8);
    r23.otherRigid = Math.ceil(prev * 0.35);
  }
  // a few households type their own figures, always right (the wrong ones are planted: TYPED_MISMATCH_*);
  // the draws are those of earlier demos, so the county stays as it was
  let typed = plan.typed ?? null;
  if (plan.typed === undefined && rng.chance(0.01)) {
    if (!rng.chance(0.97)) rng.chance(0.5);
    typed = 'ok';
  }
  if (typed) {
    for (const r of rows) {
      const net = netIncome(r);
      r.typedNet = net;
      r.typedPerCapita = round2(net / r.size);
    }
    if (typed === 'net') {
      r23.typedNet = netIncome(r23) + 1000;
      r23.typedPerCapita = round2(r23.typedNet / r23.size);
    } else if (typed === 'pc') {
      r23.typedPerCapita = round2(netIncome(r23) / (r23.size + 1));
    }
  }
  return rows;
}
