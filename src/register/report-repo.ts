import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';

/**
 * The SQL of the reports (`fpjc report`). Read-only. Every report query takes a scope (a
 * township, a village, or the whole county) and returns plain rows in a stable order: 乡镇 and
 * 村 by region code then name, households by 户编号.
 */

export interface TownshipRow {
  id: number;
  name: string;
  code: string | null;
}

export interface VillageRow {
  id: number;
  name: string;
  code: string | null;
  townshipId: number;
  township: string;
}

/** A resolved scope: ids of a township and/or a village, or nothing for the whole county. */
export interface ScopeIds {
  townshipId?: number | undefined;
  villageId?: number | undefined;
}

/**
 * Statements by SQL text, per connection: a report split by village runs the same few queries
 * thousands of times, and preparing them each time costs more than running them.
 */
const statements = new WeakMap<Db, Map<string, Statement>>();
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

const TOWNSHIP_ORDER = 't.code IS NULL, t.code, t.name';
const VILLAGE_ORDER = `${TOWNSHIP_ORDER}, v.code IS NULL, v.code, v.name`;

export function findTownships(db: Db, name: string): TownshipRow[] {
  return prepared(db, 'SELECT id, name, code FROM townships t WHERE name = ?').all(name) as TownshipRow[];
}

export function findVillages(db: Db, name: string, townshipId?: number): VillageRow[] {
  return prepared(
    db,
    `SELECT v.id, v.name, v.code, v.township_id AS townshipId, t.name AS township
       FROM villages v JOIN townships t ON t.id = v.township_id
       WHERE v.name = @name AND (@tw IS NULL OR v.township_id = @tw) ORDER BY ${VILLAGE_ORDER}`,
  ).all({ name, tw: townshipId ?? null }) as VillageRow[];
}

export function listTownships(db: Db, scope: ScopeIds): TownshipRow[] {
  return prepared(
    db,
    `SELECT t.id, t.name, t.code FROM townships t
       WHERE (@tw IS NULL OR t.id = @tw)
         AND (@vi IS NULL OR t.id = (SELECT township_id FROM villages WHERE id = @vi))
       ORDER BY ${TOWNSHIP_ORDER}`,
  ).all(scopeParams(scope)) as TownshipRow[];
}

export function listVillages(db: Db, scope: ScopeIds): VillageRow[] {
  return prepared(
    db,
    `SELECT v.id, v.name, v.code, v.township_id AS townshipId, t.name AS township
       FROM villages v JOIN townships t ON t.id = v.township_id
       WHERE (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
       ORDER BY ${VILLAGE_ORDER}`,
  ).all(scopeParams(scope)) as VillageRow[];
}

/** Households of a scope, on alias h joined to v (villages) and t (townships). */
const HH_JOIN = 'JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id';
const HH_FROM = `households h ${HH_JOIN}`;

/**
 * The scope as a condition that can use the indexes (a village goes straight to
 * households_village): only the conditions that apply, binding @tw (township id) and @vi
 * (village id). `(@vi IS NULL OR …)` would make SQLite scan every household for every village.
 */
function hhScope(scope: ScopeIds): string {
  if (scope.villageId !== undefined) return 'h.village_id = @vi';
  if (scope.townshipId !== undefined) return 'v.township_id = @tw';
  return '1';
}
const scopeParams = (s: ScopeIds): { tw: number | null; vi: number | null } => ({
  tw: s.townshipId ?? null,
  vi: s.villageId ?? null,
});

export type CountSubject = 'households' | 'monitored' | 'members' | 'alerts' | 'campaignFlagged';

/** Rows per township or village for a report's subject (used to skip units without data). */
export function unitCounts(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
  subject: CountSubject,
  campaignId?: string,
): Map<number, number> {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  let sql: string;
  const params: Record<string, unknown> = scopeParams(scope);
  switch (subject) {
    case 'households':
      sql = `SELECT ${key} AS id, count(*) AS n FROM ${HH_FROM} WHERE ${hhScope(scope)} GROUP BY 1`;
      break;
    case 'monitored':
      sql = `SELECT ${key} AS id, count(*) AS n FROM ${HH_FROM} WHERE ${hhScope(scope)} AND h.mon_category IS NOT NULL GROUP BY 1`;
      break;
    case 'members':
      sql = `SELECT ${key} AS id, count(*) AS n FROM members m JOIN households h ON h.hh_no = m.hh_no ${HH_JOIN} WHERE ${hhScope(scope)} GROUP BY 1`;
      break;
    case 'campaignFlagged':
      sql = `SELECT ${key} AS id, count(*) AS n FROM ${HH_FROM}
             WHERE ${hhScope(scope)} AND h.hh_no IN (SELECT hh_no FROM campaign_flags WHERE campaign_id = @campaign) GROUP BY 1`;
      params.campaign = campaignId ?? '';
      break;
    case 'alerts':
      sql = `${openAlertsCte(scope)} SELECT ${key} AS id, count(*) AS n FROM ap JOIN villages v ON v.id = ap.village_id
             WHERE (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi) GROUP BY 1`;
      break;
  }
  const rows = prepared(db, sql).all(params) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

// ---------------------------------------------------------------------------------------------
// 汇总表 summary

export interface SummaryHouseholdRow {
  unitId: number;
  households: number;
  lifted: number;
  monitored: number;
  unresolved: number;
  eliminated: number;
  newInYear: number;
  eliminatedInYear: number;
}

/** Household counts per township or village of the scope. */
export function summaryHouseholds(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
  year: number,
): SummaryHouseholdRow[] {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  return prepared(
    db,
    `SELECT ${key} AS unitId,
         count(*) AS households,
         coalesce(sum(h.hh_type = '脱贫户'), 0) AS lifted,
         coalesce(sum(h.mon_category IS NOT NULL), 0) AS monitored,
         coalesce(sum(h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0), 0) AS unresolved,
         coalesce(sum(h.mon_category IS NOT NULL AND h.risk_eliminated = 1), 0) AS eliminated,
         coalesce(sum(h.mon_category IS NOT NULL AND substr(h.identified_month, 1, 4) = @x), 0) AS newInYear,
         coalesce(sum(h.mon_category IS NOT NULL AND h.risk_eliminated = 1 AND substr(h.eliminated_month, 1, 4) = @x), 0) AS eliminatedInYear
       FROM ${HH_FROM} WHERE ${hhScope(scope)} GROUP BY 1`,
  ).all({ ...scopeParams(scope), x: String(year) }) as SummaryHouseholdRow[];
}

export interface SummaryPeopleRow {
  unitId: number;
  people: number;
  liftedPeople: number;
  monitoredPeople: number;
  /** 在册 people of 监测对象 by 监测对象类别. */
  byCategory: Record<string, number>;
}

/** 在册 people per unit: all, of 脱贫户, of 监测对象 (and by 监测对象类别). */
export function summaryPeople(db: Db, level: 'township' | 'village', scope: ScopeIds): SummaryPeopleRow[] {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = prepared(
    db,
    `SELECT ${key} AS unitId, h.mon_category AS category, count(*) AS people,
         coalesce(sum(h.hh_type = '脱贫户'), 0) AS liftedPeople
       FROM members m JOIN households h ON h.hh_no = m.hh_no ${HH_JOIN}
       WHERE ${hhScope(scope)} AND m.status = '在册' GROUP BY 1, 2`,
  ).all(scopeParams(scope)) as { unitId: number; category: string | null; people: number; liftedPeople: number }[];
  const units = new Map<number, SummaryPeopleRow>();
  for (const r of rows) {
    let u = units.get(r.unitId);
    if (!u) {
      u = { unitId: r.unitId, people: 0, liftedPeople: 0, monitoredPeople: 0, byCategory: {} };
      units.set(r.unitId, u);
    }
    u.people += r.people;
    u.liftedPeople += r.liftedPeople;
    if (r.category !== null) {
      u.monitoredPeople += r.people;
      u.byCategory[r.category] = (u.byCategory[r.category] ?? 0) + r.people;
    }
  }
  return [...units.values()];
}

export interface MonitoredBrief {
  unitId: number;
  category: string;
  eliminated: number;
  identifiedMonth: string | null;
  perCapita: number | null;
  risks: (string | null)[];
}

/** Every 监测对象 of the scope with what the category, risk and colour counts need. */
export function summaryMonitored(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
  incomeYear: number,
): MonitoredBrief[] {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = prepared(
    db,
    `SELECT ${key} AS unitId, h.mon_category AS category, coalesce(h.risk_eliminated, 0) AS eliminated,
         h.identified_month AS identifiedMonth, it.per_capita AS perCapita,
         h.risk1 AS r1, h.risk2 AS r2, h.risk3 AS r3, h.risk4 AS r4, h.risk5 AS r5
       FROM ${HH_FROM} LEFT JOIN income_totals it ON it.hh_no = h.hh_no AND it.year = @x
       WHERE ${hhScope(scope)} AND h.mon_category IS NOT NULL`,
  ).all({ ...scopeParams(scope), x: incomeYear }) as (Omit<MonitoredBrief, 'risks'> &
    Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5', string | null>)[];
  return rows.map(({ r1, r2, r3, r4, r5, ...rest }) => ({ ...rest, risks: [r1, r2, r3, r4, r5] }));
}

/** Households rolled back (风险回退) in a year, per unit. */
export function summaryRollbacks(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
  year: number,
): Map<number, number> {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = prepared(
    db,
    `SELECT ${key} AS id, count(DISTINCT e.hh_no) AS n
       FROM monitoring_events e JOIN households h ON h.hh_no = e.hh_no ${HH_JOIN}
       WHERE ${hhScope(scope)} AND e.event = '回退' AND substr(e.month, 1, 4) = @x GROUP BY 1`,
  ).all({ ...scopeParams(scope), x: String(year) }) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Measures per unit and category. */
export function summaryMeasures(
  db: Db,
  level: 'township' | 'village',
  scope: ScopeIds,
): { unitId: number; category: string; developmental: number; n: number }[] {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  return prepared(
    db,
    `SELECT ${key} AS unitId, ms.category, ms.developmental, count(*) AS n
       FROM measures ms JOIN households h ON h.hh_no = ms.hh_no ${HH_JOIN}
       WHERE ${hhScope(scope)} GROUP BY 1, 2, 3`,
  ).all(scopeParams(scope)) as { unitId: number; category: string; developmental: number; n: number }[];
}

// ---------------------------------------------------------------------------------------------
// 监测对象台账 ledger

export interface LedgerRow {
  township: string;
  village: string;
  hhNo: string;
  headName: string | null;
  headIdNo: string | null;
  hhType: string;
  category: string;
  risk1: string | null;
  risk2: string | null;
  risk3: string | null;
  risk4: string | null;
  risk5: string | null;
  disasterSub: string | null;
  identifiedMonth: string | null;
  eliminated: number;
  eliminationMethod: string | null;
  eliminatedMonth: string | null;
  devMeasureStatus: string | null;
  wholeNoLabour: number | null;
  contactPerson: string | null;
  contactPhone: string | null;
  people: number;
  perCapita: number | null;
  measures: string | null;
}

/** Every 监测对象 of the scope, streamed, by 乡镇/村/户编号. Measures joined as 「类别：内容」 with 「；」. */
export function iterateLedger(db: Db, scope: ScopeIds, incomeYear: number): IterableIterator<LedgerRow> {
  return byVillage(db, scope, (villageId) => ledgerOfVillage(db, villageId, incomeYear));
}

function ledgerOfVillage(db: Db, villageId: number, incomeYear: number): IterableIterator<LedgerRow> {
  const scope = { villageId };
  return prepared(
    db,
    `SELECT t.name AS township, v.name AS village, h.hh_no AS hhNo, h.head_name AS headName, h.head_id_no AS headIdNo,
         h.hh_type AS hhType, h.mon_category AS category, h.risk1, h.risk2, h.risk3, h.risk4, h.risk5,
         h.disaster_sub AS disasterSub, h.identified_month AS identifiedMonth, coalesce(h.risk_eliminated, 0) AS eliminated,
         h.elimination_method AS eliminationMethod, h.eliminated_month AS eliminatedMonth,
         h.dev_measure_status AS devMeasureStatus, h.whole_no_labour AS wholeNoLabour,
         h.contact_person AS contactPerson, h.contact_phone AS contactPhone,
         (SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册') AS people,
         it.per_capita AS perCapita,
         (SELECT group_concat(x, '；') FROM (
            SELECT ms.category || CASE WHEN ms.content <> '' THEN '：' || ms.content ELSE '' END AS x
            FROM measures ms WHERE ms.hh_no = h.hh_no ORDER BY ms.start_date, ms.id)) AS measures
       FROM ${HH_FROM} LEFT JOIN income_totals it ON it.hh_no = h.hh_no AND it.year = @x
              WHERE ${hhScope(scope)} AND h.mon_category IS NOT NULL
       ORDER BY h.hh_no`,
  ).iterate({ ...scopeParams(scope), x: incomeYear }) as IterableIterator<LedgerRow>;
}

// ---------------------------------------------------------------------------------------------
// 预警核查反馈表 alerts

/**
 * Open alerts (not yet 已核实) with the village they belong to: the matched household's, or for
 * an unmatched alert the village named in the alert when that name is unambiguous. The matched
 * part is limited to the scope inside the CTE, so one village's list reads only its households.
 */
function openAlertsCte(scope: ScopeIds): string {
  return `WITH ap AS (
  SELECT a.*, h.head_name AS head_name, h.village_id AS village_id
  FROM households h ${HH_JOIN} JOIN alerts a ON a.hh_no = h.hh_no
  WHERE ${hhScope(scope)} AND a.status <> '已核实'
  UNION ALL
  SELECT a.*, NULL AS head_name, (
      SELECT CASE WHEN count(*) = 1 THEN min(v2.id) END FROM villages v2 JOIN townships t2 ON t2.id = v2.township_id
      WHERE v2.name = a.village_text AND (a.township_text IS NULL OR a.township_text = '' OR t2.name = a.township_text)
    ) AS village_id
  FROM alerts a WHERE a.hh_no IS NULL AND a.status <> '已核实'
)`;
}

export interface AlertRow {
  township: string | null;
  village: string | null;
  hhNo: string | null;
  headName: string | null;
  name: string | null;
  idNo: string;
  sourceDept: string;
  alertType: string;
  alertDate: string;
  value: number | null;
  detail: string | null;
  status: string;
  verifyResult: string | null;
  verifyNote: string | null;
  verifier: string | null;
  verifyDate: string | null;
}

/** Open alerts of the scope by 乡镇/村/户编号; for the whole county also those without a village (last). */
export function iterateOpenAlerts(db: Db, scope: ScopeIds): IterableIterator<AlertRow> {
  const county = scope.townshipId === undefined && scope.villageId === undefined;
  return prepared(
    db,
    `${openAlertsCte(scope)}
       SELECT coalesce(t.name, ap.township_text) AS township, coalesce(v.name, ap.village_text) AS village,
         coalesce(ap.hh_no, ap.hh_no_text) AS hhNo, ap.head_name AS headName, ap.name, ap.id_no AS idNo,
         ap.source_dept AS sourceDept, ap.alert_type AS alertType, ap.alert_date AS alertDate, ap.value, ap.detail,
         ap.status, ap.verify_result AS verifyResult, ap.verify_note AS verifyNote, ap.verifier, ap.verify_date AS verifyDate
       FROM ap LEFT JOIN villages v ON v.id = ap.village_id LEFT JOIN townships t ON t.id = v.township_id
       WHERE ${county ? '1' : '(@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)'}
       ORDER BY v.id IS NULL, ${VILLAGE_ORDER}, ap.hh_no, ap.id_no, ap.alert_date, ap.id`,
  ).iterate(scopeParams(scope)) as IterableIterator<AlertRow>;
}

/** Open alerts the engine cannot place in a village (listed only in the county-wide form). */
export function countUnplacedOpenAlerts(db: Db): number {
  return (
    prepared(db, `${openAlertsCte({})} SELECT count(*) AS n FROM ap WHERE village_id IS NULL`).get() as { n: number }
  ).n;
}

// ---------------------------------------------------------------------------------------------
// 花名册 roster

export type RosterRow = Record<string, string | number | null> & {
  township: string;
  village: string;
  head_name: string | null;
  hh_type: string;
  hh_size: number | null;
  mon_category: string | null;
};

/**
 * Rows of a per-village query over a scope, village by village in VILLAGE_ORDER. SQLite sorts a
 * whole result before returning its first row (in memory: temp_store = MEMORY), so one query
 * over a county's million members would hold them all; one village at a time holds a village.
 */
function* byVillage<T>(db: Db, scope: ScopeIds, one: (villageId: number) => IterableIterator<T>): Generator<T> {
  if (scope.villageId !== undefined) {
    yield* one(scope.villageId);
    return;
  }
  for (const v of listVillages(db, scope)) yield* one(v.id);
}

/** Members of the scope in the order of `fpjc export members` (户编号, 户主 first, 证件号码), with their household. */
export function iterateRoster(db: Db, scope: ScopeIds): IterableIterator<RosterRow> {
  return byVillage(db, scope, (villageId) => rosterOfVillage(db, villageId));
}

function rosterOfVillage(db: Db, villageId: number): IterableIterator<RosterRow> {
  const scope = { villageId };
  return prepared(
    db,
    `SELECT m.*, t.name AS township, v.name AS village, h.head_name, h.hh_type, h.mon_category,
         coalesce(h.size_declared, (SELECT count(*) FROM members m2 WHERE m2.hh_no = h.hh_no AND m2.status = '在册')) AS hh_size
       FROM members m JOIN households h ON h.hh_no = m.hh_no ${HH_JOIN}
       WHERE ${hhScope(scope)}
              ORDER BY m.hh_no, CASE m.relation WHEN '户主' THEN 0 ELSE 1 END, m.id_no`,
  ).iterate(scopeParams(scope)) as IterableIterator<RosterRow>;
}

// ---------------------------------------------------------------------------------------------
// 摸底排查表 survey form (one village at a time: small enough to hold)

export type SurveyHousehold = Record<string, string | number | null> & {
  hh_no: string;
  township: string;
  village: string;
};
export type SurveyMember = Record<string, string | number | null> & { hh_no: string };
export type SurveyIncome = Record<string, string | number | null> & {
  hh_no: string;
  year: number;
  net: number;
  per_capita: number | null;
};

export function surveyHouseholds(db: Db, villageId: number, campaignId: string | undefined): SurveyHousehold[] {
  return prepared(
    db,
    `SELECT h.*, t.name AS township, v.name AS village,
         (SELECT group_concat(rule_id, ',') FROM (SELECT DISTINCT f.rule_id FROM campaign_flags f
          WHERE f.campaign_id = @campaign AND f.hh_no = h.hh_no ORDER BY f.rule_id)) AS flag_rules
       FROM ${HH_FROM}
       WHERE h.village_id = @vi AND (@campaign IS NULL OR h.hh_no IN (SELECT hh_no FROM campaign_flags WHERE campaign_id = @campaign))
       ORDER BY h.hh_no`,
  ).all({ vi: villageId, campaign: campaignId ?? null }) as SurveyHousehold[];
}

export function surveyMembers(db: Db, villageId: number): SurveyMember[] {
  return prepared(
    db,
    `SELECT m.* FROM members m JOIN households h ON h.hh_no = m.hh_no
       WHERE h.village_id = ? AND m.status = '在册'
       ORDER BY m.hh_no, CASE m.relation WHEN '户主' THEN 0 ELSE 1 END, m.birth_date, m.id_no`,
  ).all(villageId) as SurveyMember[];
}

/** Each household's latest income year up to `maxYear`, with derived totals. */
export function surveyIncomes(db: Db, villageId: number, maxYear: number): SurveyIncome[] {
  return prepared(
    db,
    `SELECT it.* FROM income_totals it JOIN households h ON h.hh_no = it.hh_no
       WHERE h.village_id = @vi AND it.year = (SELECT max(i2.year) FROM incomes i2 WHERE i2.hh_no = it.hh_no AND i2.year <= @maxYear)`,
  ).all({ vi: villageId, maxYear }) as SurveyIncome[];
}

export function surveyMeasures(db: Db, villageId: number): { hh_no: string; category: string; content: string }[] {
  return prepared(
    db,
    `SELECT ms.hh_no, ms.category, ms.content FROM measures ms JOIN households h ON h.hh_no = ms.hh_no
       WHERE h.village_id = ? ORDER BY ms.hh_no, ms.start_date, ms.id`,
  ).all(villageId) as { hh_no: string; category: string; content: string }[];
}

export interface CampaignRow {
  id: string;
  name: string | null;
  asOf: string;
  incomeYear: number;
}

export function findCampaign(db: Db, id: string): CampaignRow | undefined {
  return prepared(
    db,
    'SELECT id, name, as_of AS asOf, income_year AS incomeYear FROM campaigns WHERE id = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1',
  ).get(id, id) as CampaignRow | undefined;
}

export function campaignIds(db: Db): string[] {
  return (prepared(db, 'SELECT id FROM campaigns ORDER BY created_at DESC').all() as { id: string }[]).map((r) => r.id);
}
