import { schoolStage } from '../domain/vocab.js';
import type { QHousehold, QIncome, QMember, QSnapshot, QVillage, QWork } from '../quality/types.js';
import type { Db } from './connection.js';
import { listVillages, prepared, type ScopeIds, type VillageRow } from './report-repo.js';

/**
 * The SQL of `fpjc check` (issue 11). Read-only. Records are loaded one 村 at a time with one
 * statement per table (households, members, incomes, measures, 务工, 计划务工, 风险消除后), joined in
 * memory; the register-wide facts a rule needs beyond one household (phones shared by households,
 * a person in two households, which columns the county collects) are aggregates computed once.
 */

type Row = unknown[];
type Obj = Record<string, unknown>;

export function qualityVillages(db: Db, scope: ScopeIds): VillageRow[] {
  return listVillages(db, scope);
}

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Column positions of the raw rows: only the columns the rules read are fetched. */
function index<T extends string>(cols: readonly T[]): Record<T, number> {
  return Object.fromEntries(cols.map((c, i) => [c, i])) as Record<T, number>;
}
const list = (alias: string, cols: Record<string, number>): string =>
  Object.keys(cols)
    .map((c) => `${alias}.${c}`)
    .join(', ');
const H = index([
  'hh_no',
  'arable_land',
  'contact_person',
  'contact_phone',
  'dangerous_house',
  'dev_measure_status',
  'disaster_sub',
  'electricity',
  'eliminated_month',
  'elimination_method',
  'forest_land',
  'grassland',
  'head_id_no',
  'head_name',
  'hh_type',
  'housing_area',
  'housing_unsafe',
  'identified_month',
  'mon_category',
  'orchard_land',
  'phone',
  'returned_farmland',
  'risk1',
  'risk2',
  'risk3',
  'risk4',
  'risk5',
  'risk_eliminated',
  'road_distance',
  'road_hardened',
  'school_dropout',
  'size_declared',
  'uninsured',
  'water_area',
  'water_unsafe',
  'whole_no_labour',
] as const);
const M = index([
  'birth_date',
  'dibao',
  'dibao_since',
  'disability_card_no',
  'disability_grade',
  'disability_type',
  'education',
  'employment_channel',
  'ethnicity',
  'health',
  'hh_no',
  'id_no',
  'id_type',
  'illness_insured',
  'labour_skill',
  'medical_insured',
  'name',
  'out_of_school_reason',
  'pension_insured',
  'person_no',
  'phone',
  'public_post',
  'public_post_months',
  'relation',
  'school_status',
  'sex',
  'staff_medical_insured',
  'staff_pension_insured',
  'tekun',
  'tekun_since',
  'work_months',
  'work_place',
  'work_status',
] as const);
const I = index([
  'business',
  'business_cost',
  'dibao_money',
  'hh_no',
  'property',
  'self_pay',
  'size',
  'tekun_money',
  'transfer',
  'typed_net',
  'typed_per_capita',
  'wage',
  'year',
] as const);
const W = index([
  'channel',
  'company',
  'county',
  'end_month',
  'industry',
  'monthly_wage',
  'start_month',
  'working',
  'id_no',
] as const);
const P = index(['plan_county', 'plan_outside', 'plan_work', 'service_need', 'id_no'] as const);
const S = index([
  'eliminated_month',
  'housing_damaged',
  'net',
  'per_capita',
  'school_dropout',
  'uninsured',
  'water_damaged',
  'hh_no',
] as const);

const HH_SQL = `SELECT ${list('h', H)} FROM households h WHERE h.village_id = ? ORDER BY h.hh_no`;
// members, 务工 and 风险消除后 are put in order in memory (a sort per village in SQL costs more)
const MEMBERS_SQL = `SELECT ${list('m', M)} FROM households h JOIN members m ON m.hh_no = h.hh_no
  WHERE h.village_id = ? AND m.status = '在册'`;
const INCOMES_SQL = `SELECT ${list('i', I)} FROM households h JOIN incomes i ON i.hh_no = h.hh_no WHERE h.village_id = ? AND i.year <= ?`;
const MEASURES_SQL = `SELECT s.hh_no, s.category, s.content FROM households h JOIN measures s ON s.hh_no = h.hh_no
  WHERE h.village_id = ? AND s.start_date <= ? ORDER BY s.hh_no, s.category, s.content`;
const WORK_SQL = `SELECT ${list('w', W)} FROM households h JOIN members m ON m.hh_no = h.hh_no JOIN work_periods w ON w.id_no = m.id_no
  WHERE h.village_id = ? AND m.status = '在册'`;
const PLANS_SQL = `SELECT ${list('p', P)} FROM households h JOIN members m ON m.hh_no = h.hh_no JOIN work_plans p ON p.id_no = m.id_no
  WHERE h.village_id = ? AND m.status = '在册'`;
const SNAPSHOT_SQL = `SELECT ${list('e', S)} FROM households h JOIN elimination_snapshots e ON e.hh_no = h.hh_no
  WHERE h.village_id = ?`;

/** Whole years between two `YYYY-MM-DD` dates (ageAt without splitting strings). */
function years(birth: string, on: string): number {
  const a = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5, 10) < birth.slice(5, 10) ? a - 1 : a;
}

function schoolYearStart(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) >= 9 ? `${y}-09-01` : `${y - 1}-09-01`;
}

function toMember(r: Row, asOf: string, syStart: string): QMember {
  const birth = text(r[M.birth_date]);
  const school = text(r[M.school_status]);
  return {
    idNo: String(r[M.id_no]),
    idType: text(r[M.id_type]),
    cardNo: text(r[M.disability_card_no]),
    personNo: text(r[M.person_no]),
    name: String(r[M.name]),
    sex: text(r[M.sex]),
    birth,
    age: birth ? years(birth, asOf) : null,
    schoolYearAge: birth ? years(birth, syStart) : null,
    ethnicity: text(r[M.ethnicity]),
    relation: String(r[M.relation] ?? ''),
    education: text(r[M.education]),
    school,
    stage: schoolStage(school),
    outOfSchoolReason: text(r[M.out_of_school_reason]),
    health: text(r[M.health]),
    disabilityType: text(r[M.disability_type]),
    disabilityGrade: text(r[M.disability_grade]),
    labour: text(r[M.labour_skill]),
    workStatus: text(r[M.work_status]),
    workMonths: num(r[M.work_months]),
    workPlace: text(r[M.work_place]),
    phone: text(r[M.phone]),
    medical: bool(r[M.medical_insured]),
    staffMedical: bool(r[M.staff_medical_insured]),
    illness: bool(r[M.illness_insured]),
    pension: bool(r[M.pension_insured]),
    staffPension: bool(r[M.staff_pension_insured]),
    dibao: text(r[M.dibao]),
    dibaoSince: text(r[M.dibao_since]),
    tekunSince: text(r[M.tekun_since]),
    tekun: bool(r[M.tekun]),
    publicPost: text(r[M.public_post]),
    publicPostMonths: num(r[M.public_post_months]),
    channel: text(r[M.employment_channel]),
    work: [],
    plan: null,
  };
}

function toIncome(r: Row): QIncome {
  const v = (k: keyof typeof I) => num(r[I[k]]);
  const net =
    (v('wage') ?? 0) + (v('business') ?? 0) + (v('property') ?? 0) + (v('transfer') ?? 0) - (v('business_cost') ?? 0);
  const size = v('size');
  return {
    year: Number(r[I.year]),
    size,
    wage: v('wage'),
    business: v('business'),
    property: v('property'),
    transfer: v('transfer'),
    dibaoMoney: v('dibao_money'),
    tekunMoney: v('tekun_money'),
    businessCost: v('business_cost'),
    selfPay: v('self_pay'),
    typedNet: v('typed_net'),
    typedPerCapita: v('typed_per_capita'),
    net,
    perCapita: size && size > 0 ? net / size : null,
  };
}

function toWork(r: Row): QWork {
  return {
    working: bool(r[W.working]),
    county: text(r[W.county]),
    channel: text(r[W.channel]),
    company: text(r[W.company]),
    industry: text(r[W.industry]),
    monthlyWage: num(r[W.monthly_wage]),
    start: String(r[W.start_month] ?? ''),
    end: text(r[W.end_month]),
  };
}

function toSnapshot(r: Row): QSnapshot {
  return {
    month: String(r[S.eliminated_month] ?? ''),
    schoolDropout: bool(r[S.school_dropout]),
    housingDamaged: bool(r[S.housing_damaged]),
    uninsured: bool(r[S.uninsured]),
    waterDamaged: bool(r[S.water_damaged]),
    net: num(r[S.net]),
    perCapita: num(r[S.per_capita]),
  };
}

function groupBy<T>(rows: Row[], key: number, map: (r: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = String(r[key]);
    let list = out.get(k);
    if (!list) {
      list = [];
      out.set(k, list);
    }
    list.push(map(r));
  }
  return out;
}

/** Raw rows (arrays: much cheaper to build than objects) of one of this module's statements. */
const rows = (db: Db, sql: string, ...params: unknown[]): Row[] =>
  prepared(db, sql)
    .raw()
    .all(...params) as Row[];

/** 户主 first, then by 证件号码. */
const memberOrder = (a: QMember, b: QMember): number =>
  Number(b.relation === '户主') - Number(a.relation === '户主') || (a.idNo < b.idNo ? -1 : a.idNo > b.idNo ? 1 : 0);

/** The households of one 村 with everything the rules read, in 户编号 order. */
export function villageHouseholds(db: Db, village: VillageRow, asOf: string): QHousehold[] {
  const vid = village.id;
  const asOfYear = Number(asOf.slice(0, 4));
  const syStart = schoolYearStart(asOf);
  const hhs = rows(db, HH_SQL, vid);
  if (hhs.length === 0) return [];
  const members = groupBy(rows(db, MEMBERS_SQL, vid), M.hh_no, (r) => toMember(r, asOf, syStart));
  const incomes = groupBy(rows(db, INCOMES_SQL, vid, asOfYear), I.hh_no, toIncome);
  const measures = groupBy(rows(db, MEASURES_SQL, vid, asOf), 0, (r) => [String(r[1]), String(r[2] ?? '')]);
  const work = groupBy(rows(db, WORK_SQL, vid), W.id_no, toWork);
  const plans = new Map(rows(db, PLANS_SQL, vid).map((r) => [String(r[P.id_no]), r]));
  const snaps = groupBy(rows(db, SNAPSHOT_SQL, vid), S.hh_no, toSnapshot);

  return hhs.map((r) => {
    const hhNo = String(r[H.hh_no]);
    const ms = (members.get(hhNo) ?? []).sort(memberOrder);
    for (const m of ms) {
      m.work = (work.get(m.idNo) ?? []).sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
      const p = plans.get(m.idNo);
      if (p)
        m.plan = {
          planWork: bool(p[P.plan_work]),
          planOutside: bool(p[P.plan_outside]),
          county: text(p[P.plan_county]),
          need: text(p[P.service_need]),
        };
    }
    const byYear = new Map<number, QIncome>();
    let latest: QIncome | null = null;
    for (const i of incomes.get(hhNo) ?? []) {
      byYear.set(i.year, i);
      if (!latest || i.year > latest.year) latest = i;
    }
    const ms2 = new Map<string, string[]>();
    for (const [cat, content] of measures.get(hhNo) ?? []) {
      const list = ms2.get(cat!) ?? [];
      list.push(content!);
      ms2.set(cat!, list);
    }
    const snapList = snaps.get(hhNo)?.sort((x, y) => (x.month < y.month ? -1 : 1));
    const risks = [r[H.risk1], r[H.risk2], r[H.risk3], r[H.risk4], r[H.risk5]]
      .map(text)
      .filter((x): x is string => x !== null);
    return {
      hhNo,
      townshipId: village.townshipId,
      township: village.township,
      villageId: vid,
      village: village.name,
      type: String(r[H.hh_type]),
      headName: text(r[H.head_name]),
      headIdNo: text(r[H.head_id_no]),
      sizeDeclared: num(r[H.size_declared]),
      phone: text(r[H.phone]),
      wholeNoLabour: bool(r[H.whole_no_labour]),
      devStatus: text(r[H.dev_measure_status]),
      housingUnsafe: bool(r[H.housing_unsafe]),
      schoolDropout: bool(r[H.school_dropout]),
      waterUnsafe: bool(r[H.water_unsafe]),
      uninsured: bool(r[H.uninsured]),
      dangerousHouse: bool(r[H.dangerous_house]),
      electricity: bool(r[H.electricity]),
      roadHardened: bool(r[H.road_hardened]),
      housingArea: num(r[H.housing_area]),
      land: {
        arable: num(r[H.arable_land]),
        forest: num(r[H.forest_land]),
        returned: num(r[H.returned_farmland]),
        orchard: num(r[H.orchard_land]),
        grass: num(r[H.grassland]),
        water: num(r[H.water_area]),
        road: num(r[H.road_distance]),
      },
      monCategory: text(r[H.mon_category]),
      risks,
      disasterSub: text(r[H.disaster_sub]),
      identified: text(r[H.identified_month]),
      eliminated: Number(r[H.risk_eliminated]) === 1,
      method: text(r[H.elimination_method]),
      eliminatedMonth: text(r[H.eliminated_month]),
      contactPerson: text(r[H.contact_person]),
      contactPhone: text(r[H.contact_phone]),
      incomes: byYear,
      income: latest,
      measures: ms2,
      snapshot: snapList ? snapList[snapList.length - 1]! : null,
      members: ms,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Register-wide facts

const splitList = (s: unknown): string[] =>
  String(s ?? '')
    .split(',')
    .filter(Boolean);

/** Phones (户联系电话, 家庭成员联系电话 of 在册 members) used by more than one household. */
export function sharedPhones(db: Db): Map<string, string[]> {
  const rows = prepared(
    db,
    `SELECT phone, group_concat(hh_no) AS hhs FROM (
       SELECT phone, hh_no FROM households WHERE phone IS NOT NULL AND phone <> ''
       UNION
       SELECT phone, hh_no FROM members WHERE status = '在册' AND phone IS NOT NULL AND phone <> ''
       ORDER BY 1, 2)
     GROUP BY phone HAVING count(*) > 1`,
  ).all() as Obj[];
  return new Map(rows.map((r) => [String(r.phone), splitList(r.hhs)]));
}

/** Households whose 户主证件号码 is a 在册 member of another household → that household. */
export function headElsewhere(db: Db): Map<string, string> {
  const rows = prepared(
    db,
    `SELECT h.hh_no AS hh, min(m.hh_no) AS other FROM households h JOIN members m ON m.id_no = h.head_id_no
     WHERE m.hh_no <> h.hh_no AND m.status = '在册' GROUP BY h.hh_no`,
  ).all() as Obj[];
  return new Map(rows.map((r) => [String(r.hh), String(r.other)]));
}

/** 人编号 of 在册 members used in more than one household → those households. */
export function sharedPersonNo(db: Db): Map<string, string[]> {
  const rows = prepared(
    db,
    `SELECT person_no, group_concat(hh_no) AS hhs FROM (
       SELECT DISTINCT person_no, hh_no FROM members WHERE person_no IS NOT NULL AND person_no <> '' AND status = '在册'
       ORDER BY 1, 2)
     GROUP BY person_no HAVING count(*) > 1`,
  ).all() as Obj[];
  return new Map(rows.map((r) => [String(r.person_no), splitList(r.hhs)]));
}

/** Columns whose completeness the rules judge only when the register holds them for someone. */
const COLLECTED_COLUMNS: readonly [string, string][] = [
  ['households', 'phone'],
  ['households', 'dev_measure_status'],
  ['households', 'dangerous_house'],
  ['households', 'housing_area'],
  ['households', 'arable_land'],
  ['households', 'forest_land'],
  ['households', 'electricity'],
  ['households', 'road_hardened'],
  ['households', 'road_distance'],
  ['households', 'housing_unsafe'],
  ['households', 'school_dropout'],
  ['households', 'water_unsafe'],
  ['households', 'uninsured'],
  ['members', 'ethnicity'],
  ['members', 'health'],
  ['members', 'labour_skill'],
  ['members', 'medical_insured'],
  ['members', 'pension_insured'],
];

/** `households.phone`, … for the columns filled in at least once, and `elimination_snapshots` when there are any. */
export function collectedColumns(db: Db): Set<string> {
  const out = new Set<string>();
  for (const [table, column] of COLLECTED_COLUMNS) {
    // EXISTS stops at the first filled row: cheap when the county collects the column
    const hit = prepared(db, `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${column} IS NOT NULL)`).pluck().get();
    if (hit) out.add(`${table}.${column}`);
  }
  if (prepared(db, 'SELECT EXISTS (SELECT 1 FROM elimination_snapshots)').pluck().get())
    out.add('elimination_snapshots');
  return out;
}

/** The villages in scope that have 行政村信息, with the number of their households in the register. */
export function villageStats(db: Db, scope: ScopeIds): QVillage[] {
  const rows = prepared(
    db,
    `SELECT s.*, v.id AS vid, v.name AS vname, t.id AS tid, t.name AS tname,
       (SELECT count(*) FROM households h WHERE h.village_id = v.id) AS registered
     FROM village_stats s JOIN villages v ON v.id = s.village_id JOIN townships t ON t.id = v.township_id
     WHERE (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
     ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name`,
  ).all({ tw: scope.townshipId ?? null, vi: scope.villageId ?? null }) as Obj[];
  return rows.map((r) => ({
    villageId: Number(r.vid),
    village: String(r.vname),
    township: String(r.tname),
    townshipId: Number(r.tid),
    registered: Number(r.registered),
    exited: bool(r.exited),
    households: num(r.households),
    population: num(r.population),
    collectiveIncome: num(r.collective_income),
    pavedRoad: bool(r.paved_road),
    waterUnsafe: num(r.water_unsafe_households),
    dangerous: num(r.dangerous_houses),
    dibaoHouseholds: num(r.dibao_households),
    dibaoPeople: num(r.dibao_people),
    counts: {
      dibaoHouseholds: num(r.dibao_households),
      dibaoPeople: num(r.dibao_people),
      tekun: num(r.tekun_people),
      disabled: num(r.disabled_people),
      schools: num(r.primary_schools),
      pension: num(r.pension_insured),
      bus: num(r.bus),
      clinics: num(r.clinics),
      toilets: num(r.public_toilets),
      doctors: num(r.doctors),
      garbage: num(r.garbage_points),
      libraries: num(r.libraries),
    },
  }));
}
