import type { Db } from './connection.js';
import type { Row } from './upsert.js';

/** Reads of one household and what hangs off it (show, reports). */
export function householdRow(db: Db, hhNo: string): Row | undefined {
  return db
    .prepare(
      `SELECT h.*, t.name AS township, v.name AS village, g.name AS grid
       FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
       LEFT JOIN grids g ON g.id = h.grid_id WHERE h.hh_no = ?`,
    )
    .get(hhNo) as Row | undefined;
}

export function memberRows(db: Db, hhNo: string): Row[] {
  return db
    .prepare(
      `SELECT * FROM members WHERE hh_no = ?
       ORDER BY CASE relation WHEN '户主' THEN 0 WHEN '配偶' THEN 1 ELSE 2 END, birth_date, id_no`,
    )
    .all(hhNo) as Row[];
}

export function memberRow(db: Db, idNo: string): Row | undefined {
  return db.prepare('SELECT * FROM members WHERE id_no = ?').get(idNo) as Row | undefined;
}

export function incomeRows(db: Db, hhNo: string): Row[] {
  return db.prepare('SELECT * FROM income_totals WHERE hh_no = ? ORDER BY year').all(hhNo) as Row[];
}

export function monitoringEvents(db: Db, hhNo: string): Row[] {
  return db
    .prepare(
      `SELECT e.id, e.event, e.month, e.category, e.risks, e.method, e.source, e.case_id, e.note, s.at, s.operator
       FROM monitoring_events e LEFT JOIN change_sets s ON s.id = e.set_id WHERE e.hh_no = ? ORDER BY e.id`,
    )
    .all(hhNo) as Row[];
}

export function measureRows(db: Db, hhNo: string): Row[] {
  return db.prepare('SELECT * FROM measures WHERE hh_no = ? ORDER BY start_date, category').all(hhNo) as Row[];
}

export function caseRows(db: Db, hhNo: string): { cases: Row[]; decisions: Row[] } {
  const cases = db.prepare('SELECT * FROM cases WHERE hh_no = ? ORDER BY id').all(hhNo) as Row[];
  const decisions = db
    .prepare('SELECT d.* FROM case_decisions d JOIN cases c ON c.id = d.case_id WHERE c.hh_no = ? ORDER BY d.id')
    .all(hhNo) as Row[];
  return { cases, decisions };
}

export function alertRows(db: Db, hhNo: string): Row[] {
  return db.prepare('SELECT * FROM alerts WHERE hh_no = ? ORDER BY alert_date, id').all(hhNo) as Row[];
}

export function visitRows(db: Db, hhNo: string): Row[] {
  return db.prepare('SELECT * FROM visits WHERE hh_no = ? ORDER BY visit_date, id').all(hhNo) as Row[];
}

export function campaignFlagRows(db: Db, hhNo: string): Row[] {
  return db
    .prepare(
      `SELECT f.campaign_id, f.rule_id, f.category, f.evidence, c.last_run_at
       FROM campaign_flags f JOIN campaigns c ON c.id = f.campaign_id WHERE f.hh_no = ? ORDER BY f.campaign_id, f.rule_id`,
    )
    .all(hhNo) as Row[];
}

/**
 * Did the household's own record, its members or its incomes change after `since` (ISO time)?
 * Then a campaign run before it judged data that is no longer there. Undone change sets do not count.
 */
export function householdChangedSince(db: Db, hhNo: string, memberIds: readonly string[], since: string): boolean {
  const ids = memberIds.length ? memberIds : [''];
  const row = db
    .prepare(
      `SELECT 1 FROM changes c WHERE c.set_id IN (SELECT id FROM change_sets WHERE at > ? AND undone_by IS NULL)
       AND ((c.entity = 'household' AND c.record_key = ?) OR (c.entity = 'income' AND c.record_key LIKE ? ESCAPE '!')
         OR (c.entity = 'member' AND c.record_key IN (${ids.map(() => '?').join(',')}))
         OR (c.entity = 'member' AND c.field = 'hh_no' AND (c.old_value = ? OR c.new_value = ?)))
       LIMIT 1`,
    )
    .get(since, hhNo, `${hhNo.replace(/[!%_]/g, '!$&')}|%`, ...ids, hhNo, hhNo);
  return row !== undefined;
}

/** True when the register holds at least one household (an empty one needs no snapshot). */
export function hasHouseholds(db: Db): boolean {
  return db.prepare('SELECT 1 FROM households LIMIT 1').get() !== undefined;
}

/** True when the register holds `n` households or more (counts no further than `n`). */
export function hasAtLeastHouseholds(db: Db, n: number): boolean {
  return db.prepare('SELECT count(*) FROM (SELECT 1 FROM households LIMIT ?)').pluck().get(n) === n;
}

/** 务工 periods of a household's people (by person, then start). */
export function workPeriodRows(db: Db, hhNo: string): Row[] {
  return db
    .prepare(
      `SELECT w.* FROM work_periods w JOIN members m ON m.id_no = w.id_no WHERE m.hh_no = ?
       ORDER BY w.id_no, w.start_month`,
    )
    .all(hhNo) as Row[];
}

export function workPlanRows(db: Db, hhNo: string): Row[] {
  return db
    .prepare('SELECT w.* FROM work_plans w JOIN members m ON m.id_no = w.id_no WHERE m.hh_no = ? ORDER BY w.id_no')
    .all(hhNo) as Row[];
}

/** 风险消除后 indicators recorded for a household, oldest first. */
export function eliminationSnapshotRows(db: Db, hhNo: string): Row[] {
  return db
    .prepare('SELECT * FROM elimination_snapshots WHERE hh_no = ? ORDER BY eliminated_month, id')
    .all(hhNo) as Row[];
}
