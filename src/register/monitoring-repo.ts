import type { AuditValue, ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * The one place that changes a household's monitoring state (SPEC §3 monitoring): identification,
 * elimination and rollback. Each call updates the household's columns field by field through the
 * ChangeLog, appends a `monitoring_events` row (the history: a household can be identified,
 * eliminated, rolled back and re-identified over the years) and, for an elimination, records the
 * 风险消除后 indicators in `elimination_snapshots`. Must run inside the caller's transaction.
 * Casework calls it at 县级审定; an import of the national system's state may call it too.
 *
 *   applyIdentification(db, log, hhNo, { category, risks, disasterSub, month }, source)
 *   applyElimination(db, log, hhNo, { method, month }, source)
 *   applyRollback(db, log, hhNo, { month, reason }, source)
 */

export interface MonitoringSource {
  /** Who or what made the change: 县级审定, 国家系统导入, 风险回退 … */
  source: string;
  caseId?: number | null | undefined;
  note?: string | null | undefined;
}

export interface Identification {
  category: string;
  /** Up to five, the main risk first. */
  risks: readonly string[];
  disasterSub: string | null;
  /** YYYY-MM */
  month: string;
}

export interface Elimination {
  method: string;
  /** YYYY-MM */
  month: string;
}

export interface Rollback {
  /** YYYY-MM */
  month: string;
  reason: string;
}

type HouseholdState = Record<string, AuditValue>;

function current(db: Db, hhNo: string): HouseholdState {
  const row = db.prepare('SELECT * FROM households WHERE hh_no = ?').get(hhNo) as HouseholdState | undefined;
  if (!row) throw new Error(`household ${hhNo} is not in the register`);
  return row;
}

function setColumns(db: Db, log: ChangeLog, hhNo: string, row: HouseholdState, values: HouseholdState): void {
  for (const [column, value] of Object.entries(values)) {
    const old = row[column] ?? null;
    const next = value ?? null;
    if (old === next) continue;
    db.prepare(`UPDATE households SET ${column} = ? WHERE hh_no = ?`).run(next, hhNo);
    log.updated('household', hhNo, column, old, next);
  }
}

function addEvent(
  db: Db,
  log: ChangeLog,
  hhNo: string,
  e: {
    event: '识别' | '消除' | '回退';
    month: string;
    category?: AuditValue;
    risks?: string | null;
    method?: string | null;
  },
  src: MonitoringSource,
): number {
  const r = db
    .prepare(
      `INSERT INTO monitoring_events (hh_no, event, month, category, risks, method, source, case_id, set_id, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      hhNo,
      e.event,
      e.month,
      e.category ?? null,
      e.risks ?? null,
      e.method ?? null,
      src.source,
      src.caseId ?? null,
      log.id(),
      src.note ?? null,
    );
  const id = Number(r.lastInsertRowid);
  log.inserted('monitoring_event', `${hhNo}|${id}`, {
    事项: e.event,
    月份: e.month,
    类别: e.category ?? null,
    风险类型: e.risks ?? null,
    消除方式: e.method ?? null,
    来源: src.source,
  });
  return id;
}

/** The household becomes an unresolved 监测对象 (a new identification or a re-identification). */
export function applyIdentification(
  db: Db,
  log: ChangeLog,
  hhNo: string,
  i: Identification,
  src: MonitoringSource,
): void {
  const row = current(db, hhNo);
  const risks = [0, 1, 2, 3, 4].map((k) => i.risks[k] ?? null);
  setColumns(db, log, hhNo, row, {
    mon_category: i.category,
    risk1: risks[0],
    risk2: risks[1],
    risk3: risks[2],
    risk4: risks[3],
    risk5: risks[4],
    disaster_sub: i.risks.includes('因自然灾害') ? i.disasterSub : null,
    identified_month: i.month,
    risk_eliminated: 0,
    elimination_method: null,
    eliminated_month: null,
  });
  addEvent(db, log, hhNo, { event: '识别', month: i.month, category: i.category, risks: i.risks.join(',') }, src);
}

/** 风险已消除, with the 风险消除后 indicators as they stand (latest income year up to the month). */
export function applyElimination(db: Db, log: ChangeLog, hhNo: string, e: Elimination, src: MonitoringSource): void {
  const row = current(db, hhNo);
  setColumns(db, log, hhNo, row, {
    risk_eliminated: 1,
    elimination_method: e.method,
    eliminated_month: e.month,
  });
  addEvent(db, log, hhNo, { event: '消除', month: e.month, category: row.mon_category, method: e.method }, src);
  recordSnapshot(db, log, hhNo, row, e.month, src.source);
}

/** 风险回退: back to unresolved; the original identification (类别, 风险类型, 识别监测时间) is kept. */
export function applyRollback(db: Db, log: ChangeLog, hhNo: string, r: Rollback, src: MonitoringSource): void {
  const row = current(db, hhNo);
  setColumns(db, log, hhNo, row, { risk_eliminated: 0, elimination_method: null, eliminated_month: null });
  addEvent(
    db,
    log,
    hhNo,
    { event: '回退', month: r.month, category: row.mon_category, method: (row.elimination_method as string) ?? null },
    { ...src, note: src.note ?? r.reason },
  );
}

function recordSnapshot(db: Db, log: ChangeLog, hhNo: string, h: HouseholdState, month: string, source: string): void {
  const income = db
    .prepare(
      `SELECT wage, business, property, transfer, business_cost, claims, self_pay, net, per_capita
       FROM income_totals WHERE hh_no = ? AND year <= ? ORDER BY year DESC LIMIT 1`,
    )
    .get(hhNo, Number(month.slice(0, 4))) as Record<string, number | null> | undefined;
  const values = {
    hh_no: hhNo,
    eliminated_month: month,
    wage: income?.wage ?? null,
    business: income?.business ?? null,
    property: income?.property ?? null,
    transfer: income?.transfer ?? null,
    business_cost: income?.business_cost ?? null,
    claims: income?.claims ?? null,
    self_pay: income?.self_pay ?? null,
    net: income?.net ?? null,
    per_capita: income?.per_capita === null || income?.per_capita === undefined ? null : round2(income.per_capita),
    school_dropout: (h.school_dropout as number | null) ?? null,
    housing_damaged: (h.housing_unsafe as number | null) ?? null,
    uninsured: (h.uninsured as number | null) ?? null,
    water_damaged: (h.water_unsafe as number | null) ?? null,
    source,
    set_id: log.id(),
  };
  // a snapshot replaced is logged whole, so that an undo can put it back
  const before = db
    .prepare('SELECT * FROM elimination_snapshots WHERE hh_no = ? AND eliminated_month = ?')
    .get(hhNo, month) as Record<string, AuditValue> | undefined;
  if (before) log.deleted('elimination_snapshot', `${hhNo}|${month}`, before);
  db.prepare(
    `INSERT INTO elimination_snapshots (hh_no, eliminated_month, wage, business, property, transfer, business_cost,
       claims, self_pay, net, per_capita, school_dropout, housing_damaged, uninsured, water_damaged, source, set_id)
     VALUES (@hh_no, @eliminated_month, @wage, @business, @property, @transfer, @business_cost, @claims, @self_pay,
       @net, @per_capita, @school_dropout, @housing_damaged, @uninsured, @water_damaged, @source, @set_id)
     ON CONFLICT (hh_no, eliminated_month) DO UPDATE SET wage = excluded.wage, business = excluded.business,
       property = excluded.property, transfer = excluded.transfer, business_cost = excluded.business_cost,
       claims = excluded.claims, self_pay = excluded.self_pay, net = excluded.net, per_capita = excluded.per_capita,
       school_dropout = excluded.school_dropout, housing_damaged = excluded.housing_damaged,
       uninsured = excluded.uninsured, water_damaged = excluded.water_damaged, source = excluded.source,
       set_id = excluded.set_id`,
  ).run(values);
  const { hh_no: _hh, set_id: _set, ...audited } = values;
  log.inserted('elimination_snapshot', `${hhNo}|${month}`, audited);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The household's monitoring state in one word, for guards. */
export function monitoringState(db: Db, hhNo: string): 'none' | 'unresolved' | 'eliminated' | undefined {
  const r = db.prepare('SELECT mon_category, risk_eliminated FROM households WHERE hh_no = ?').get(hhNo) as
    | { mon_category: string | null; risk_eliminated: number | null }
    | undefined;
  if (!r) return undefined;
  if (r.mon_category === null) return 'none';
  return r.risk_eliminated === 1 ? 'eliminated' : 'unresolved';
}
