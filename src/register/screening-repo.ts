import { LABOUR_CAPABLE_SKILLS } from '../domain/vocab.js';
import { ALERT_KINDS, type AlertKind } from '../screening/alert-kinds.js';
import type { HouseholdFinding, VillageFinding } from '../screening/engine.js';
import type { FindingRow } from '../screening/listing.js';
import { type HouseholdFacts, MISSING, type VillageFacts } from '../screening/types.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';
import { type Row, Upserter } from './upsert.js';

/**
 * The SQL of screening (SPEC §6): the facts the rules read, computed set-based in one pass
 * (members aggregated per household, incomes of Y and Y−1, alerts and measures aggregated),
 * and the campaign, its scope and its flags written with a field-level audit.
 */

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const inList = (values: readonly string[]): string => `(${values.map(lit).join(', ')})`;

/** An alert kind as an SQL condition on alias a. */
function alertKindSql(k: AlertKind): string {
  const parts = [`a.source_dept = ${lit(k.source)}`];
  if ('anyOf' in k && k.anyOf) parts.push(`(${k.anyOf.map((w) => `instr(a.alert_type, ${lit(w)}) > 0`).join(' OR ')})`);
  if ('noneOf' in k && k.noneOf) parts.push(...k.noneOf.map((w) => `instr(a.alert_type, ${lit(w)}) = 0`));
  if ('needsValue' in k && k.needsValue) parts.push('a.value IS NOT NULL');
  return `(${parts.join(' AND ')})`;
}

/** `「大病自付」（2024-03-02）`; with the amount for 医保 self-pay. */
const ALERT_TEXT = `'「' || a.alert_type || '」' || CASE WHEN a.alert_date <> '' THEN '（' || a.alert_date || '）' ELSE '' END`;
const MEDICAL_TEXT = `'「' || a.alert_type || '」' || printf('%,d', CAST(round(a.value) AS INTEGER)) || ' 元' || CASE WHEN a.alert_date <> '' THEN '（' || a.alert_date || '）' ELSE '' END`;

/** A date-or-month column as the first day it stands for (`2023-01` → `2023-01-01`). */
const sinceDaySql = (col: string): string => `CASE WHEN length(${col}) = 7 THEN ${col} || '-01' ELSE ${col} END`;

export interface FactsParams {
  incomeYear: number;
  asOf: string;
  townshipId: number | null;
  unstableWorkMonths: number;
  bigIllnessSelfPay: number;
}

/**
 * The facts come from four statements per batch of 户编号 (a range), merged by 户编号 in code:
 * joining the aggregates in SQL would materialize and index them, which costs more than the
 * aggregation itself. Each statement reads its table once, set-based.
 */
function factsStatements(
  scoped: boolean,
  workPeriods = true,
): { base: string; members: string; alerts: string; measures: string; previous: string } {
  const capable = inList(LABOUR_CAPABLE_SKILLS);
  const onDibao = `(m.dibao IS NOT NULL AND m.dibao <> '未享受')`;
  const onTekun = '(m.tekun = 1)';
  // cheapest tests first: most members have none of these
  const disabled = `(m.disability_grade IS NOT NULL OR m.disability_type IS NOT NULL OR instr(m.health, '残疾') > 0)`;
  const severe = `(m.disability_grade IN ('一级', '二级'))`;
  const age = `(CAST(substr(@asOf, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER) - (substr(@asOf, 6, 5) < substr(m.birth_date, 6, 5)))`;
  // months worked: from the 务工 records of the income year where there are any, else 务工时间（月）
  const months = 'coalesce(m.wp_months, m.work_months)';
  const worker = `(m.wp_months > 0 OR (m.work_status LIKE '%务工' AND m.work_status <> '未务工') OR (m.work_status IS NULL AND ${months} > 0))`;
  const namedWorker = `(m.work_status LIKE '%务工' AND m.work_status <> '未务工')`;
  // a month-precision date (2023-01) counts from the first of its month
  const newDibao = `(${onDibao} AND ${sinceDaySql('m.dibao_since')} >= @yearStart)`;
  const newTekun = `(${onTekun} AND ${sinceDaySql('m.tekun_since')} >= @yearStart)`;
  const current = `(coalesce(a.verify_result, '') <> '不属实' AND (a.alert_date = '' OR a.alert_date >= @yearStart))`;
  const kind = (k: AlertKind, text = ALERT_TEXT): string =>
    `group_concat(${text}, '、') FILTER (WHERE ${current} AND ${alertKindSql(k)})`;
  const members = /* sql */ `
  SELECT m.hh_no AS hhNo,
    count(*) AS members,
    count(*) FILTER (WHERE m.labour_skill IN ${capable}) AS labour,
    count(*) FILTER (WHERE m.labour_skill IS NULL) AS labourUnknown,
    group_concat(m.name || '（' || coalesce(m.disability_grade, '') || coalesce(m.disability_type, '残疾') || '）', '、')
      FILTER (WHERE ${disabled}) AS disabledText,
    group_concat(m.name || '（' || m.disability_grade || coalesce(m.disability_type, '残疾') || '）', '、')
      FILTER (WHERE ${severe}) AS severeDisabledText,
    group_concat(m.name, '、') FILTER (WHERE m.health <> '健康' AND instr(m.health, '患有大病') > 0) AS illnessText,
    group_concat(m.name, '、') FILTER (WHERE m.health <> '健康' AND instr(m.health, '长期慢性病') > 0) AS chronicText,
    group_concat(m.name || '（' || m.disabled_care || '，' || ${age} || ' 岁）', '、')
      FILTER (WHERE m.disabled_care IN ('失能', '半失能') AND m.birth_date IS NOT NULL AND ${age} >= 60) AS elderCareText,
    group_concat(m.name || '（' || CASE WHEN ${onDibao} AND ${onTekun} THEN m.dibao || '，特困供养'
      WHEN ${onDibao} THEN m.dibao ELSE '特困供养' END || '）', '、') FILTER (WHERE ${onDibao} OR ${onTekun}) AS welfareText,
    group_concat(m.name || '（' || trim(
        CASE WHEN ${newDibao} THEN m.dibao_since || ' 纳入' || m.dibao ELSE '' END || ' ' ||
        CASE WHEN ${newTekun} THEN m.tekun_since || ' 纳入特困供养' ELSE '' END) || '）', '、')
      FILTER (WHERE ${newDibao} OR ${newTekun}) AS newWelfareText,
    group_concat(m.name, '、') FILTER (WHERE (${onDibao} AND m.dibao_since IS NULL) OR (${onTekun} AND m.tekun_since IS NULL))
      AS welfareNoSinceText,
    group_concat(m.name || ' ' || printf('%g', ${months}) || ' 个月', '、')
      FILTER (WHERE ${months} < @unstable AND ${worker}) AS unstableWorkersText,
    group_concat(m.name, '、') FILTER (WHERE ${months} IS NULL AND ${namedWorker}) AS workersNoMonthsText
  FROM batch_members m
  GROUP BY m.hh_no`;
  const monthIndex = (x: string): string =>
    `(CAST(substr(${x}, 1, 4) AS INTEGER) * 12 + CAST(substr(${x}, 6, 2) AS INTEGER))`;
  const yearFirst = `(CAST(substr(@yearStart, 1, 4) AS INTEGER) * 12 + 1)`;
  const yearLast = `(CAST(substr(@yearStart, 1, 4) AS INTEGER) * 12 + 12)`;
  const periodEnd = `CASE WHEN w.end_month IS NULL OR w.end_month = '' THEN ${monthIndex('@asOf')} ELSE ${monthIndex('w.end_month')} END`;
  // The members with their months of 务工 periods, computed once per member: as a co-routine (the
  // LIMIT keeps SQLite from flattening it, which would repeat the subquery at every use) in 户编号
  // order, so the GROUP BY needs no sort; only the columns the aggregates read.
  // (a register without 务工 periods skips the lookup: 985k members, a fifth of the statement)
  const wpMonths = `(SELECT sum(max(0, min(${periodEnd}, ${yearLast}) - max(${monthIndex('w.start_month')}, ${yearFirst}) + 1))
                 FROM work_periods w WHERE w.id_no = m.id_no AND w.start_month <> '' AND coalesce(w.working, 1) = 1)`;
  const withBatch = /* sql */ `
  WITH batch_members AS NOT MATERIALIZED (
    SELECT m.hh_no, m.name, m.birth_date, m.health, m.disability_grade, m.disability_type, m.disabled_care,
      m.labour_skill, m.dibao, m.dibao_since, m.tekun, m.tekun_since, m.work_status, m.work_months,
      ${workPeriods ? wpMonths : 'NULL'} AS wp_months
    FROM members m WHERE m.hh_no > @from AND m.hh_no <= @to AND m.status = '在册'
    ORDER BY m.hh_no LIMIT -1)`;
  const alerts = /* sql */ `
  SELECT a.hh_no AS hhNo,
    count(*) FILTER (WHERE a.status <> '已核实') AS openAlerts,
    group_concat(a.source_dept || '「' || a.alert_type || '」（' || a.status || '）', '、')
      FILTER (WHERE a.status <> '已核实') AS openAlertsText,
    max(a.value) FILTER (WHERE ${current} AND ${alertKindSql(ALERT_KINDS.medical)}) AS medicalAlertMax,
    group_concat(${MEDICAL_TEXT}, '、')
      FILTER (WHERE ${current} AND ${alertKindSql(ALERT_KINDS.medical)} AND a.value >= @bigIllness) AS medicalAlertText,
    ${kind(ALERT_KINDS.newWelfare)} AS newWelfareAlertText,
    ${kind(ALERT_KINDS.unemployed)} AS unemployedAlertText,
    ${kind(ALERT_KINDS.housing)} AS housingAlertText,
    ${kind(ALERT_KINDS.school)} AS schoolAlertText,
    ${kind(ALERT_KINDS.water)} AS waterAlertText,
    ${kind(ALERT_KINDS.uninsured)} AS uninsuredAlertText,
    ${kind(ALERT_KINDS.petition)} AS petitionAlertText
  FROM alerts a
  WHERE a.hh_no > @from AND a.hh_no <= @to
  GROUP BY a.hh_no`;
  const measures = /* sql */ `
  SELECT hh_no AS hhNo, count(*) AS measures, count(*) FILTER (WHERE developmental = 1) AS devMeasures,
    count(*) FILTER (WHERE category <> '综合保障') AS nonWelfareMeasures
  FROM measures WHERE hh_no > @from AND hh_no <= @to AND (start_date = '' OR start_date <= @asOf)
  GROUP BY hh_no`;
  const base = /* sql */ `
SELECT h.hh_no AS hhNo, v.township_id AS townshipId, h.village_id AS villageId, h.mon_category AS monCategory,
  (h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0)
  | ((h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 1) << 1)
  | ((coalesce(h.whole_no_labour, 0) = 1) << 2)
  | ((coalesce(h.housing_unsafe, 0) = 1 OR coalesce(h.dangerous_house, 0) = 1) << 3)
  | ((coalesce(h.school_dropout, 0) = 1) << 4)
  | ((coalesce(h.water_unsafe, 0) = 1) << 5)
  | ((coalesce(h.uninsured, 0) = 1) << 6)
  | ((y.hh_no IS NOT NULL) << 7)
  | ((h.hh_type = '脱贫户') << 8)
  | ((h.contact_person IS NOT NULL AND h.contact_person <> '') << 9) AS bits,
  h.identified_month AS identifiedMonth, h.eliminated_month AS eliminatedMonth, h.dev_measure_status AS devMeasureStatus,
  y.net AS yNet, y.per_capita AS yPerCapita, y.wage AS yWage,
  CASE WHEN y.hh_no IS NOT NULL THEN coalesce(y.wage, 0) + coalesce(y.business, 0) + coalesce(y.property, 0) + coalesce(y.transfer, 0) END AS yGross,
  y.self_pay AS ySelfPay, y.other_rigid AS yOtherRigid,
  CASE WHEN y.hh_no IS NULL THEN NULL
       WHEN coalesce(y.dibao_money, y.tekun_money, y.pension_money, y.family_planning, y.eco_compensation) IS NULL THEN y.transfer
       ELSE coalesce(y.dibao_money, 0) + coalesce(y.tekun_money, 0) + coalesce(y.pension_money, 0)
          + coalesce(y.family_planning, 0) + coalesce(y.eco_compensation, 0) END AS yPolicyTransfer
FROM households h
JOIN villages v ON v.id = h.village_id
LEFT JOIN income_totals y ON y.hh_no = h.hh_no AND y.year = @year
WHERE h.hh_no > @from AND h.hh_no <= @to ${scoped ? 'AND v.township_id = @tw' : ''}
ORDER BY h.hh_no`;
  // the year before's income: read apart, so that a reader thread can take it
  const previous = /* sql */ `
  SELECT hh_no AS hhNo, net AS pNet, per_capita AS pPerCapita FROM income_totals
  WHERE hh_no > @from AND hh_no <= @to AND year = @prevYear`;
  return { base, members: withBatch + members, alerts, measures, previous };
}

/** Yes/no facts packed into the `bits` column, by bit. */
const BITS = [
  'unresolved',
  'eliminated',
  'wholeNoLabour',
  'housingUnsafe',
  'schoolDropout',
  'waterUnsafe',
  'uninsured',
  'yRow',
  'lifted',
  'hasContact',
] as const;

/** Counts of members read from the lists of their names (one name per member, joined with 、). */
const COUNTED_TEXTS: Record<string, string> = {
  disabled: 'disabledText',
  severeDisabled: 'severeDisabledText',
  welfare: 'welfareText',
  unstableWorkers: 'unstableWorkersText',
};

const countOf = (text: unknown): number => (typeof text === 'string' ? text.split('、').length : 0);

type Raw = unknown[];

/**
 * A function compiled once for the statements' columns that builds the facts of a household
 * from its row of each (rows come back as arrays, much cheaper than objects for ~60 columns).
 * A household without members, alerts or measures gets counts of 0 and null texts.
 */
function compileMapper(
  columns: { base: string[]; members: string[]; alerts: string[]; measures: string[]; previous: string[] },
  regions: { townships: Map<number, string>; villages: Map<number, string> },
) {
  const parts: string[] = [];
  columns.base.forEach((c, i) => {
    if (c !== 'bits') parts.push(`${c}: b[${i}]`);
    else for (const [bit, name] of BITS.entries()) parts.push(`${name}: (b[${i}] & ${1 << bit}) !== 0`);
  });
  const t = columns.base.indexOf('townshipId');
  const v = columns.base.indexOf('villageId');
  parts.push(`township: townships.get(b[${t}])`, `village: villages.get(b[${v}])`);
  const extra = (name: 'm' | 'a' | 's' | 'p', cols: string[]) =>
    cols.forEach((c, i) => {
      if (c === 'hhNo') return;
      const zero = name !== 'p' && !c.endsWith('Text') && c !== 'medicalAlertMax';
      parts.push(`${c}: ${name} === undefined ? ${zero ? '0' : 'null'} : ${name}[${i}]`);
    });
  extra('m', columns.members);
  extra('a', columns.alerts);
  extra('s', columns.measures);
  extra('p', columns.previous);
  parts.push('pRow: p !== undefined');
  for (const [count, text] of Object.entries(COUNTED_TEXTS)) {
    const i = columns.members.indexOf(text);
    if (i < 0) throw new Error(`facts column ${text} missing`);
    parts.push(`${count}: m === undefined ? 0 : countOf(m[${i}])`);
  }
  return new Function('countOf', 'townships', 'villages', `return (b, m, a, s, p) => ({ ${parts.join(', ')} });`)(
    countOf,
    regions.townships,
    regions.villages,
  ) as (b: Raw, m: Raw | undefined, a: Raw | undefined, s: Raw | undefined, p: Raw | undefined) => HouseholdFacts;
}

/** Above every 户编号 (digit strings) in SQLite's binary collation. */
const LAST = '\u{10FFFF}';

/** A range of 户编号 (from, to]: one batch of the facts. */
export interface FactRange {
  from: string;
  to: string;
}

/**
 * The facts of one range that come from members, alerts and measures: one row (an array) per
 * household that has any, per statement.
 */
export interface SideFactRows {
  members: Raw[];
  alerts: Raw[];
  measures: Raw[];
  /** Incomes of the year before the income year. */
  previous: Raw[];
}

/**
 * Ranges of about `batch` households of the scope (the register, or one township) each, in 户编号
 * order, that cover the scope.
 */
export function* factRanges(db: Db, townshipId: number | null, batch = 1_000): Generator<FactRange> {
  const boundary = db
    .prepare(
      townshipId === null
        ? 'SELECT hh_no FROM households WHERE hh_no > @from ORDER BY hh_no LIMIT 1 OFFSET @skip'
        : `SELECT h.hh_no FROM households h JOIN villages v ON v.id = h.village_id
           WHERE h.hh_no > @from AND v.township_id = @tw ORDER BY h.hh_no LIMIT 1 OFFSET @skip`,
    )
    .pluck();
  const tw = townshipId === null ? {} : { tw: townshipId };
  let from = '';
  for (;;) {
    const to = (boundary.get({ from, skip: batch - 1, ...tw }) as string | undefined) ?? LAST;
    yield { from, to };
    if (to === LAST) return;
    from = to;
  }
}

function statementParams(p: FactsParams): Record<string, unknown> {
  const params: Record<string, unknown> = {
    year: p.incomeYear,
    prevYear: p.incomeYear - 1,
    yearStart: `${p.incomeYear}-01-01`,
    asOf: p.asOf,
    unstable: p.unstableWorkMonths,
    bigIllness: p.bigIllnessSelfPay,
  };
  if (p.townshipId !== null) params.tw = p.townshipId;
  return params;
}

/** A statement's named parameters taken from `params` (SQLite refuses unused ones). */
function boundTo(stmtSql: string, params: Record<string, unknown>) {
  const used = Object.fromEntries(Object.entries(params).filter(([k]) => stmtSql.includes(`@${k}`)));
  return (range: FactRange) => ({ ...used, ...range });
}

/**
 * The member, alert and measure aggregates of range after range (most of the facts' cost; a
 * reader thread may compute them while the command's thread reads the rest with `factsReader`).
 */
export function sideFactsReader(db: Db, p: FactsParams): (range: FactRange) => SideFactRows {
  const workPeriods = db.prepare('SELECT 1 FROM work_periods LIMIT 1').get() !== undefined;
  const sql = factsStatements(p.townshipId !== null, workPeriods);
  const params = statementParams(p);
  const read = (stmtSql: string) => {
    const stmt = db.prepare(stmtSql).raw();
    const bind = boundTo(stmtSql, params);
    return (range: FactRange) => stmt.all(bind(range)) as Raw[];
  };
  const members = read(sql.members);
  const alerts = read(sql.alerts);
  const measures = read(sql.measures);
  const previous = read(sql.previous);
  return (range) => ({
    members: members(range),
    alerts: alerts(range),
    measures: measures(range),
    previous: previous(range),
  });
}

/**
 * The facts of the households of a range in 户编号 order, given the range's other aggregates
 * (from `sideFactsReader`, on this connection or another of the same register).
 */
export function factsReader(db: Db, p: FactsParams): (range: FactRange, side: SideFactRows) => HouseholdFacts[] {
  const sql = factsStatements(p.townshipId !== null);
  const base = db.prepare(sql.base).raw();
  const names = (stmtSql: string) =>
    db
      .prepare(stmtSql)
      .columns()
      .map((c) => c.name);
  const regions = {
    townships: new Map(db.prepare('SELECT id, name FROM townships').raw().all() as [number, string][]),
    villages: new Map(db.prepare('SELECT id, name FROM villages').raw().all() as [number, string][]),
  };
  const toFacts = compileMapper(
    {
      base: names(sql.base),
      members: names(sql.members),
      alerts: names(sql.alerts),
      measures: names(sql.measures),
      previous: names(sql.previous),
    },
    regions,
  );
  const bind = boundTo(sql.base, statementParams(p));
  const byHousehold = (rows: Raw[]) => new Map(rows.map((r) => [r[0] as string, r]));
  return (range, side) => {
    const rows = base.all(bind(range)) as Raw[];
    if (rows.length === 0) return [];
    const m = byHousehold(side.members);
    const a = byHousehold(side.alerts);
    const s = byHousehold(side.measures);
    const y = byHousehold(side.previous);
    return rows.map((b) => {
      const hh = b[0] as string;
      return toFacts(b, m.get(hh), a.get(hh), s.get(hh), y.get(hh));
    });
  };
}

/**
 * The facts of every household in scope in 户编号 order, in batches of about `batch` households
 * (a range of 户编号 each), so memory stays bounded and the caller may write between batches.
 */
export function* householdFactBatches(db: Db, p: FactsParams, batch = 1_000): Generator<HouseholdFacts[]> {
  const side = sideFactsReader(db, p);
  const facts = factsReader(db, p);
  for (const range of factRanges(db, p.townshipId, batch)) {
    const f = facts(range, side(range));
    if (f.length > 0) yield f;
  }
}

/** The villages in scope with their 脱贫户 and 监测对象 identified since 2021 (V01). */
export function villageFacts(db: Db, townshipId: number | null): VillageFacts[] {
  return db
    .prepare(
      `SELECT v.id AS villageId, v.name AS village, v.township_id AS townshipId, t.name AS township,
         count(h.hh_no) AS households,
         count(*) FILTER (WHERE h.hh_type = '脱贫户') AS lifted,
         count(*) FILTER (WHERE (h.mon_category IS NOT NULL AND (h.identified_month IS NULL OR h.identified_month >= '2021-01'))
           OR EXISTS (SELECT 1 FROM monitoring_events e WHERE e.hh_no = h.hh_no AND e.event = '识别'
                      AND (e.month IS NULL OR e.month >= '2021-01'))) AS monitoredSince2021
       FROM villages v JOIN townships t ON t.id = v.township_id
       LEFT JOIN households h ON h.village_id = v.id
       WHERE (@tw IS NULL OR v.township_id = @tw)
       GROUP BY v.id
       ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name`,
    )
    .all({ tw: townshipId }) as VillageFacts[];
}

/**
 * R03's boundary: per-capita income (in cents) of the household at position ⌈n × share⌉ among
 * the county's 脱贫户 with an income of the year, lowest first; null when none has one.
 */
export function bottomCutoff(db: Db, incomeYear: number, share: number): { cutoff: number; ranked: number } | null {
  const values = db
    .prepare(
      // households first (CROSS JOIN keeps the order): one scan and a key lookup per 脱贫户
      `SELECT round(i.per_capita, 2) FROM households h CROSS JOIN income_totals i ON i.hh_no = h.hh_no AND i.year = ?
       WHERE h.hh_type = '脱贫户' AND i.per_capita IS NOT NULL`,
    )
    .pluck()
    .all(incomeYear) as number[];
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const k = Math.max(1, Math.ceil(sorted.length * share - 1e-9));
  return { cutoff: sorted[k - 1]!, ranked: sorted.length };
}

// ---------------------------------------------------------------------------------------------
// Campaigns

export interface CampaignRecord {
  id: string;
  name: string | null;
  asOf: string;
  incomeYear: number;
  township: string | null;
  rules: string | null;
  createdAt: string;
  lastRunAt: string | null;
}

/** A campaign by its id; ids are matched without regard to case (2024q2 is 2024Q2). */
export function findCampaign(db: Db, id: string): CampaignRecord | undefined {
  return db
    .prepare(
      `SELECT id, name, as_of AS asOf, income_year AS incomeYear, township, rules, created_at AS createdAt,
         last_run_at AS lastRunAt FROM campaigns WHERE id = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1`,
    )
    .get(id, id) as CampaignRecord | undefined;
}

export function campaignIds(db: Db): string[] {
  return (
    db.prepare('SELECT id FROM campaigns ORDER BY coalesce(last_run_at, created_at) DESC').all() as { id: string }[]
  ).map((r) => r.id);
}

export function townshipByName(db: Db, name: string): { id: number; name: string } | undefined {
  return db.prepare('SELECT id, name FROM townships WHERE name = ?').get(name) as
    | { id: number; name: string }
    | undefined;
}

export function townshipNames(db: Db): string[] {
  return (db.prepare('SELECT name FROM townships ORDER BY code IS NULL, code, name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Insert or update the campaign record (audited field by field). */
export function saveCampaign(db: Db, log: ChangeLog, c: CampaignRecord): void {
  const up = new Upserter(db, { table: 'campaigns', entity: 'campaign', keyColumns: ['id'] }, log);
  const existing = up.find({ id: c.id });
  const row: Row = {
    id: c.id,
    name: c.name,
    as_of: c.asOf,
    income_year: c.incomeYear,
    township: c.township,
    rules: c.rules,
    last_run_at: c.lastRunAt,
  };
  if (!existing) row.created_at = c.createdAt;
  up.upsert(row, existing);
}

export interface ReplaceCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

const counts = (): ReplaceCounts => ({ inserted: 0, updated: 0, deleted: 0, unchanged: 0 });

export interface Replaced {
  before: number;
  after: number;
}

const SCOPE_HOUSEHOLDS = `SELECT h.hh_no FROM households h JOIN villages v ON v.id = h.village_id
  WHERE v.township_id = @tw`;

/**
 * Make the campaign's scope every household of the register (or of a township), set-based. The
 * scope follows from the campaign's township, so the audit records its size, not each household.
 */
export function replaceScope(db: Db, log: ChangeLog, campaignId: string, townshipId: number | null): Replaced {
  const count = db.prepare('SELECT count(*) FROM campaign_scope WHERE campaign_id = ?').pluck();
  const before = count.get(campaignId) as number;
  // the whole county: every household, read from the key's index alone
  const households = townshipId === null ? 'SELECT hh_no FROM households' : SCOPE_HOUSEHOLDS;
  const params = townshipId === null ? { c: campaignId } : { c: campaignId, tw: townshipId };
  db.prepare(`DELETE FROM campaign_scope WHERE campaign_id = @c AND hh_no NOT IN (${households})`).run(params);
  db.prepare(`INSERT OR IGNORE INTO campaign_scope (campaign_id, hh_no) SELECT @c, hh_no FROM (${households})`).run(
    params,
  );
  const after = count.get(campaignId) as number;
  if (after !== before) log.updated('campaign_scope', campaignId, '户数', before, after);
  return { before, after };
}

/** Findings of a campaign per rule: flags and 数据缺失 apart. */
function findingCounts(db: Db, campaignId: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of db
    .prepare(
      `SELECT rule_id, category = '${MISSING}' AS missing, count(*) AS n FROM campaign_flags WHERE campaign_id = ? GROUP BY 1, 2`,
    )
    .raw()
    .all(campaignId) as [string, number, number][]) {
    m.set(`${r[0]}|${r[1] === 1 ? MISSING : '预警'}`, r[2]);
  }
  return m;
}

/**
 * Replaces the campaign's household findings: the old ones are deleted when it is created,
 * `write` adds the new ones batch by batch (in 户编号 and rule order, the table's order), and
 * `finish` audits. Flags are results computed from the register, whose own changes are audited;
 * the audit records, per rule, how many flags and 数据缺失 findings there were before and after.
 */
export class FlagWriter {
  private readonly old: Map<string, number>;
  private readonly now = new Map<string, number>();
  private readonly insertOne;
  private readonly insertMany;
  private count = 0;

  /** Rows per INSERT statement: one statement for many rows is about twice as fast. */
  static readonly ROWS = 64;

  constructor(
    db: Db,
    private readonly campaignId: string,
  ) {
    this.old = findingCounts(db, campaignId);
    db.prepare('DELETE FROM campaign_flags WHERE campaign_id = ?').run(campaignId);
    const sql = (n: number) =>
      `INSERT INTO campaign_flags (campaign_id, hh_no, rule_id, category, evidence) VALUES ${Array(n).fill('(?, ?, ?, ?, ?)').join(', ')}`;
    this.insertOne = db.prepare(sql(1));
    this.insertMany = db.prepare(sql(FlagWriter.ROWS));
  }

  write(findings: readonly HouseholdFinding[]): void {
    const n = FlagWriter.ROWS;
    let i = 0;
    const args: (string | number)[] = [];
    for (; i + n <= findings.length; i += n) {
      args.length = 0;
      for (let k = i; k < i + n; k++) {
        const f = findings[k]!;
        args.push(this.campaignId, f.hhNo, f.rule, f.category, f.evidence);
      }
      this.insertMany.run(args);
    }
    for (; i < findings.length; i++) {
      const f = findings[i]!;
      this.insertOne.run(this.campaignId, f.hhNo, f.rule, f.category, f.evidence);
    }
    for (const f of findings) {
      const k = `${f.rule}|${f.category === MISSING ? MISSING : '预警'}`;
      this.now.set(k, (this.now.get(k) ?? 0) + 1);
    }
    this.count += findings.length;
  }

  finish(log: ChangeLog): Replaced & { byRule: Record<string, Replaced> } {
    const byRule: Record<string, Replaced> = {};
    for (const k of [...new Set([...this.old.keys(), ...this.now.keys()])].sort()) {
      const [rule, kind] = k.split('|') as [string, string];
      const b = this.old.get(k) ?? 0;
      const a = this.now.get(k) ?? 0;
      if (kind === '预警') byRule[rule] = { before: b, after: a };
      if (a !== b) {
        log.updated(
          'campaign_flags',
          `${this.campaignId}|${rule}`,
          kind === '预警' ? '预警户数' : '数据缺失户数',
          b,
          a,
        );
      }
    }
    const before = [...this.old.values()].reduce((x, y) => x + y, 0);
    return { before, after: this.count, byRule };
  }
}

/** The campaign's household findings in 户编号 and rule order (for `screen --json`), streamed. */
export function* campaignFindings(db: Db, campaignId: string): Generator<HouseholdFinding> {
  const stmt = db
    .prepare(
      'SELECT hh_no, rule_id, category, evidence FROM campaign_flags WHERE campaign_id = ? ORDER BY hh_no, rule_id',
    )
    .raw();
  for (const [hhNo, rule, category, evidence] of stmt.iterate(campaignId) as Iterable<
    [string, HouseholdFinding['rule'], HouseholdFinding['category'], string]
  >) {
    yield { hhNo, rule, category, evidence };
  }
}

export function replaceVillageFlags(
  db: Db,
  log: ChangeLog,
  campaignId: string,
  findings: readonly VillageFinding[],
): ReplaceCounts {
  const out = counts();
  const old = new Map<string, string>();
  for (const r of db
    .prepare('SELECT village_id, rule_id, evidence FROM village_flags WHERE campaign_id = ?')
    .raw()
    .all(campaignId) as [number, string, string][]) {
    old.set(`${r[0]}|${r[1]}`, r[2]);
  }
  const insert = db.prepare(
    'INSERT INTO village_flags (campaign_id, village_id, rule_id, evidence) VALUES (?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE village_flags SET evidence = ? WHERE campaign_id = ? AND village_id = ? AND rule_id = ?',
  );
  const del = db.prepare('DELETE FROM village_flags WHERE campaign_id = ? AND village_id = ? AND rule_id = ?');
  for (const f of findings) {
    const key = `${f.villageId}|${f.rule}`;
    const before = old.get(key);
    const recordKey = `${campaignId}|${key}`;
    if (before === undefined) {
      insert.run(campaignId, f.villageId, f.rule, f.evidence);
      log.inserted('village_flag', recordKey);
      out.inserted++;
      continue;
    }
    old.delete(key);
    if (before === f.evidence) {
      out.unchanged++;
      continue;
    }
    update.run(f.evidence, campaignId, f.villageId, f.rule);
    log.updated('village_flag', recordKey, 'evidence', before, f.evidence);
    out.updated++;
  }
  for (const [key, evidence] of old) {
    const [village, rule] = key.split('|') as [string, string];
    del.run(campaignId, Number(village), rule);
    log.deleted('village_flag', `${campaignId}|${key}`, { village_id: Number(village), rule_id: rule, evidence });
    out.deleted++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading a campaign back: flags, coverage, results

export interface FlagFilter {
  townshipId?: number | undefined;
  villageId?: number | undefined;
  /** Only households flagged by this rule (or, with `withMissing`, that it could not evaluate). */
  rule?: string | undefined;
  withMissing?: boolean | undefined;
}

/**
 * The campaign's findings (flags and 数据缺失) with each household's region, head and visit, in
 * 乡镇/村/户编号/rule order. With `rule`, only households that have that rule (but all their findings).
 */
export function* iterateCampaignFlags(db: Db, campaignId: string, filter: FlagFilter = {}): Generator<FindingRow> {
  const stmt = db.prepare(
    `SELECT f.hh_no AS hhNo, t.name AS township, v.name AS village, v.id AS villageId, h.head_name AS headName,
       h.hh_type AS hhType, h.mon_category AS monCategory, h.risk_eliminated AS riskEliminated,
       (SELECT count(*) FROM members m WHERE m.hh_no = f.hh_no AND m.status = '在册') AS members,
       f.rule_id AS rule, f.category, f.evidence,
       vs.visit_date AS visitDate, vs.visitor, vs.entered, vs.result, vs.note,
       vs.category AS visitCategory, vs.risks AS visitRisks
     FROM campaign_flags f
     JOIN households h ON h.hh_no = f.hh_no
     JOIN villages v ON v.id = h.village_id
     JOIN townships t ON t.id = v.township_id
     LEFT JOIN visits vs ON vs.purpose = '排查' AND vs.campaign_id = f.campaign_id AND vs.hh_no = f.hh_no
     WHERE f.campaign_id = @c
       AND (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
       AND (@rule IS NULL OR f.hh_no IN (SELECT hh_no FROM campaign_flags WHERE campaign_id = @c AND rule_id = @rule
                                         AND (@withMissing = 1 OR category <> '${MISSING}')))
     ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, f.hh_no, f.rule_id`,
  );
  yield* stmt.iterate({
    c: campaignId,
    tw: filter.townshipId ?? null,
    vi: filter.villageId ?? null,
    rule: filter.rule ?? null,
    withMissing: filter.withMissing ? 1 : 0,
  }) as Iterable<FindingRow>;
}

export interface VillageFlagRow {
  township: string;
  village: string;
  rule: string;
  evidence: string;
}

export function campaignVillageFlags(db: Db, campaignId: string, townshipId?: number): VillageFlagRow[] {
  return db
    .prepare(
      `SELECT t.name AS township, v.name AS village, f.rule_id AS rule, f.evidence
       FROM village_flags f JOIN villages v ON v.id = f.village_id JOIN townships t ON t.id = v.township_id
       WHERE f.campaign_id = ? AND (? IS NULL OR v.township_id = ?)
       ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, f.rule_id`,
    )
    .all(campaignId, townshipId ?? null, townshipId ?? null) as VillageFlagRow[];
}

export interface CoverageRow {
  townshipId: number;
  township: string;
  villageId: number;
  village: string;
  /** null for households not visited. */
  result: string | null;
  households: number;
  /** Households with a flag (not only 数据缺失). */
  flagged: number;
  /** 在册 people of these households. */
  people: number;
}

/** Households of the campaign's scope by 村 and 研判结果 (null = not visited). */
export function campaignCoverage(
  db: Db,
  campaignId: string,
  scope: { townshipId?: number; villageId?: number } = {},
): CoverageRow[] {
  return db
    .prepare(
      `WITH flagged AS (SELECT DISTINCT hh_no FROM campaign_flags WHERE campaign_id = @c AND category <> '${MISSING}'),
       people AS (SELECT m.hh_no, count(*) AS n FROM members m
                  WHERE m.status = '在册' AND m.hh_no IN (SELECT hh_no FROM campaign_scope WHERE campaign_id = @c)
                  GROUP BY m.hh_no)
       SELECT v.township_id AS townshipId, t.name AS township, v.id AS villageId, v.name AS village,
         vs.result AS result, count(*) AS households, count(fl.hh_no) AS flagged, coalesce(sum(pp.n), 0) AS people
       FROM campaign_scope s
       JOIN households h ON h.hh_no = s.hh_no
       JOIN villages v ON v.id = h.village_id
       JOIN townships t ON t.id = v.township_id
       LEFT JOIN visits vs ON vs.purpose = '排查' AND vs.campaign_id = s.campaign_id AND vs.hh_no = s.hh_no
       LEFT JOIN flagged fl ON fl.hh_no = s.hh_no
       LEFT JOIN people pp ON pp.hh_no = s.hh_no
       WHERE s.campaign_id = @c AND (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
       GROUP BY v.id, vs.result
       ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, vs.result`,
    )
    .all({ c: campaignId, tw: scope.townshipId ?? null, vi: scope.villageId ?? null }) as CoverageRow[];
}

/** Households of the scope judged 建议纳入监测 in the campaign, with their 在册 people. */
export function campaignProposed(
  db: Db,
  campaignId: string,
  scope: { townshipId?: number } = {},
): { households: number; people: number } {
  return db
    .prepare(
      `SELECT count(*) AS households, coalesce(sum((SELECT count(*) FROM members m WHERE m.hh_no = vs.hh_no AND m.status = '在册')), 0) AS people
       FROM visits vs JOIN campaign_scope s ON s.campaign_id = vs.campaign_id AND s.hh_no = vs.hh_no
       JOIN households h ON h.hh_no = vs.hh_no JOIN villages v ON v.id = h.village_id
       WHERE vs.purpose = '排查' AND vs.campaign_id = @c AND vs.result = '建议纳入监测' AND (@tw IS NULL OR v.township_id = @tw)`,
    )
    .get({ c: campaignId, tw: scope.townshipId ?? null }) as { households: number; people: number };
}

/** Households of the scope identified as 监测对象 in or after the month of `sinceMonth`, with their 在册 people. */
export function identifiedSince(
  db: Db,
  campaignId: string,
  sinceMonth: string,
  scope: { townshipId?: number } = {},
): { households: number; people: number } {
  return db
    .prepare(
      `SELECT count(*) AS households, coalesce(sum((SELECT count(*) FROM members m WHERE m.hh_no = h.hh_no AND m.status = '在册')), 0) AS people
       FROM campaign_scope s JOIN households h ON h.hh_no = s.hh_no JOIN villages v ON v.id = h.village_id
       WHERE s.campaign_id = @c AND h.mon_category IS NOT NULL AND h.identified_month >= @since
         AND (@tw IS NULL OR v.township_id = @tw)`,
    )
    .get({ c: campaignId, since: sinceMonth, tw: scope.townshipId ?? null }) as { households: number; people: number };
}

/** Flag counts of a campaign by rule (数据缺失 findings apart). */
export function campaignRuleCounts(
  db: Db,
  campaignId: string,
  townshipId?: number,
): { rule: string; category: string; n: number }[] {
  return db
    .prepare(
      `SELECT f.rule_id AS rule, f.category, count(*) AS n FROM campaign_flags f
       JOIN households h ON h.hh_no = f.hh_no JOIN villages v ON v.id = h.village_id
       WHERE f.campaign_id = ? AND (? IS NULL OR v.township_id = ?)
       GROUP BY f.rule_id, f.category ORDER BY f.rule_id`,
    )
    .all(campaignId, townshipId ?? null, townshipId ?? null) as { rule: string; category: string; n: number }[];
}

export function villagesByName(
  db: Db,
  name: string,
  townshipId?: number,
): { id: number; name: string; townshipId: number; township: string }[] {
  return db
    .prepare(
      `SELECT v.id, v.name, v.township_id AS townshipId, t.name AS township FROM villages v
       JOIN townships t ON t.id = v.township_id WHERE v.name = ? AND (? IS NULL OR v.township_id = ?)
       ORDER BY t.code IS NULL, t.code, t.name`,
    )
    .all(name, townshipId ?? null, townshipId ?? null) as {
    id: number;
    name: string;
    townshipId: number;
    township: string;
  }[];
}

/**
 * Every household of the campaign's scope in a township or village, with its findings (none:
 * one row with a null rule) and its visit, in 户编号/rule order — the rows of the 排查清单.
 */
export function* iterateScreeningRows(
  db: Db,
  campaignId: string,
  scope: { townshipId?: number | undefined; villageId?: number | undefined },
): Generator<FindingRow> {
  const stmt = db.prepare(
    `SELECT s.hh_no AS hhNo, t.name AS township, v.name AS village, v.id AS villageId, h.head_name AS headName,
       h.hh_type AS hhType, h.mon_category AS monCategory, h.risk_eliminated AS riskEliminated,
       (SELECT count(*) FROM members m WHERE m.hh_no = s.hh_no AND m.status = '在册') AS members,
       f.rule_id AS rule, f.category, f.evidence,
       vs.visit_date AS visitDate, vs.visitor, vs.entered, vs.result, vs.note,
       vs.category AS visitCategory, vs.risks AS visitRisks
     FROM campaign_scope s
     JOIN households h ON h.hh_no = s.hh_no
     JOIN villages v ON v.id = h.village_id
     JOIN townships t ON t.id = v.township_id
     LEFT JOIN campaign_flags f ON f.campaign_id = s.campaign_id AND f.hh_no = s.hh_no
     LEFT JOIN visits vs ON vs.purpose = '排查' AND vs.campaign_id = s.campaign_id AND vs.hh_no = s.hh_no
     WHERE s.campaign_id = @c AND (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
     ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, s.hh_no, f.rule_id`,
  );
  yield* stmt.iterate({
    c: campaignId,
    tw: scope.townshipId ?? null,
    vi: scope.villageId ?? null,
  }) as Iterable<FindingRow>;
}

/** Households of the campaign's scope per township or village (to skip units without any). */
export function campaignScopeCounts(
  db: Db,
  campaignId: string,
  level: 'township' | 'village',
  scope: { townshipId?: number | undefined; villageId?: number | undefined },
): Map<number, number> {
  const key = level === 'township' ? 'v.township_id' : 'v.id';
  const rows = db
    .prepare(
      `SELECT ${key} AS id, count(*) AS n FROM campaign_scope s JOIN households h ON h.hh_no = s.hh_no
       JOIN villages v ON v.id = h.village_id
       WHERE s.campaign_id = @c AND (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi) GROUP BY 1`,
    )
    .all({ c: campaignId, tw: scope.townshipId ?? null, vi: scope.villageId ?? null }) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Flagged households per category (a household counts once in each category it has). */
export function campaignCategoryCounts(
  db: Db,
  campaignId: string,
  townshipId?: number,
): { category: string; n: number }[] {
  return db
    .prepare(
      `SELECT f.category, count(DISTINCT f.hh_no) AS n FROM campaign_flags f
       JOIN households h ON h.hh_no = f.hh_no JOIN villages v ON v.id = h.village_id
       WHERE f.campaign_id = ? AND f.category <> '${MISSING}' AND (? IS NULL OR v.township_id = ?)
       GROUP BY f.category`,
    )
    .all(campaignId, townshipId ?? null, townshipId ?? null) as { category: string; n: number }[];
}
