import { ageAt } from '../domain/normalize.js';
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

type Row = Record<string, unknown>;

export function qualityVillages(db: Db, scope: ScopeIds): VillageRow[] {
  return listVillages(db, scope);
}

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

const HH_SQL = `SELECT h.* FROM households h WHERE h.village_id = ? ORDER BY h.hh_no`;
const MEMBERS_SQL = `SELECT m.* FROM households h JOIN members m ON m.hh_no = h.hh_no
  WHERE h.village_id = ? AND m.status = '在册' ORDER BY m.hh_no, m.relation <> '户主', m.id_no`;
const INCOMES_SQL = `SELECT i.* FROM households h JOIN incomes i ON i.hh_no = h.hh_no WHERE h.village_id = ? AND i.year <= ?`;
const MEASURES_SQL = `SELECT s.hh_no, s.category, s.content FROM households h JOIN measures s ON s.hh_no = h.hh_no
  WHERE h.village_id = ? AND s.start_date <= ? ORDER BY s.hh_no, s.category, s.content`;
const WORK_SQL = `SELECT w.* FROM households h JOIN members m ON m.hh_no = h.hh_no JOIN work_periods w ON w.id_no = m.id_no
  WHERE h.village_id = ? AND m.status = '在册' ORDER BY w.id_no, w.start_month`;
const PLANS_SQL = `SELECT p.* FROM households h JOIN members m ON m.hh_no = h.hh_no JOIN work_plans p ON p.id_no = m.id_no
  WHERE h.village_id = ? AND m.status = '在册'`;
const SNAPSHOT_SQL = `SELECT e.* FROM households h JOIN elimination_snapshots e ON e.hh_no = h.hh_no
  WHERE h.village_id = ? ORDER BY e.hh_no, e.eliminated_month`;

function schoolYearStart(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) >= 9 ? `${y}-09-01` : `${y - 1}-09-01`;
}

function toMember(r: Row, asOf: string, syStart: string): QMember {
  const birth = text(r.birth_date);
  const school = text(r.school_status);
  return {
    idNo: String(r.id_no),
    idType: text(r.id_type),
    cardNo: text(r.disability_card_no),
    personNo: text(r.person_no),
    name: String(r.name),
    sex: text(r.sex),
    birth,
    age: birth ? ageAt(birth, asOf) : null,
    schoolYearAge: birth ? ageAt(birth, syStart) : null,
    ethnicity: text(r.ethnicity),
    relation: String(r.relation ?? ''),
    education: text(r.education),
    school,
    stage: schoolStage(school),
    outOfSchoolReason: text(r.out_of_school_reason),
    health: text(r.health),
    disabilityType: text(r.disability_type),
    disabilityGrade: text(r.disability_grade),
    labour: text(r.labour_skill),
    workStatus: text(r.work_status),
    workMonths: num(r.work_months),
    workPlace: text(r.work_place),
    phone: text(r.phone),
    medical: bool(r.medical_insured),
    staffMedical: bool(r.staff_medical_insured),
    illness: bool(r.illness_insured),
    pension: bool(r.pension_insured),
    staffPension: bool(r.staff_pension_insured),
    dibao: text(r.dibao),
    dibaoSince: text(r.dibao_since),
    tekunSince: text(r.tekun_since),
    tekun: bool(r.tekun),
    publicPost: text(r.public_post),
    publicPostMonths: num(r.public_post_months),
    channel: text(r.employment_channel),
    work: [],
    plan: null,
  };
}

function toIncome(r: Row): QIncome {
  const v = (k: string) => num(r[k]);
  const net =
    (v('wage') ?? 0) + (v('business') ?? 0) + (v('property') ?? 0) + (v('transfer') ?? 0) - (v('business_cost') ?? 0);
  const size = v('size');
  return {
    year: Number(r.year),
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
    working: bool(r.working),
    county: text(r.county),
    channel: text(r.channel),
    company: text(r.company),
    industry: text(r.industry),
    monthlyWage: num(r.monthly_wage),
    start: String(r.start_month ?? ''),
    end: text(r.end_month),
  };
}

function toSnapshot(r: Row): QSnapshot {
  return {
    month: String(r.eliminated_month ?? ''),
    schoolDropout: bool(r.school_dropout),
    housingDamaged: bool(r.housing_damaged),
    uninsured: bool(r.uninsured),
    waterDamaged: bool(r.water_damaged),
    net: num(r.net),
    perCapita: num(r.per_capita),
  };
}

function groupBy<T>(rows: Row[], key: string, map: (r: Row) => T): Map<string, T[]> {
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

/** The households of one 村 with everything the rules read, in 户编号 order. */
export function villageHouseholds(db: Db, village: VillageRow, asOf: string): QHousehold[] {
  const vid = village.id;
  const asOfYear = Number(asOf.slice(0, 4));
  const syStart = schoolYearStart(asOf);
  const hhs = prepared(db, HH_SQL).all(vid) as Row[];
  if (hhs.length === 0) return [];
  const members = groupBy(prepared(db, MEMBERS_SQL).all(vid) as Row[], 'hh_no', (r) => toMember(r, asOf, syStart));
  const incomes = groupBy(prepared(db, INCOMES_SQL).all(vid, asOfYear) as Row[], 'hh_no', toIncome);
  const measures = groupBy(prepared(db, MEASURES_SQL).all(vid, asOf) as Row[], 'hh_no', (r) => [
    String(r.category),
    String(r.content ?? ''),
  ]);
  const work = groupBy(prepared(db, WORK_SQL).all(vid) as Row[], 'id_no', toWork);
  const plans = new Map((prepared(db, PLANS_SQL).all(vid) as Row[]).map((r) => [String(r.id_no), r]));
  const snaps = groupBy(prepared(db, SNAPSHOT_SQL).all(vid) as Row[], 'hh_no', toSnapshot);

  return hhs.map((r) => {
    const hhNo = String(r.hh_no);
    const ms = members.get(hhNo) ?? [];
    for (const m of ms) {
      m.work = work.get(m.idNo) ?? [];
      const p = plans.get(m.idNo);
      if (p)
        m.plan = {
          planWork: bool(p.plan_work),
          planOutside: bool(p.plan_outside),
          county: text(p.plan_county),
          need: text(p.service_need),
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
    const snapList = snaps.get(hhNo);
    const risks = [r.risk1, r.risk2, r.risk3, r.risk4, r.risk5].map(text).filter((x): x is string => x !== null);
    return {
      hhNo,
      townshipId: village.townshipId,
      township: village.township,
      villageId: vid,
      village: village.name,
      type: String(r.hh_type),
      headName: text(r.head_name),
      headIdNo: text(r.head_id_no),
      sizeDeclared: num(r.size_declared),
      phone: text(r.phone),
      wholeNoLabour: bool(r.whole_no_labour),
      devStatus: text(r.dev_measure_status),
      housingUnsafe: bool(r.housing_unsafe),
      schoolDropout: bool(r.school_dropout),
      waterUnsafe: bool(r.water_unsafe),
      uninsured: bool(r.uninsured),
      dangerousHouse: bool(r.dangerous_house),
      electricity: bool(r.electricity),
      roadHardened: bool(r.road_hardened),
      housingArea: num(r.housing_area),
      land: {
        arable: num(r.arable_land),
        forest: num(r.forest_land),
        returned: num(r.returned_farmland),
        orchard: num(r.orchard_land),
        grass: num(r.grassland),
        water: num(r.water_area),
        road: num(r.road_distance),
      },
      monCategory: text(r.mon_category),
      risks,
      disasterSub: text(r.disaster_sub),
      identified: text(r.identified_month),
      eliminated: Number(r.risk_eliminated) === 1,
      method: text(r.elimination_method),
      eliminatedMonth: text(r.eliminated_month),
      contactPerson: text(r.contact_person),
      contactPhone: text(r.contact_phone),
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
  ).all() as Row[];
  return new Map(rows.map((r) => [String(r.phone), splitList(r.hhs)]));
}

/** Households whose 户主证件号码 is a 在册 member of another household → that household. */
export function headElsewhere(db: Db): Map<string, string> {
  const rows = prepared(
    db,
    `SELECT h.hh_no AS hh, min(m.hh_no) AS other FROM households h JOIN members m ON m.id_no = h.head_id_no
     WHERE m.hh_no <> h.hh_no AND m.status = '在册' GROUP BY h.hh_no`,
  ).all() as Row[];
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
  ).all() as Row[];
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
  ).all({ tw: scope.townshipId ?? null, vi: scope.villageId ?? null }) as Row[];
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
