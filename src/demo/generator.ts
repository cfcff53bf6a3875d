/**
 * The demo county generator: deterministic for a seed, one village at a time (memory does not
 * grow with the county). `DemoGenerator.villages()` yields each village's households with their
 * members, incomes, measures and department alerts; turning them into file rows is rows.ts.
 */
import { type AlertForce, alertDate, householdAlerts, medicalAlert } from './alerts.js';
import { buildCounty, type County, type Village } from './county.js';
import { addMonths, DEMO_AS_OF, monthsBetween } from './dates.js';
import {
  birthForAge,
  birthRegion,
  type Draft,
  familyDrafts,
  hasLabour,
  isAway,
  isSevere,
  isWorker,
  otherProvinceRegion,
  type Person,
  personFrom,
  pickEthnicity,
  rederive,
  setHealth,
  setWork,
  TEMPLATES,
  type Template,
} from './family.js';
import { IdAllocator, PhoneAllocator } from './ids.js';
import { householdIncomes, type IncomePlan } from './incomes.js';
import { householdMeasures, isDev, type MeasureMode } from './measures.js';
import type { Alert, Household, Monitoring } from './model.js';
import { fullName, pickSurname } from './names.js';
import { Rng } from './prng.js';
import { plantQuality, qualityNeeds } from './quality-plants.js';
import { placeScenarios, type Scenario } from './scenarios.js';

export interface DemoSpec {
  households: number;
  seed: number;
  countyCode: string;
  countyName: string;
}

export interface VillageBatch {
  village: Village;
  households: Household[];
  /** Department alerts about people who are not in the register (应纳尽纳). */
  unmatchedAlerts: Alert[];
}

type MonitorPlan = Omit<Monitoring, 'risks' | 'disasterSub' | 'contact'> & {
  risks?: string[];
  disasterSub?: string;
  noContact?: boolean;
};

const TEMPLATE_OF: Partial<Record<Scenario, Template>> = {
  R12_NO_COVER: 'elderCouple',
  R24_TRANSFERS: 'elderCouple',
  DISABLED_CARE: 'elderCouple',
  DOUDI: 'singleElder',
  TEKUN_NEW: 'singleElder',
  LEFT_BEHIND: 'threeGenSon',
  DROPOUT: 'nuclear',
  MON_MANY_RISKS: 'nuclear',
  MON_RED: 'nuclear',
  MON_YELLOW: 'nuclear',
  R20_NO_DEV: 'nuclear',
  R21_ONLY_WELFARE: 'nuclear',
  R22_SHOULD_ELIM: 'nuclear',
  R23_INCOME: 'nuclear',
  WORK_6: 'nuclear',
  WORK_5: 'nuclear',
  UNEMPLOYED: 'nuclear',
  AGE_59: 'nuclear',
  AGE_60: 'nuclear',
  INCOME_8300: 'nuclear',
  SELFPAY_10000: 'nuclear',
  SELFPAY_BIG: 'nuclear',
  R04_RIGID: 'nuclear',
  DIBAO_NEW: 'nuclear',
  SEVERE_DISABLED: 'nuclear',
  UNINSURED: 'nuclear',
  ELIM_VISIT_DUE: 'nuclear',
  ELIM_RECENT: 'nuclear',
  ELIM_NATURAL: 'nuclear',
  ELIM_NO_CONTACT: 'nuclear',
  R23_HOUSING: 'nuclear',
  Q_RICH_AT_ID: 'nuclear',
  Q_DISASTER_NO_SUB: 'nuclear',
  Q_CONTACT_LANDLINE: 'nuclear',
  Q_SAME_SEX_SPOUSE: 'singleParent',
  Q_RELATION_SEX: 'nuclear',
  Q_PRESCHOOL_8: 'nuclear',
  Q_NOT_IN_SCHOOL: 'nuclear',
  Q_CHILD_LABOUR: 'nuclear',
  Q_ILL_NO_SELFPAY: 'nuclear',
  Q_ILL_NO_HEALTH_MEASURE: 'nuclear',
  Q_LACK_LABOUR: 'nuclear',
  Q_ELIM_NEXT_MONTH: 'nuclear',
  Q_WAGE_50000: 'nuclear',
  Q_WORK_PROVINCE_ONLY: 'nuclear',
  Q_WORK_OVERLAP: 'nuclear',
  Q_NO_LABOUR_WORKER: 'nuclear',
  Q_DOUDI_WITH_LABOUR: 'nuclear',
  Q_WEAK_HEALTHY: 'nuclear',
  Q_TEKUN_HEALTHY: 'nuclear',
  Q_POST_NO_MONTHS: 'nuclear',
  Q_DISABLED_ID_CARD: 'nuclear',
  Q_TINY_WAGE: 'nuclear',
};

/**
 * Scenarios whose household needs a healthy working-age head (25–55): eliminated households
 * that must not be 整户无劳动能力 (eliminating those is itself a finding, Q89), and planted
 * problems about a worker or a household with labour.
 */
const HEALTHY_HEAD = new Set<Scenario>([
  'ELIM_VISIT_DUE',
  'ELIM_RECENT',
  'ELIM_NATURAL',
  'ELIM_NO_CONTACT',
  'R23_INCOME',
  'R23_HOUSING',
  'Q_RICH_AT_ID',
  'Q_ILL_NO_SELFPAY',
  'Q_ILL_NO_HEALTH_MEASURE',
  'Q_LACK_LABOUR',
  'Q_DISASTER_NO_SUB',
  'Q_DOUDI_WITH_LABOUR',
  'Q_ELIM_NEXT_MONTH',
  'Q_CONTACT_LANDLINE',
  'Q_WAGE_50000',
  'Q_WORK_PROVINCE_ONLY',
  'Q_WORK_OVERLAP',
  'Q_NO_LABOUR_WORKER',
  'Q_WEAK_HEALTHY',
  'Q_TEKUN_HEALTHY',
  'Q_POST_NO_MONTHS',
  'Q_DISABLED_ID_CARD',
  'Q_TINY_WAGE',
]);
const WORKER_HEAD = new Set<Scenario>(['Q_WAGE_50000', 'Q_WORK_PROVINCE_ONLY', 'Q_WORK_OVERLAP', 'Q_NO_LABOUR_WORKER']);
const ILL_SECOND = new Set<Scenario>(['Q_ILL_NO_SELFPAY', 'Q_ILL_NO_HEALTH_MEASURE']);

const MONITOR_OF: Partial<Record<Scenario, MonitorPlan>> = {
  MON_RED: { category: '脱贫不稳定户', identified: '2022-04', eliminated: null },
  MON_YELLOW: { category: '边缘易致贫户', identified: '2023-08', eliminated: null, risks: ['因务工就业不稳'] },
  MON_BLUE: { category: '突发严重困难户', identified: '2024-02', eliminated: null, risks: ['因意外事故'] },
  MON_DISASTER: {
    category: '突发严重困难户',
    identified: '2023-07',
    eliminated: null,
    risks: ['因自然灾害'],
    disasterSub: '洪涝',
  },
  MON_MANY_RISKS: {
    category: '边缘易致贫户',
    identified: '2022-11',
    eliminated: null,
    risks: ['因病', '因残', '因学', '因意外事故', '其他'],
  },
  ELIM_VISIT_DUE: {
    category: '脱贫不稳定户',
    identified: '2021-06',
    eliminated: { month: '2022-06', method: '帮扶消除' },
  },
  ELIM_RECENT: {
    category: '边缘易致贫户',
    identified: '2023-03',
    eliminated: { month: '2024-03', method: '帮扶消除' },
  },
  ELIM_NATURAL: {
    category: '突发严重困难户',
    identified: '2022-08',
    eliminated: { month: '2023-05', method: '自然消除' },
  },
  Q_RICH_AT_ID: { category: '边缘易致贫户', identified: '2023-06', eliminated: null, risks: ['因意外事故'] },
  Q_ILL_NO_SELFPAY: { category: '脱贫不稳定户', identified: '2023-03', eliminated: null, risks: ['因病'] },
  Q_ILL_NO_HEALTH_MEASURE: { category: '脱贫不稳定户', identified: '2023-01', eliminated: null, risks: ['因病'] },
  Q_LACK_LABOUR: { category: '边缘易致贫户', identified: '2023-09', eliminated: null, risks: ['缺劳动力'] },
  Q_DISASTER_NO_SUB: { category: '突发严重困难户', identified: '2023-08', eliminated: null, risks: ['因自然灾害'] },
  Q_CONTACT_LANDLINE: { category: '边缘易致贫户', identified: '2023-05', eliminated: null, risks: ['因意外事故'] },
  Q_ELIM_NEXT_MONTH: {
    category: '边缘易致贫户',
    identified: '2023-06',
    eliminated: { month: '2023-07', method: '帮扶消除' },
    risks: ['因意外事故'],
  },
  ELIM_NO_CONTACT: {
    category: '边缘易致贫户',
    identified: '2021-09',
    eliminated: { month: '2022-10', method: '帮扶消除' },
    noContact: true,
  },
  R23_INCOME: { category: '脱贫不稳定户', identified: '2021-11', eliminated: { month: '2022-12', method: '帮扶消除' } },
  R23_HOUSING: {
    category: '边缘易致贫户',
    identified: '2022-05',
    eliminated: { month: '2023-02', method: '帮扶消除' },
  },
  R24_TRANSFERS: {
    category: '脱贫不稳定户',
    identified: '2021-05',
    eliminated: { month: '2023-04', method: '帮扶消除' },
    risks: ['缺劳动力'],
  },
  DOUDI: { category: '脱贫不稳定户', identified: '2021-08', eliminated: null, risks: ['缺劳动力', '因病'] },
  R20_NO_DEV: { category: '边缘易致贫户', identified: '2023-05', eliminated: null, risks: ['因病'] },
  R21_ONLY_WELFARE: { category: '边缘易致贫户', identified: '2023-02', eliminated: null, risks: ['因残'] },
  R22_SHOULD_ELIM: { category: '边缘易致贫户', identified: '2022-10', eliminated: null },
};

const INCOME_OF: Partial<Record<Scenario, IncomePlan>> = {
  INCOME_8300: { p2023: 8300, p2022: 8000, exact2023: true },
  INCOME_FALL: { p2022: 16000, p2023: 13500 },
  LOW_INCOME: { p2022: 7400, p2023: 6900 },
  R23_INCOME: { p2022: 10800, p2023: 7600 },
  R22_SHOULD_ELIM: { p2022: 11500, p2023: 15500 },
  R24_TRANSFERS: { p2022: 9600, p2023: 9800 },
  Q_RICH_AT_ID: { p2022: 25000, p2023: 26000 },
  MON_DISASTER: { p2022: 12500, p2023: 9800 },
  WORK_6: { wageShare: 0.9 },
  WORK_5: { wageShare: 0.9 },
  SELFPAY_10000: { selfPay2023: 10000 },
  SELFPAY_BIG: { selfPay2023: 32000 },
  R04_RIGID: { rigidOverPreviousNet: true },
  TYPED_OK: { typed: 'ok' },
  TYPED_OK_2: { typed: 'ok' },
  TYPED_MISMATCH_NET: { typed: 'net' },
  TYPED_MISMATCH_PC: { typed: 'pc' },
};

const DISASTER_SUB: readonly (readonly [string, number])[] = [
  ['洪涝', 30],
  ['旱灾', 25],
  ['气象', 25],
  ['地质', 10],
  ['其他', 10],
];

/** Risk types that follow from the household (因病 only with an ill member, …), main risk first. */
function autoRisks(rng: Rng, h: Household): { risks: string[]; sub: string | null } {
  const endogenous: [string, number][] = [];
  const ill = h.members.some((p) => p.ill);
  const chronic = h.members.some((p) => p.chronic);
  if (ill || chronic) endogenous.push(['因病', ill ? 5 : 2]);
  if (h.members.some((p) => p.disabled)) endogenous.push(['因残', 3]);
  if (h.members.some((p) => ['senior', 'vocational', 'college', 'postgrad'].includes(p.stage)))
    endogenous.push(['因学', 2]);
  const labour = h.members.filter(hasLabour).length;
  if (labour === 0) endogenous.push(['缺劳动力', 4]);
  else if (labour === 1 && h.members.length >= 4) endogenous.push(['缺劳动力', 1]);
  if (h.members.some((p) => isWorker(p) && (p.workMonths ?? 12) < 9)) endogenous.push(['因务工就业不稳', 2]);
  if (h.housing) endogenous.push(['因安全住房', 3]);
  if (h.water) endogenous.push(['因安全饮水', 3]);
  const exogenous: [string, number][] = [
    ['因自然灾害', 0.8],
    ['因意外事故', 0.6],
  ];
  if (labour > 0) exogenous.push(['因产业项目失败', 0.5]);
  exogenous.push(['其他', 0.2]);
  const risks: string[] = [];
  const pool = [...endogenous, ...exogenous];
  risks.push(rng.weighted(pool));
  const rest = rng.shuffle(endogenous.map(([r]) => r).filter((r) => !risks.includes(r)));
  for (const [i, p] of [0.35, 0.15, 0.05, 0.02].entries()) {
    const r = rest[i];
    if (r && rng.chance(p)) risks.push(r);
    else break;
  }
  return { risks, sub: risks.includes('因自然灾害') ? rng.weighted(DISASTER_SUB) : null };
}

/** Identification month of a randomly monitored household: 2021-03 … 2024-04. */
function randomIdentified(rng: Rng): string {
  const r = rng.next();
  if (r < 0.25) return addMonths('2021-03', rng.int(0, 9));
  if (r < 0.55) return addMonths('2022-01', rng.int(0, 11));
  if (r < 0.85) return addMonths('2023-01', rng.int(0, 11));
  return addMonths('2024-01', rng.int(0, 3));
}

const LAST_MONTH = addMonths(DEMO_AS_OF.slice(0, 7), -1); // 2024-04

function sinceDate(rng: Rng): string {
  const y = rng.weighted([
    [2015, 6],
    [2016, 7],
    [2017, 8],
    [2018, 8],
    [2019, 9],
    [2020, 10],
    [2021, 10],
    [2022, 10],
    [2023, 10],
    [2024, 3],
  ] as const);
  const m = y === 2024 ? rng.int(1, 4) : rng.int(1, 12);
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

export class DemoGenerator {
  readonly county: County;
  readonly scenarios: Map<number, Scenario>;
  private readonly ids: IdAllocator;
  private readonly phones: PhoneAllocator;
  private lastHeadPhone = '';

  constructor(readonly spec: DemoSpec) {
    this.ids = new IdAllocator(spec.seed);
    this.phones = new PhoneAllocator(spec.seed);
    this.county = buildCounty({
      seed: spec.seed,
      households: spec.households,
      code: spec.countyCode,
      name: spec.countyName,
      phones: this.phones,
    });
    this.scenarios = placeScenarios(this.county);
  }

  *villages(): Generator<VillageBatch> {
    for (const village of this.county.villages) yield this.village(village);
  }

  private village(v: Village): VillageBatch {
    const rng = new Rng(this.spec.seed, `village:${v.index}`);
    const poorCount = v.noMonitoring
      ? Math.max(10, Math.round(v.povertyShare * v.households))
      : Math.round(v.povertyShare * v.households);
    const poor = rng.shuffle(Array.from({ length: v.households }, (_, i) => i < poorCount));
    const households: Household[] = [];
    for (let s = 0; s < v.households; s++) {
      const index = v.firstHousehold + s;
      households.push(this.household(rng, v, s, index, poor[s]!, this.scenarios.get(index) ?? null));
    }
    const unmatchedAlerts: Alert[] = [];
    const matched = households.reduce((n, h) => n + h.alerts.length, 0);
    let extra = 0;
    for (let i = 0; i < matched; i++) if (rng.chance(0.055)) extra++;
    if (v.index === 0) extra += 2;
    for (let i = 0; i < extra; i++) unmatchedAlerts.push(this.unmatchedAlert(rng, v));
    return { village: v, households, unmatchedAlerts };
  }

  private unmatchedAlert(rng: Rng, v: Village): Alert {
    const sex = rng.chance(0.5) ? '男' : '女';
    const age = rng.int(18, 85);
    const wanted = birthForAge(rng, age);
    const { id, birth } = this.ids.allocate(this.county.code, wanted, sex);
    const name = fullName(rng, pickSurname(rng), sex, Number(birth.slice(0, 4)));
    const dept = rng.weighted([
      ['医保', 40],
      ['民政', 25],
      ['人社', 15],
      ['残联', 10],
      ['住建', 10],
    ] as const);
    const date = alertDate(rng);
    const base = { dept, idNo: id, name, date, township: v.township, village: v.name, hhNo: null };
    switch (dept) {
      case '医保': {
        const a = medicalAlert(Math.round(rng.logNormal(9000, 0.7)), date);
        return { ...base, type: a.type, value: a.value, detail: a.detail };
      }
      case '民政':
        return { ...base, type: '新纳入低保', value: null, detail: `${Number(date.slice(5, 7))}月新纳入农村低保` };
      case '人社':
        return {
          ...base,
          type: '失业登记',
          value: null,
          detail: `${Number(date.slice(5, 7))}月办理失业登记，务工中断`,
        };
      case '残联':
        return {
          ...base,
          type: '新增重度残疾',
          value: null,
          detail: `新办（换领）残疾人证：肢体残疾${rng.pick(['一级', '二级'])}`,
        };
      default:
        return { ...base, type: '住房安全隐患', value: null, detail: '房屋经鉴定为C级危房' };
    }
  }

  private household(
    rng: Rng,
    v: Village,
    serial: number,
    index: number,
    poor: boolean,
    sc: Scenario | null,
  ): Household {
    const county = this.county;
    const ctx = { countyName: county.name, township: v.township };
    const hhNo = v.code + String(serial + 1).padStart(4, '0');

    // --- composition
    const template = (sc && TEMPLATE_OF[sc]) ?? TEMPLATES.pick(rng);
    let drafts: Draft[] = familyDrafts(rng, template);
    const needs = (ds: Draft[]): boolean => {
      if (sc === 'LEFT_BEHIND')
        return ds.some((d) => d.relation.startsWith('之孙') && d.age < 14) && ds.some((d) => d.relation === '之儿媳');
      if (sc === 'DROPOUT' || sc === 'MON_MANY_RISKS') return ds.length >= 2 && ds[0]!.age >= 35;
      if (sc === 'AGE_59' || sc === 'AGE_60') return ds[0]!.age >= 52;
      if (sc && HEALTHY_HEAD.has(sc) && (ds[0]!.age < 25 || ds[0]!.age > 55)) return false;
      if (sc === 'Q_RELATION_SEX' && !ds.some((d) => d.relation === '之女')) return false;
      if (sc === 'Q_SAME_SEX_SPOUSE' && !ds.some((d, i) => i > 0 && d.sex === ds[0]!.sex && d.age >= 18)) return false;
      return sc
        ? qualityNeeds(
            sc,
            ds.map((d) => d.age),
          )
        : true;
    };
    for (let i = 0; i < 50 && !needs(drafts); i++) drafts = familyDrafts(rng, template);
    const head = drafts[0]!;
    const surname = head.surname;
    if (sc === 'AGE_59') head.birth = '1965-05-01';
    if (sc === 'AGE_60') head.birth = '1964-05-01';
    if (sc === 'R12_NO_COVER' || sc === 'R24_TRANSFERS' || sc === 'DISABLED_CARE') {
      head.age = sc === 'DISABLED_CARE' ? 86 : 81;
      drafts[1]!.age = 79;
    }
    if (sc === 'DOUDI') head.age = 78;
    if (sc === 'TEKUN_NEW') head.age = 82;
    if (sc === 'DROPOUT') drafts.push({ relation: '之子', sex: '男', age: 14, surname, marriedIn: false });
    if (sc === 'MON_MANY_RISKS')
      drafts.push({ relation: '之女', sex: '女', age: 16, surname, marriedIn: false, birth: '2007-10-12' });

    // --- members
    const headEthnicity = pickEthnicity(rng);
    const members: Person[] = drafts.map((d, i) => {
      const wanted = d.birth ?? birthForAge(rng, d.age);
      const region =
        sc === 'BORN_ELSEWHERE' && i === 0 ? otherProvinceRegion(rng) : birthRegion(rng, county.code, d, wanted);
      const { id, birth } = this.ids.allocate(region, wanted, d.sex);
      const ethnicity = d.marriedIn ? pickEthnicity(rng) : headEthnicity;
      const p = personFrom(rng, d, birth, { ...ctx, ethnicity });
      p.region = region;
      p.id = id;
      p.name = fullName(rng, d.surname, d.sex, Number(birth.slice(0, 4)));
      p.personNo = hhNo + String(i + 1).padStart(3, '0'); // 19 digits: never mistaken for an ID number
      return p;
    });
    const h0 = members[0]!;
    const second = members[1] ?? h0;
    const healthy = (p: Person): void => {
      setHealth(p, { ill: false, chronic: false, disabled: false });
      rederive(rng, p, ctx);
    };
    switch (sc) {
      case 'MON_RED':
      case 'R20_NO_DEV':
      case 'SELFPAY_10000':
      case 'SELFPAY_BIG':
      case 'R04_RIGID':
        healthy(h0);
        setHealth(second, { ill: true });
        rederive(rng, second, ctx);
        break;
      case 'MON_YELLOW':
        healthy(h0);
        setWork(rng, h0, ctx, { status: '县外省内务工', months: 7 });
        break;
      case 'MON_MANY_RISKS': {
        setHealth(h0, { ill: false, chronic: false, disabled: true, type: '肢体残疾', grade: '三级' });
        rederive(rng, h0, ctx);
        setHealth(second, { ill: true });
        rederive(rng, second, ctx);
        const girl = members[members.length - 1]!;
        Object.assign(girl, {
          school: '普通高中一年级',
          stage: 'senior',
          education: null,
          labour: '无劳动力',
          work: null,
          workMonths: null,
          workPlace: null,
          company: null,
        });
        break;
      }
      case 'R21_ONLY_WELFARE':
        healthy(h0);
        setHealth(second, { disabled: true, type: '肢体残疾', grade: '二级' });
        rederive(rng, second, ctx);
        break;
      case 'R22_SHOULD_ELIM':
      case 'AGE_59':
      case 'AGE_60':
      case 'INCOME_8300':
        healthy(h0);
        break;
      case 'WORK_6':
      case 'WORK_5':
        healthy(h0);
        setWork(rng, h0, ctx, { status: '省外务工', months: sc === 'WORK_6' ? 6 : 5 });
        break;
      case 'UNEMPLOYED':
        healthy(h0);
        setWork(rng, h0, ctx, { status: '县外省内务工', months: 3 });
        break;
      case 'SEVERE_DISABLED':
        setHealth(h0, { ill: false, disabled: true, type: '肢体残疾', grade: '一级' });
        rederive(rng, h0, ctx);
        h0.care = '半失能';
        break;
      case 'DISABLED_CARE':
        setHealth(h0, { chronic: true });
        rederive(rng, h0, ctx);
        h0.care = '失能';
        break;
      case 'DOUDI':
        setHealth(h0, { chronic: true, ill: false, disabled: false });
        rederive(rng, h0, ctx);
        h0.labour = '无劳动力'; // 整户无劳动能力兜底保障户
        break;
      case 'LEFT_BEHIND':
        for (const p of members) {
          if (p.relation === '之子' || p.relation === '之儿媳') {
            healthy(p);
            setWork(rng, p, ctx, { status: '省外务工', months: 10 });
          }
        }
        break;
      case 'DROPOUT': {
        const boy = members[members.length - 1]!;
        Object.assign(boy, {
          school: '非在校生',
          stage: 'dropout',
          education: '小学',
          labour: '无劳动力',
          work: null,
          workMonths: null,
          workPlace: null,
          company: null,
        });
        break;
      }
      case 'R12_NO_COVER':
      case 'R24_TRANSFERS':
        for (const p of members) if (hasLabour(p)) p.labour = '无劳动力';
        break;
      default:
        break;
    }
    if (sc === 'UNINSURED') members[members.length - 1]!.medical = false;
    if (sc && HEALTHY_HEAD.has(sc)) healthy(h0);
    if (sc && WORKER_HEAD.has(sc)) setWork(rng, h0, ctx, { status: '省外务工', months: 10 });
    if (sc && ILL_SECOND.has(sc)) {
      setHealth(second, { ill: true });
      rederive(rng, second, ctx);
    }

    const h: Household = {
      index,
      hhNo,
      village: v,
      natural: `第${Math.floor(serial / 30) + 1}组`,
      grid: v.grids.find((g) => serial >= g.start && serial < g.start + g.count)?.name ?? v.grids[0]!.name,
      type: poor ? '脱贫户' : '一般农户',
      members,
      phone: '',
      relocated: false,
      wholeNoLabour: false,
      doudi: false,
      devStatus: null,
      housing: false,
      dropout: false,
      water: false,
      uninsured: false,
      arable: 0,
      forest: 0,
      road: 0,
      monitoring: null,
      incomes: [],
      measures: [],
      alerts: [],
      scenario: sc,
    };
    const forced = sc ? MONITOR_OF[sc] : undefined;
    if (forced) h.type = forced.category === '脱贫不稳定户' ? '脱贫户' : '一般农户';
    else if (sc === 'R12_NO_COVER' || sc === 'INCOME_8300' || sc === 'LOW_INCOME') h.type = '一般农户';
    h.relocated = h.type === '脱贫户' && rng.chance(0.04);
    h.arable = rng.chance(0.08) ? 0 : Math.round(Math.min(40, rng.logNormal(5, 0.6)) * 10) / 10;
    h.forest = rng.chance(0.25) ? Math.round(rng.range(0.5, 20) * 10) / 10 : 0;
    h.road = Math.round(rng.range(0, 3.5) * 10) / 10;

    // --- household flags (三保障/饮水), rare
    h.housing = sc === 'HOUSING' || sc === 'R23_HOUSING' || (!sc && rng.chance(0.0025));
    h.water = sc === 'WATER' || (!sc && rng.chance(0.0015));
    h.dropout = sc === 'DROPOUT';
    if (!sc && rng.chance(0.002)) members[members.length - 1]!.medical = false;
    h.uninsured = members.some((p) => !p.medical);

    // --- 低保 / 特困
    const labourCount = members.filter(hasLabour).length;
    h.wholeNoLabour = labourCount === 0;
    const severeOrIll = members.some((p) => p.ill || isSevere(p));
    switch (sc) {
      case 'R12_NO_COVER':
        break;
      case 'R24_TRANSFERS':
        for (const p of members) {
          p.dibao = '农村低保';
          p.dibaoSince = '2019-03-01';
        }
        break;
      case 'DOUDI':
        h0.tekun = true;
        h0.tekunSince = '2020-06-01';
        break;
      case 'TEKUN_NEW':
        h0.tekun = true;
        h0.tekunSince = '2024-02-01';
        break;
      case 'DIBAO_NEW':
        second.dibao = '农村低保';
        second.dibaoSince = '2023-09-01';
        break;
      default: {
        if (sc && (MONITOR_OF[sc] || INCOME_OF[sc])) break;
        let p = h.type === '脱贫户' ? 0.09 : 0.02;
        if (h.wholeNoLabour) p = h.type === '脱贫户' ? 0.6 : 0.3;
        if (severeOrIll) p *= 2;
        if (rng.chance(Math.min(0.75, p))) {
          const since = sinceDate(rng);
          const kind = rng.chance(0.01) ? '城市低保' : '农村低保';
          const whole = rng.chance(0.6);
          const targets = whole ? members : members.filter((x) => x.ill || x.disabled || x.age >= 60 || !hasLabour(x));
          for (const x of targets.length ? targets : [h0]) {
            x.dibao = kind;
            x.dibaoSince = since;
          }
        } else if (members.length === 1 && !hasLabour(h0) && (h0.age >= 60 || isSevere(h0)) && rng.chance(0.5)) {
          h0.tekun = true;
          h0.tekunSince = sinceDate(rng);
        }
      }
    }
    const covered = members.some((p) => p.dibao !== '未享受' || p.tekun);
    h.doudi = sc === 'DOUDI' || (sc !== 'R24_TRANSFERS' && h.wholeNoLabour && covered && rng.chance(0.85));

    // --- care, children, phones
    for (const p of members) {
      if (p.care === '否') {
        if (p.age >= 70)
          p.care = rng.weighted([
            ['否', 915],
            ['半失能', 60],
            ['失能', 25],
          ] as const);
        else if (p.disabled && p.disabilityGrade === '一级')
          p.care = rng.weighted([
            ['否', 30],
            ['半失能', 30],
            ['失能', 40],
          ] as const);
      }
    }
    for (const p of members) {
      if (p.age >= 18) continue;
      const parents = parentsOf(p, members);
      if (parents.length > 0 && parents.every(isAway)) p.child = '留守儿童';
      else if ((isSevere(p) || (p.dibao !== '未享受' && parents.length < 2)) && rng.chance(0.3)) p.child = '困境儿童';
      else p.child = '否';
    }
    h.phone = sc === 'DUP_PHONE' && this.lastHeadPhone ? this.lastHeadPhone : this.phones.next();
    h0.phone = h.phone;
    this.lastHeadPhone = h.phone;
    for (const p of members.slice(1)) if (p.age >= 18 && p.age <= 70 && rng.chance(0.45)) p.phone = this.phones.next();
    // workers away are followed up by phone (务工监测): each has one
    for (const p of members.slice(1)) if (!p.phone && p.workPlace) p.phone = this.phones.next();

    // --- monitoring
    if (forced) {
      const auto = autoRisks(rng, h);
      h.monitoring = {
        category: forced.category,
        risks: forced.risks ?? auto.risks,
        disasterSub: forced.disasterSub ?? (forced.risks ? null : auto.sub),
        identified: forced.identified,
        eliminated: forced.eliminated,
        contact: forced.noContact ? null : rng.pick(v.contacts),
      };
    } else if (!sc && !v.noMonitoring) {
      let p = 0.023;
      if (h.type === '脱贫户') p *= 1.8;
      if (h.wholeNoLabour) p *= 2;
      if (severeOrIll) p *= 2.2;
      if (covered) p *= 1.4;
      if (rng.chance(Math.min(0.5, p))) {
        const identified = randomIdentified(rng);
        const months = monthsBetween(identified, LAST_MONTH);
        const pElim = identified <= '2022-12' ? 0.72 : identified <= '2023-10' ? 0.35 : 0;
        const eliminated =
          months >= 6 && rng.chance(pElim)
            ? {
                month: addMonths(identified, rng.int(6, Math.min(30, months))),
                method: rng.chance(0.85) ? ('帮扶消除' as const) : ('自然消除' as const),
              }
            : null;
        const auto = autoRisks(rng, h);
        h.monitoring = {
          category: h.type === '脱贫户' ? '脱贫不稳定户' : rng.chance(0.72) ? '边缘易致贫户' : '突发严重困难户',
          risks: auto.risks,
          disasterSub: auto.sub,
          identified,
          eliminated,
          contact: rng.pick(v.contacts),
        };
        // 整户无劳动能力: not eliminated (暂不标注风险消除, seed 001)
        if (h.wholeNoLabour) h.monitoring.eliminated = null;
      }
    }
    // 整户无劳动能力 监测对象: 兜底 (低保 for all, marked 兜底保障户); R12_NO_COVER and R24_TRANSFERS stay as planted
    if (h.monitoring && !h.monitoring.eliminated && h.wholeNoLabour && sc !== 'R12_NO_COVER') {
      if (!covered)
        for (const x of members) {
          x.dibao = '农村低保';
          x.dibaoSince = '2022-06-01';
        }
      h.doudi = true;
    }

    // --- incomes, measures, alerts
    h.incomes = householdIncomes(rng, h, (sc && INCOME_OF[sc]) || {});
    const mode: MeasureMode =
      sc === 'R20_NO_DEV' ? 'noDevelopmental' : sc === 'R21_ONLY_WELFARE' ? 'onlyWelfare' : 'normal';
    h.measures = householdMeasures(rng, h, mode);
    if (h.monitoring) h.devStatus = h.measures.some((m) => isDev(m.category)) ? '已实施' : '尚未实施';
    const force: AlertForce = {};
    if (sc === 'SELFPAY_BIG') force.medicalAmount = 28000;
    if (sc === 'DIBAO_NEW') force.dibao = true;
    if (sc === 'TEKUN_NEW') force.tekun = true;
    if (sc === 'SEVERE_DISABLED') force.disability = true;
    if (sc === 'UNEMPLOYED') force.unemployment = true;
    if (sc === 'MON_DISASTER') force.disaster = true;
    h.alerts = householdAlerts(rng, h, force);
    if (sc) plantQuality(h, sc);
    return h;
  }
}

/** The parents of a child in the household (by relation). */
function parentsOf(child: Person, members: Person[]): Person[] {
  switch (child.relation) {
    case '之子':
    case '之女':
      return members.filter((p) => p.relation === '户主' || p.relation === '配偶');
    case '之孙子':
    case '之孙女':
      return members.filter((p) => p.relation === '之子' || p.relation === '之儿媳');
    case '之外孙子':
    case '之外孙女':
      return members.filter((p) => p.relation === '之女' || p.relation === '之女婿');
    default:
      return [];
  }
}
