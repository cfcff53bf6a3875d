/**
 * Reads of the audit log for `fpjc history`: every change touching a person or a household, with
 * the change set it belongs to. A person is followed through its corrected 证件号码s.
 */
import type { Db } from './connection.js';

export interface HistoryRow {
  changeId: number;
  setId: number;
  at: string;
  operator: string;
  command: string;
  reason: string | null;
  source: string | null;
  undoneBy: number | null;
  undoes: number | null;
  entity: string;
  recordKey: string;
  op: 'insert' | 'update' | 'delete';
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** Every 证件号码 the person has had (the given one, earlier ones and later ones). */
export function idAliases(db: Db, idNo: string): string[] {
  const seen = new Set<string>([idNo]);
  const from = db.prepare(
    "SELECT old_value AS v FROM changes WHERE entity = 'member' AND field = 'id_no' AND op = 'update' AND new_value = ?",
  );
  const to = db.prepare(
    "SELECT new_value AS v FROM changes WHERE entity = 'member' AND field = 'id_no' AND op = 'update' AND record_key = ?",
  );
  const queue = [idNo];
  while (queue.length) {
    const id = queue.pop()!;
    for (const r of [...from.all(id), ...to.all(id)] as { v: string | null }[]) {
      if (r.v && !seen.has(r.v)) {
        seen.add(r.v);
        queue.push(r.v);
      }
    }
  }
  return [...seen];
}

interface Condition {
  sql: string;
  params: string[];
}

/** Keys that start with `prefix|` ('}' follows '|'): a range the (entity, record_key) index serves. */
const prefixed = (entity: string, prefix: string): Condition => ({
  sql: '(c.entity = ? AND c.record_key >= ? AND c.record_key < ?)',
  params: [entity, `${prefix}|`, `${prefix}}`],
});
const exact = (entity: string, key: string): Condition => ({
  sql: '(c.entity = ? AND c.record_key = ?)',
  params: [entity, key],
});
/** Alert and measure keys name the person in the middle. */
const containing = (entity: string, part: string): Condition => ({
  sql: "(c.entity = ? AND instr('|' || c.record_key || '|', ?) > 0)",
  params: [entity, `|${part}|`],
});

function personConditions(ids: readonly string[]): Condition[] {
  return ids.flatMap((id) => [
    exact('member', id),
    exact('work_plan', id),
    prefixed('work_period', id),
    containing('alert', id),
    containing('measure', id),
  ]);
}

export function memberExists(db: Db, idNo: string): { hh_no: string } | undefined {
  return db.prepare('SELECT hh_no FROM members WHERE id_no = ?').get(idNo) as { hh_no: string } | undefined;
}

export function householdExists(db: Db, hhNo: string): boolean {
  return db.prepare('SELECT 1 FROM households WHERE hh_no = ?').get(hhNo) !== undefined;
}

function query(db: Db, conditions: readonly Condition[], since: string | undefined): HistoryRow[] {
  if (conditions.length === 0) return [];
  const where = conditions.map((c) => c.sql).join(' OR ');
  const params = conditions.flatMap((c) => c.params);
  return db
    .prepare(
      `SELECT c.id AS changeId, s.id AS setId, s.at, s.operator, s.command, s.reason, s.source, s.undone_by AS undoneBy, s.undoes,
              c.entity, c.record_key AS recordKey, c.op, c.field, c.old_value AS oldValue, c.new_value AS newValue
       FROM changes c JOIN change_sets s ON s.id = c.set_id
       WHERE (${where}) ${since ? 'AND s.at >= ?' : ''}
       ORDER BY c.set_id, c.id`,
    )
    .all(...params, ...(since ? [since] : [])) as HistoryRow[];
}

/** The changes touching one person, under any 证件号码 the person has had. */
export function personHistory(db: Db, idNo: string, since?: string): HistoryRow[] {
  return query(db, personConditions(idAliases(db, idNo)), since);
}

/** The changes touching one household: its own record, its members, incomes, measures, monitoring, cases, alerts. */
export function householdHistory(db: Db, hhNo: string, since?: string): HistoryRow[] {
  const conditions: Condition[] = [
    exact('household', hhNo),
    ...['income', 'measure', 'monitoring_event', 'elimination_snapshot'].map((e) => prefixed(e, hhNo)),
  ];
  const caseNos = db
    .prepare('SELECT case_no FROM cases WHERE hh_no = ? AND case_no IS NOT NULL')
    .pluck()
    .all(hhNo) as string[];
  for (const no of caseNos) conditions.push(exact('case', no), prefixed('case_decision', no));
  // members now in the household or who ever were (a member moved out keeps its changes here)
  const ids = new Set(db.prepare('SELECT id_no FROM members WHERE hh_no = ?').pluck().all(hhNo) as string[]);
  for (const id of db
    .prepare(
      "SELECT record_key FROM changes WHERE entity = 'member' AND field = 'hh_no' AND op = 'update' AND (old_value = ? OR new_value = ?)",
    )
    .pluck()
    .all(hhNo, hhNo) as string[])
    ids.add(id);
  const all = new Set<string>();
  for (const id of ids) for (const a of idAliases(db, id)) all.add(a);
  conditions.push(
    ...[...all].flatMap((id) => [exact('member', id), exact('work_plan', id), prefixed('work_period', id)]),
  );
  for (const a of db
    .prepare('SELECT source_dept, id_no, alert_type, alert_date FROM alerts WHERE hh_no = ?')
    .raw()
    .all(hhNo) as string[][])
    conditions.push(exact('alert', a.join('|')));
  // SQLite limits the number of parameters of one statement
  const rows: HistoryRow[] = [];
  for (let i = 0; i < conditions.length; i += 300) rows.push(...query(db, conditions.slice(i, i + 300), since));
  const seen = new Set<number>();
  const logged = new Set(rows.filter((r) => r.entity === 'monitoring_event').map((r) => r.recordKey));
  return [
    ...rows.filter((r) => !seen.has(r.changeId) && seen.add(r.changeId)),
    ...importedEvents(db, hhNo, since).filter((r) => !logged.has(r.recordKey)),
  ].sort((a, b) => a.setId - b.setId || (a.changeId || Infinity) - (b.changeId || Infinity));
}

/**
 * 识别/消除/回退 an import found in a file: written with the import's change set, not change by
 * change (the household's columns are), so they are read from the events themselves.
 */
function importedEvents(db: Db, hhNo: string, since: string | undefined): HistoryRow[] {
  return db
    .prepare(
      `SELECT 0 AS changeId, s.id AS setId, s.at, s.operator, s.command, s.reason, s.source, s.undone_by AS undoneBy,
              s.undoes, 'monitoring_event' AS entity, e.hh_no || '|' || e.id AS recordKey, 'insert' AS op,
              'event' AS field, NULL AS oldValue,
              trim(e.event || ' ' || coalesce(e.month, '') || ' ' || coalesce(e.category, '') || ' ' || coalesce(e.method, '')) AS newValue
       FROM monitoring_events e JOIN change_sets s ON s.id = e.set_id
       WHERE e.hh_no = ? ${since ? 'AND s.at >= ?' : ''}`,
    )
    .all(hhNo, ...(since ? [since] : [])) as HistoryRow[];
}
