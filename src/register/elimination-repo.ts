import type { EliminationFacts } from '../domain/elimination.js';
import { LABOUR_CAPABLE_SKILLS } from '../domain/vocab.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * The SQL of elimination (SPEC §8): the facts `eliminate check` reads for the unresolved
 * 监测对象 of a scope (a few per cent of a county, so correlated sub-queries on indexed columns
 * are cheap), the households due a 回访, the 回访 records, and 整户无劳动能力 marks.
 */

const capable = `(${LABOUR_CAPABLE_SKILLS.map((s) => `'${s}'`).join(', ')})`;

export interface EliminationScope {
  townshipId?: number | undefined;
  villageId?: number | undefined;
  hhNo?: string | undefined;
}

export interface EliminationRow extends EliminationFacts {
  township: string;
  village: string;
  headName: string | null;
  category: string | null;
  /** 案件号 of the household's open elimination case. */
  openCase: string | null;
  /** Opening date of its latest elimination case, any status. */
  lastCaseOpened: string | null;
}

const scopeWhere = `(@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi) AND (@hh IS NULL OR h.hh_no = @hh)`;
const scopeParams = (s: EliminationScope) => ({
  tw: s.townshipId ?? null,
  vi: s.villageId ?? null,
  hh: s.hhNo ?? null,
});

const ORDER = 'ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, h.hh_no';

export function eliminationFacts(
  db: Db,
  scope: EliminationScope,
  p: { asOf: string; incomeYear: number },
): EliminationRow[] {
  const rows = db
    .prepare(
      `SELECT h.hh_no AS hhNo, t.name AS township, v.name AS village, h.head_name AS headName,
         h.mon_category AS category, h.identified_month AS identifiedMonth,
         h.risk1, h.risk2, h.risk3, h.risk4, h.risk5,
         y.hh_no IS NOT NULL AS hasIncome, y.per_capita AS perCapita,
         p.hh_no IS NOT NULL AS hasPrevIncome, p.per_capita AS prevPerCapita,
         CASE WHEN y.hh_no IS NOT NULL THEN coalesce(y.wage, 0) + coalesce(y.business, 0) + coalesce(y.property, 0)
           + coalesce(y.transfer, 0) END AS gross,
         CASE WHEN y.hh_no IS NOT NULL THEN coalesce(y.dibao_money, 0) + coalesce(y.tekun_money, 0) END AS bottomSupport,
         (coalesce(h.housing_unsafe, 0) = 1 OR coalesce(h.dangerous_house, 0) = 1) AS housingUnsafe,
         coalesce(h.school_dropout, 0) = 1 AS schoolDropout, coalesce(h.water_unsafe, 0) = 1 AS waterUnsafe,
         coalesce(h.uninsured, 0) = 1 AS uninsured, coalesce(h.whole_no_labour, 0) = 1 AS wholeNoLabour,
         h.contact_person AS contactPerson, h.contact_phone AS contactPhone,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册') AS members,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册'
            AND m.labour_skill IN ${capable}) AS labour,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册'
            AND m.labour_skill IS NULL) AS labourUnknown,
         (SELECT group_concat(ms.category, ',') FROM measures ms WHERE ms.hh_no = h.hh_no
            AND (ms.start_date = '' OR ms.start_date <= @asOf)) AS cats,
         (SELECT c.case_no FROM cases c WHERE c.hh_no = h.hh_no AND c.kind = '消除' AND c.status = '办理中') AS openCase,
         (SELECT max(c.opened_at) FROM cases c WHERE c.hh_no = h.hh_no AND c.kind = '消除') AS lastCaseOpened
       FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
       LEFT JOIN income_totals y ON y.hh_no = h.hh_no AND y.year = @year
       LEFT JOIN income_totals p ON p.hh_no = h.hh_no AND p.year = @year - 1
       WHERE h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0 AND ${scopeWhere}
       ${ORDER}`,
    )
    .all({ ...scopeParams(scope), asOf: p.asOf, year: p.incomeYear }) as Record<string, unknown>[];
  return rows.map((r) => ({
    hhNo: r.hhNo as string,
    township: r.township as string,
    village: r.village as string,
    headName: (r.headName as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    identifiedMonth: (r.identifiedMonth as string | null) ?? null,
    risks: [r.risk1, r.risk2, r.risk3, r.risk4, r.risk5].filter((x): x is string => typeof x === 'string' && x !== ''),
    incomeYear: p.incomeYear,
    perCapita: (r.perCapita as number | null) ?? null,
    prevPerCapita: (r.prevPerCapita as number | null) ?? null,
    hasIncome: r.hasIncome === 1,
    hasPrevIncome: r.hasPrevIncome === 1,
    gross: (r.gross as number | null) ?? null,
    bottomSupport: (r.bottomSupport as number | null) ?? null,
    housingUnsafe: r.housingUnsafe === 1,
    schoolDropout: r.schoolDropout === 1,
    waterUnsafe: r.waterUnsafe === 1,
    uninsured: r.uninsured === 1,
    measureCategories: typeof r.cats === 'string' ? r.cats.split(',') : [],
    contactPerson: (r.contactPerson as string | null) ?? null,
    contactPhone: (r.contactPhone as string | null) ?? null,
    members: r.members as number,
    labour: r.labour as number,
    labourUnknown: r.labourUnknown as number,
    wholeNoLabour: r.wholeNoLabour === 1,
    openCase: (r.openCase as string | null) ?? null,
    lastCaseOpened: (r.lastCaseOpened as string | null) ?? null,
  }));
}

export interface DueVisitRow {
  hhNo: string;
  township: string;
  village: string;
  naturalVillage: string | null;
  headName: string | null;
  phone: string | null;
  size: number;
  category: string | null;
  risks: string | null;
  identifiedMonth: string | null;
  eliminatedMonth: string;
  method: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  /** The latest 回访 since the elimination, if any. */
  lastVisit: string | null;
  lastResult: string | null;
}

/**
 * Eliminated households with 风险消除时间 on or before `eliminatedBy` (YYYY-MM). With `dueOnly`,
 * only those without a 回访 since their elimination.
 */
export function eliminatedForVisit(
  db: Db,
  scope: EliminationScope,
  eliminatedBy: string,
  dueOnly: boolean,
): DueVisitRow[] {
  const last = `(SELECT max(x.visit_date) FROM visits x WHERE x.hh_no = h.hh_no AND x.purpose = '回访'
      AND x.visit_date >= h.eliminated_month)`;
  return db
    .prepare(
      `SELECT h.hh_no AS hhNo, t.name AS township, v.name AS village, h.natural_village AS naturalVillage,
         h.head_name AS headName, h.phone, h.mon_category AS category,
         nullif(trim(coalesce(h.risk1, '') || ',' || coalesce(h.risk2, '') || ',' || coalesce(h.risk3, ''), ','), '') AS risks,
         h.identified_month AS identifiedMonth, h.eliminated_month AS eliminatedMonth, h.elimination_method AS method,
         h.contact_person AS contactPerson, h.contact_phone AS contactPhone,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册') AS size,
         ${last} AS lastVisit,
         (SELECT x.result FROM visits x WHERE x.hh_no = h.hh_no AND x.purpose = '回访' ORDER BY x.visit_date DESC, x.id DESC LIMIT 1) AS lastResult
       FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
       WHERE h.mon_category IS NOT NULL AND h.risk_eliminated = 1 AND h.eliminated_month IS NOT NULL
         AND substr(h.eliminated_month, 1, 7) <= @by AND ${scopeWhere} ${dueOnly ? `AND ${last} IS NULL` : ''}
       ${ORDER}`,
    )
    .all({ ...scopeParams(scope), by: eliminatedBy }) as DueVisitRow[];
}

/** Households due a 回访 per township or village, for the report engine's units. */
export function dueVisitUnitCounts(
  db: Db,
  level: 'township' | 'village',
  scope: EliminationScope,
  eliminatedBy: string,
): Map<number, number> {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = db
    .prepare(
      `SELECT ${key} AS id, count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id
       WHERE h.mon_category IS NOT NULL AND h.risk_eliminated = 1 AND h.eliminated_month IS NOT NULL
         AND substr(h.eliminated_month, 1, 7) <= @by AND ${scopeWhere}
         AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.hh_no = h.hh_no AND x.purpose = '回访'
           AND x.visit_date >= h.eliminated_month)
       GROUP BY 1`,
    )
    .all({ ...scopeParams(scope), by: eliminatedBy }) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export interface FollowUpVisit {
  hhNo: string;
  date: string;
  visitor: string;
  result: '稳定' | '出现新风险';
  note: string | null;
  category: string | null;
  risks: string | null;
}

export function insertFollowUpVisit(db: Db, log: ChangeLog, v: FollowUpVisit): number {
  const r = db
    .prepare(
      `INSERT INTO visits (purpose, campaign_id, hh_no, visit_date, visitor, entered, result, note, category, risks)
       VALUES ('回访', NULL, ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
    .run(v.hhNo, v.date, v.visitor, v.result, v.note, v.category, v.risks);
  const id = Number(r.lastInsertRowid);
  log.inserted('visit', `回访|${v.hhNo}|${id}`, {
    回访日期: v.date,
    回访人: v.visitor,
    回访结果: v.result,
    说明: v.note,
    类别: v.category,
    风险类型: v.risks,
  });
  return id;
}

export function linkVisitCase(db: Db, log: ChangeLog, visitId: number, hhNo: string, caseId: number): void {
  db.prepare('UPDATE visits SET case_id = ? WHERE id = ?').run(caseId, visitId);
  log.updated('visit', `回访|${hhNo}|${visitId}`, 'case_id', null, caseId);
}

/** 回访 already recorded for the household on that day (a re-run of the same file). */
export function followUpOn(db: Db, hhNo: string, date: string): { id: number; result: string } | undefined {
  return db
    .prepare("SELECT id, result FROM visits WHERE purpose = '回访' AND hh_no = ? AND visit_date = ?")
    .get(hhNo, date) as { id: number; result: string } | undefined;
}

export interface LabourRow {
  hhNo: string;
  wholeNoLabour: number | null;
  members: number;
  labour: number;
  labourUnknown: number;
  capableText: string | null;
  unknownText: string | null;
}

/** The household's members as far as labour capacity goes (整户无劳动能力). */
export function labourOf(db: Db, hhNo: string): LabourRow | undefined {
  return db
    .prepare(
      `SELECT h.hh_no AS hhNo, h.whole_no_labour AS wholeNoLabour,
         count(m.id_no) AS members,
         count(m.id_no) FILTER (WHERE m.labour_skill IN ${capable}) AS labour,
         count(m.id_no) FILTER (WHERE m.id_no IS NOT NULL AND m.labour_skill IS NULL) AS labourUnknown,
         group_concat(m.name || '（' || m.labour_skill || '）', '、') FILTER (WHERE m.labour_skill IN ${capable}) AS capableText,
         group_concat(m.name, '、') FILTER (WHERE m.id_no IS NOT NULL AND m.labour_skill IS NULL) AS unknownText
       FROM households h LEFT JOIN members m ON m.hh_no = h.hh_no AND m.status = '在册'
       WHERE h.hh_no = ? GROUP BY h.hh_no`,
    )
    .get(hhNo) as LabourRow | undefined;
}

/** Set one household column through the audit log (整户无劳动能力兜底保障户, 实施开发式帮扶措施情况). */
export function setHouseholdColumn(
  db: Db,
  log: ChangeLog,
  hhNo: string,
  column: 'whole_no_labour' | 'dev_measure_status',
  value: string | number | null,
): boolean {
  const old = db.prepare(`SELECT ${column} AS v FROM households WHERE hh_no = ?`).get(hhNo) as
    | { v: string | number | null }
    | undefined;
  if (!old || old.v === value) return false;
  db.prepare(`UPDATE households SET ${column} = ? WHERE hh_no = ?`).run(value, hhNo);
  log.updated('household', hhNo, column, old.v, value);
  return true;
}

/** Counts for `status`: eliminated in a year, rolled back in a year, due a 回访 now. */
export function eliminationCounts(
  db: Db,
  year: number,
  eliminatedBy: string,
): { eliminatedThisYear: number; rolledBackThisYear: number; visitsDue: number } {
  const y = String(year);
  const one = (sql: string, ...args: unknown[]): number =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  return {
    eliminatedThisYear: one(
      'SELECT count(*) FROM households WHERE mon_category IS NOT NULL AND risk_eliminated = 1 AND substr(eliminated_month, 1, 4) = ?',
      y,
    ),
    rolledBackThisYear: one(
      "SELECT count(DISTINCT hh_no) FROM monitoring_events WHERE event = '回退' AND substr(month, 1, 4) = ?",
      y,
    ),
    visitsDue: one(
      `SELECT count(*) FROM households h WHERE h.mon_category IS NOT NULL AND h.risk_eliminated = 1
         AND h.eliminated_month IS NOT NULL AND substr(h.eliminated_month, 1, 7) <= ?
         AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.hh_no = h.hh_no AND x.purpose = '回访'
           AND x.visit_date >= h.eliminated_month)`,
      eliminatedBy,
    ),
  };
}

export interface SnapshotRow {
  hh_no: string;
  eliminated_month: string;
  per_capita: number | null;
  net: number | null;
  housing_damaged: number | null;
  school_dropout: number | null;
  water_damaged: number | null;
  uninsured: number | null;
}

/** The latest 风险消除后 indicators of each of the given households. */
export function latestSnapshots(db: Db, hhNos: readonly string[]): Map<string, SnapshotRow> {
  const rows = db
    .prepare(
      `SELECT s.hh_no, s.eliminated_month, s.per_capita, s.net, s.housing_damaged, s.school_dropout, s.water_damaged,
         s.uninsured FROM elimination_snapshots s WHERE s.hh_no IN (SELECT value FROM json_each(?))
       ORDER BY s.hh_no, s.eliminated_month`,
    )
    .all(JSON.stringify(hhNos)) as SnapshotRow[];
  return new Map(rows.map((r) => [r.hh_no, r]));
}
