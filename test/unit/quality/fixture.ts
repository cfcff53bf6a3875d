import { makeIdNumber } from '../../../src/domain/id-number.js';
import { ageAt } from '../../../src/domain/normalize.js';
import { resolvePolicy } from '../../../src/domain/policy.js';
import { schoolStage } from '../../../src/domain/vocab.js';
import type { QHousehold, QIncome, QMember, QualityContext, QVillage, QWork } from '../../../src/quality/types.js';

/**
 * Records for the rule tests: a clean household (a healthy couple of 35 with a child of 10 at
 * school) that no rule finds anything in, and builders to change one fact at a time.
 */

export const AS_OF = '2024-05-01';
let seq = 0;

/** A member aged `age` on AS_OF (born 1 March), with a valid ID number matching sex and birth. */
export function person(age: number, over: Partial<QMember> = {}): QMember {
  const sex = over.sex ?? '男';
  const birth = over.birth ?? `${2024 - age}-03-01`;
  seq = (seq + 2) % 998;
  const s = String(seq + (sex === '男' ? 1 : 0)).padStart(3, '0');
  const idNo = over.idNo ?? makeIdNumber('140702', birth, s);
  const school = over.school === undefined ? (age < 18 && age >= 6 ? '小学三年级' : '非在校生') : over.school;
  const m: QMember = {
    idNo,
    idType: '居民身份证',
    cardNo: null,
    personNo: null,
    name: `成员${seq}`,
    sex,
    birth,
    age: ageAt(birth, AS_OF),
    schoolYearAge: ageAt(birth, '2023-09-01'),
    ethnicity: '汉族',
    relation: '户主',
    education: school === '非在校生' ? '初中' : null,
    school,
    stage: schoolStage(school),
    outOfSchoolReason: null,
    health: '健康',
    disabilityType: null,
    disabilityGrade: null,
    labour:
      age >= 16 && age < 60 && school === '非在校生' ? '普通劳动力' : age >= 60 ? '弱劳动力或半劳动力' : '无劳动力',
    workStatus: null,
    workMonths: null,
    workPlace: null,
    phone: null,
    medical: true,
    staffMedical: false,
    illness: true,
    pension: age >= 16 && school === '非在校生' ? true : null,
    staffPension: null,
    dibao: '未享受',
    dibaoSince: null,
    tekunSince: null,
    tekun: false,
    publicPost: null,
    publicPostMonths: null,
    channel: null,
    work: [],
    plan: null,
    ...over,
  };
  // derived fields follow an overridden school or birth
  if (over.school !== undefined && over.stage === undefined) m.stage = schoolStage(m.school);
  if (over.birth !== undefined && over.age === undefined) {
    m.age = ageAt(m.birth!, AS_OF);
    m.schoolYearAge = ageAt(m.birth!, '2023-09-01');
  }
  return m;
}

export function income(over: Partial<QIncome> = {}): QIncome {
  const i: QIncome = {
    year: 2023,
    size: 3,
    wage: 30000,
    business: 12000,
    property: 0,
    transfer: 3000,
    dibaoMoney: 0,
    tekunMoney: 0,
    businessCost: 6000,
    selfPay: 800,
    typedNet: null,
    typedPerCapita: null,
    net: 0,
    perCapita: null,
    ...over,
  };
  i.net = (i.wage ?? 0) + (i.business ?? 0) + (i.property ?? 0) + (i.transfer ?? 0) - (i.businessCost ?? 0);
  i.perCapita = i.size ? i.net / i.size : null;
  return i;
}

export function work(over: Partial<QWork> = {}): QWork {
  return {
    working: true,
    county: '浙江省杭州市',
    channel: '劳务输出',
    company: '杭州某建筑公司',
    industry: '建筑业',
    monthlyWage: 5000,
    start: '2024-03',
    end: null,
    ...over,
  };
}

/** The clean household: 户主 35 (男), 配偶 35 (女), 之子 10 at school; not monitored. */
export function household(over: Partial<QHousehold> = {}, members?: QMember[]): QHousehold {
  const ms = members ?? [
    person(35, { relation: '户主', name: '王大军', phone: '13912345678' }),
    person(35, { relation: '配偶', sex: '女', name: '李小红' }),
    person(10, { relation: '之子', name: '王小明' }),
  ];
  const inc = income({ size: ms.length });
  return {
    hhNo: '1407021001000001',
    townshipId: 1,
    township: '东阳镇',
    villageId: 1,
    village: '西沟村',
    type: '一般农户',
    headName: ms.find((m) => m.relation === '户主')?.name ?? null,
    headIdNo: ms.find((m) => m.relation === '户主')?.idNo ?? null,
    sizeDeclared: ms.length,
    phone: '13912345678',
    wholeNoLabour: false,
    devStatus: null,
    housingUnsafe: false,
    schoolDropout: false,
    waterUnsafe: false,
    uninsured: false,
    dangerousHouse: false,
    electricity: true,
    roadHardened: true,
    housingArea: 120,
    land: { arable: 5, forest: 0, returned: 0, orchard: 0, grass: 0, water: 0, road: 1 },
    monCategory: null,
    risks: [],
    disasterSub: null,
    identified: null,
    eliminated: false,
    method: null,
    eliminatedMonth: null,
    contactPerson: null,
    contactPhone: null,
    incomes: new Map([[2023, inc]]),
    income: inc,
    measures: new Map(),
    snapshot: null,
    members: ms,
    ...over,
  };
}

/** A clean unresolved 监测对象 (因意外事故, identified 2023-06, an 产业帮扶 measure, 已实施). */
export function monitored(over: Partial<QHousehold> = {}, members?: QMember[]): QHousehold {
  return household(
    {
      monCategory: '边缘易致贫户',
      risks: ['因意外事故'],
      identified: '2023-06',
      devStatus: '已实施',
      contactPerson: '张干部',
      contactPhone: '13800000001',
      measures: new Map([['产业帮扶', ['发放产业奖补资金']]]),
      ...over,
    },
    members,
  );
}

/** A clean eliminated 监测对象 (帮扶消除 2024-01 after identification 2023-06). */
export function eliminated(over: Partial<QHousehold> = {}, members?: QMember[]): QHousehold {
  return monitored(
    {
      eliminated: true,
      method: '帮扶消除',
      eliminatedMonth: '2024-01',
      snapshot: {
        month: '2024-01',
        schoolDropout: false,
        housingDamaged: false,
        uninsured: false,
        waterDamaged: false,
        net: 39000,
        perCapita: 13000,
      },
      ...over,
    },
    members,
  );
}

export function village(over: Partial<QVillage> = {}): QVillage {
  return {
    villageId: 1,
    village: '西沟村',
    township: '东阳镇',
    townshipId: 1,
    registered: 100,
    exited: true,
    households: 120,
    population: 400,
    collectiveIncome: 12.5,
    pavedRoad: true,
    waterUnsafe: 1,
    dangerous: 2,
    dibaoHouseholds: 8,
    dibaoPeople: 15,
    counts: {
      dibaoHouseholds: 8,
      dibaoPeople: 15,
      tekun: 2,
      disabled: 9,
      schools: 1,
      pension: 200,
      bus: 1,
      clinics: 1,
      toilets: 2,
      doctors: 1,
      garbage: 3,
      libraries: 1,
    },
    ...over,
  };
}

const ALL_COLLECTED = [
  'households.phone',
  'households.dev_measure_status',
  'households.dangerous_house',
  'households.housing_area',
  'households.arable_land',
  'households.forest_land',
  'households.electricity',
  'households.road_hardened',
  'households.road_distance',
  'households.housing_unsafe',
  'households.school_dropout',
  'households.water_unsafe',
  'households.uninsured',
  'members.ethnicity',
  'members.health',
  'members.labour_skill',
  'members.medical_insured',
  'members.pension_insured',
  'elimination_snapshots',
];

export function context(over: Partial<QualityContext> = {}): QualityContext {
  return {
    asOf: AS_OF,
    policy: (year) => resolvePolicy(year, { incomeLine: 8300 }),
    countyName: '榆次区',
    sharedPhones: new Map(),
    headElsewhere: new Map(),
    sharedPersonNo: new Map(),
    collected: new Set(ALL_COLLECTED),
    ...over,
  };
}
