import type { Db } from './connection.js';
import type { ScopeIds } from './report-repo.js';

/**
 * The SQL of the casework forms (公示名单, 认定台账, 信息采集表, 承诺授权书, 风险消除审批表, 回访表):
 * cases of a scope with their households, and the members, incomes and decisions of those
 * households, each fetched in one query for the whole scope.
 */

export type CaseSubject = 'publicity' | 'openIdentification' | 'identification' | 'elimination';

const SUBJECT: Record<CaseSubject, string> = {
  // the 公示 running now (or waiting for its decision): the village's current 公示名单
  publicity: "c.status = '办理中' AND c.stage = '公示' AND c.publicity_start IS NOT NULL",
  openIdentification: "c.kind = '识别' AND c.status = '办理中'",
  identification: "c.kind = '识别' AND (@year IS NULL OR CAST(substr(c.opened_at, 1, 4) AS INTEGER) = @year)",
  elimination: "c.kind = '消除' AND (@year IS NULL OR CAST(substr(c.opened_at, 1, 4) AS INTEGER) = @year)",
};

function scopeSql(scope: ScopeIds): string {
  if (scope.villageId !== undefined) return 'h.village_id = @vi';
  if (scope.townshipId !== undefined) return 'v.township_id = @tw';
  return '1';
}

const params = (scope: ScopeIds, year: number | null) => ({
  tw: scope.townshipId ?? null,
  vi: scope.villageId ?? null,
  year,
});

export interface CaseFormRow {
  id: number;
  caseNo: string;
  kind: string;
  hhNo: string;
  source: string | null;
  sourceRef: string | null;
  stage: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  category: string | null;
  risks: string | null;
  disasterSub: string | null;
  method: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  verifyDate: string | null;
  authorizeDate: string | null;
  deliberateDate: string | null;
  result: string | null;
  township: string;
  village: string;
  naturalVillage: string | null;
  headName: string | null;
  headIdNo: string | null;
  phone: string | null;
  hhType: string;
  monCategory: string | null;
  identifiedMonth: string | null;
  eliminatedMonth: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  housingUnsafe: number | null;
  schoolDropout: number | null;
  waterUnsafe: number | null;
  uninsured: number | null;
  size: number;
}

export function caseFormRows(db: Db, scope: ScopeIds, subject: CaseSubject, year: number | null): CaseFormRow[] {
  return db
    .prepare(
      `SELECT c.id, c.case_no AS caseNo, c.kind, c.hh_no AS hhNo, c.source, c.source_ref AS sourceRef, c.stage,
         c.status, c.opened_at AS openedAt, c.closed_at AS closedAt, c.category, c.risks, c.disaster_sub AS disasterSub,
         c.method, c.publicity_start AS publicityStart, c.publicity_end AS publicityEnd, c.verify_date AS verifyDate,
         c.authorize_date AS authorizeDate, c.deliberate_date AS deliberateDate, c.result,
         t.name AS township, v.name AS village, h.natural_village AS naturalVillage, h.head_name AS headName,
         h.head_id_no AS headIdNo, h.phone, h.hh_type AS hhType, h.mon_category AS monCategory,
         h.identified_month AS identifiedMonth, h.eliminated_month AS eliminatedMonth,
         h.contact_person AS contactPerson, h.contact_phone AS contactPhone, h.housing_unsafe AS housingUnsafe,
         h.school_dropout AS schoolDropout, h.water_unsafe AS waterUnsafe, h.uninsured,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册') AS size
       FROM cases c JOIN households h ON h.hh_no = c.hh_no JOIN villages v ON v.id = h.village_id
       JOIN townships t ON t.id = v.township_id
       WHERE ${scopeSql(scope)} AND ${SUBJECT[subject]}
       ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, c.hh_no, c.id`,
    )
    .all(params(scope, year)) as CaseFormRow[];
}

/** Cases of the subject per township or village (to skip units without any). */
export function caseUnitCounts(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
  subject: CaseSubject,
  year: number | null,
): Map<number, number> {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = db
    .prepare(
      `SELECT ${key} AS id, count(*) AS n FROM cases c JOIN households h ON h.hh_no = c.hh_no
       JOIN villages v ON v.id = h.village_id WHERE ${scopeSql(scope)} AND ${SUBJECT[subject]} GROUP BY 1`,
    )
    .all(params(scope, year)) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export type MemberFormRow = Record<string, string | number | null> & { hh_no: string };

/** 在册 members of the given households, 户主 first. */
export function membersOf(db: Db, hhNos: readonly string[]): Map<string, MemberFormRow[]> {
  const rows = db
    .prepare(
      `SELECT * FROM members WHERE hh_no IN (SELECT value FROM json_each(?)) AND status = '在册'
       ORDER BY hh_no, CASE relation WHEN '户主' THEN 0 WHEN '配偶' THEN 1 ELSE 2 END, birth_date, id_no`,
    )
    .all(JSON.stringify(hhNos)) as MemberFormRow[];
  return groupBy(rows, (r) => r.hh_no);
}

export type IncomeFormRow = Record<string, string | number | null> & { hh_no: string; year: number };

/** The latest income year (up to `maxYear`) of each of the given households. */
export function latestIncomes(db: Db, hhNos: readonly string[], maxYear: number): Map<string, IncomeFormRow> {
  const rows = db
    .prepare(
      `SELECT i.* FROM income_totals i WHERE i.hh_no IN (SELECT value FROM json_each(@hh)) AND i.year = (
         SELECT max(year) FROM incomes j WHERE j.hh_no = i.hh_no AND j.year <= @max)`,
    )
    .all({ hh: JSON.stringify(hhNos), max: maxYear }) as IncomeFormRow[];
  return new Map(rows.map((r) => [r.hh_no, r]));
}

export interface CaseDecisionFormRow {
  caseId: number;
  stage: string;
  decision: string;
  opinion: string | null;
  handler: string | null;
  decidedAt: string;
}

export function decisionsOfCases(db: Db, caseIds: readonly number[]): Map<number, CaseDecisionFormRow[]> {
  const rows = db
    .prepare(
      `SELECT case_id AS caseId, stage, decision, opinion, handler, decided_at AS decidedAt FROM case_decisions
       WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, decided_at, id`,
    )
    .all(JSON.stringify(caseIds)) as CaseDecisionFormRow[];
  return groupBy(rows, (r) => r.caseId);
}

/** Measures of the given households (current ones first). */
export function measuresOf(
  db: Db,
  hhNos: readonly string[],
): Map<string, { hh_no: string; category: string; content: string; start_date: string; end_date: string | null }[]> {
  const rows = db
    .prepare(
      `SELECT hh_no, category, content, start_date, end_date FROM measures WHERE hh_no IN (SELECT value FROM json_each(?))
       ORDER BY hh_no, end_date IS NOT NULL, start_date`,
    )
    .all(JSON.stringify(hhNos)) as {
    hh_no: string;
    category: string;
    content: string;
    start_date: string;
    end_date: string | null;
  }[];
  return groupBy(rows, (r) => r.hh_no);
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
