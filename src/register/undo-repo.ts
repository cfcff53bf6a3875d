/**
 * Undo of one change set (SPEC §10): every change of the set reverted, newest first, in the
 * caller's transaction and through a new ChangeLog (the undo is itself a change set, and can be
 * undone). Rows written with the set's id but not listed change by change (审核意见, 监测记录 of an
 * import) are removed by that id. A record a later change set touched again is a dependency: the
 * undo is refused, naming those sets.
 */
import type Database from 'better-sqlite3';
import { fieldLabel } from '../domain/audit-labels.js';
import { FpjcError } from '../domain/errors.js';
import { RECORD_KEYS, type RecordKeyShape, recordLabel, splitRecordKey } from '../domain/record-keys.js';
import type { AuditValue, ChangeLog } from './audit.js';
import type { Db } from './connection.js';

type Value = string | number | null;
type Statement = Database.Statement;
type Row = Record<string, Value>;

interface Locator {
  where: string;
  params: Value[];
}

/** Key columns in the order of the audit record key (`a|b|c`), see domain/record-keys. */
interface EntitySpec extends RecordKeyShape {
  table: string;
  /** The column an update's `field` names, when not the field itself (settings keep one column). */
  column?: (field: string) => string;
  /** Locate by something other than the key columns (regions are keyed by their names). */
  locate?: (key: string, field?: string) => Locator;
}

const regionsLocate = {
  township: (key: string): Locator => ({ where: 'name = ?', params: [key] }),
  village: (key: string): Locator => {
    const [t, v] = splitFirst(key, '/');
    return {
      where:
        'id = (SELECT v.id FROM villages v JOIN townships t ON t.id = v.township_id WHERE t.name = ? AND v.name = ?)',
      params: [t, v],
    };
  },
  grid: (key: string): Locator => {
    const [t, rest] = splitFirst(key, '/');
    const [v, g] = splitFirst(rest, '/');
    return {
      where: `id = (SELECT g.id FROM grids g JOIN villages v ON v.id = g.village_id JOIN townships t ON t.id = v.township_id
               WHERE t.name = ? AND v.name = ? AND g.name = ?)`,
      params: [t, v, g],
    };
  },
};

function splitFirst(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

export const UNDO_ENTITIES: Record<string, EntitySpec> = {
  household: { table: 'households', ...RECORD_KEYS.household },
  member: { table: 'members', ...RECORD_KEYS.member },
  income: { table: 'incomes', ...RECORD_KEYS.income },
  measure: { table: 'measures', ...RECORD_KEYS.measure },
  alert: { table: 'alerts', ...RECORD_KEYS.alert },
  elimination_snapshot: { table: 'elimination_snapshots', ...RECORD_KEYS.elimination_snapshot },
  work_period: { table: 'work_periods', ...RECORD_KEYS.work_period },
  work_plan: { table: 'work_plans', ...RECORD_KEYS.work_plan },
  village_stats: { table: 'village_stats', keys: ['village_id'] },
  visit: {
    table: 'visits',
    ...RECORD_KEYS.visit,
    // a 回访 has no 排查 batch: it is logged as 回访|户编号|its row id
    locate: (key) =>
      key.startsWith('回访|')
        ? { where: 'id = ?', params: [Number(key.slice(key.lastIndexOf('|') + 1))] }
        : keyLocator(RECORD_KEYS.visit, key),
  },
  case: { table: 'cases', keys: ['case_no'] },
  monitoring_event: { table: 'monitoring_events', ...RECORD_KEYS.monitoring_event },
  /** Recorded by case number and stage when made; by row id when an undo removed or restored it. */
  case_decision: { table: 'case_decisions', keys: ['id'] },
  settings: { table: 'settings', keys: ['key'], column: () => 'value' },
  policy: {
    table: 'policy',
    keys: ['year'],
    column: () => 'value',
    locate: (key, field) => ({ where: 'year = ? AND key = ?', params: [Number(key), field ?? ''] }),
  },
  vocab: {
    table: 'vocab_extensions',
    keys: ['vocab', 'value'],
    locate: (key) => {
      const [vocab, value] = splitFirst(key, ':');
      return { where: 'vocab = ? AND value = ?', params: [vocab, value] };
    },
  },
  township: { table: 'townships', keys: ['name'], locate: regionsLocate.township },
  village: { table: 'villages', keys: ['name'], locate: regionsLocate.village },
  grid: { table: 'grids', keys: ['name'], locate: regionsLocate.grid },
};

/** Rows a set writes with its id instead of change by change; removed by that id (children first). */
const BY_SET_ID: readonly { table: string; entity: string }[] = [
  { table: 'case_decisions', entity: 'case_decision' },
  { table: 'monitoring_events', entity: 'monitoring_event' },
];

/** Entities whose changes are recorded as summaries (集中排查): they cannot be reverted record by record. */
const SUMMARY_ENTITIES = new Set(['campaign_scope', 'campaign_flags', 'village_flag']);

function locator(spec: EntitySpec, key: string, field?: string): Locator {
  return spec.locate ? spec.locate(key, field) : keyLocator(spec, key);
}

function keyLocator(shape: RecordKeyShape, key: string): Locator {
  const parts = splitRecordKey(shape, key);
  return { where: shape.keys.map((c) => `${c} = ?`).join(' AND '), params: shape.keys.map((_, i) => parts[i] ?? '') };
}

/** The record key after a change of one of its key columns (a corrected 证件号码). */
export function keyAfter(entity: string, key: string, field: string | null, value: string | null): string {
  const spec = UNDO_ENTITIES[entity];
  if (!spec || spec.locate || field === null) return key;
  const i = spec.keys.indexOf(field);
  if (i < 0) return key;
  const parts = splitRecordKey(spec, key);
  parts[i] = value ?? '';
  return parts.join('|');
}

export interface ChangeRow {
  id: number;
  set_id: number;
  entity: string;
  record_key: string;
  op: 'insert' | 'update' | 'delete';
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface ChangeSetRow {
  id: number;
  at: string;
  operator: string;
  command: string;
  reason: string | null;
  source: string | null;
  undone_by: number | null;
  undoes: number | null;
}

export function changeSet(db: Db, id: number): ChangeSetRow | undefined {
  return db.prepare('SELECT * FROM change_sets WHERE id = ?').get(id) as ChangeSetRow | undefined;
}

export function changesOf(db: Db, setId: number): ChangeRow[] {
  return db.prepare('SELECT * FROM changes WHERE set_id = ? ORDER BY id').all(setId) as ChangeRow[];
}

/**
 * Later change sets, still in force, that changed a record this set changed (by its key before
 * and after the set). A set undone by a later undo and that undo cancel out and are left out.
 */
export function dependentSets(db: Db, setId: number, changes: readonly ChangeRow[]): ChangeSetRow[] {
  const later = new Set<number>();
  // one join over the set's records (an import has a million): the record index serves the later side
  for (const id of db
    .prepare(
      `SELECT DISTINCT l.set_id FROM changes x
       JOIN changes l ON l.entity = x.entity AND l.record_key = x.record_key AND l.op <> 'insert'
       WHERE x.set_id = ? AND l.set_id > ?`,
    )
    .pluck()
    .all(setId, setId) as number[])
    later.add(id);
  const lookup = db.prepare(
    "SELECT DISTINCT set_id FROM changes WHERE entity = ? AND record_key = ? AND op <> 'insert' AND set_id > ?",
  );
  const inserted = db.prepare(
    "SELECT DISTINCT set_id FROM changes WHERE entity = ? AND record_key = ? AND op = 'insert' AND set_id > ?",
  );
  for (const c of changes) {
    // a record whose key this set changed (a corrected 证件号码) is known later by its new key
    const after = keyAfter(c.entity, c.record_key, c.field, c.new_value);
    if (after !== c.record_key) for (const id of lookup.pluck().all(c.entity, after, setId) as number[]) later.add(id);
    // a record deleted here and inserted again later (only then is an insert looked up)
    if (c.op === 'delete')
      for (const id of inserted.pluck().all(c.entity, c.record_key, setId) as number[]) later.add(id);
  }
  later.delete(setId);
  const sets = [...later]
    .sort((a, b) => a - b)
    .map((id) => changeSet(db, id))
    .filter((s): s is ChangeSetRow => s !== undefined);
  const cancelled = new Set<number>();
  for (const s of sets) {
    if (s.undone_by !== null && s.undone_by > setId) cancelled.add(s.id).add(s.undone_by);
    if (s.undoes !== null && s.undoes > setId) cancelled.add(s.id).add(s.undoes);
  }
  return sets.filter((s) => !cancelled.has(s.id));
}

/** One record change the undo made (for the report and --dry-run). */
export interface Reverted {
  entity: string;
  key: string;
  op: 'insert' | 'update' | 'delete';
  field: string | null;
  /** Value before the undo (the set's new value). */
  from: string | null;
  /** Value after the undo (the set's old value). */
  to: string | null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const sameValue = (a: unknown, b: string | null): boolean => {
  const t = text(a);
  if (t === b) return true;
  if (t === null || b === null) return false;
  return typeof a === 'number' && Number(b) === a;
};

function conflict(message: string): FpjcError {
  return new FpjcError('REFUSED', message);
}

/**
 * Revert the changes of one set in the caller's transaction, recording every revert in `log`.
 * Refuses (throws) when a record no longer holds the value the set gave it.
 */
export function revertChangeSet(db: Db, log: ChangeLog, setId: number, changes: readonly ChangeRow[]): Reverted[] {
  const done: Reverted[] = [];
  const statements = new Map<string, Statement>();
  const sql = (text: string): Statement => {
    let st = statements.get(text);
    if (!st) {
      st = db.prepare(text);
      statements.set(text, st);
    }
    return st;
  };
  const unsupported = changes.find((c) => SUMMARY_ENTITIES.has(c.entity) || !UNDO_ENTITIES[c.entity]);
  if (unsupported) {
    throw conflict(
      SUMMARY_ENTITIES.has(unsupported.entity)
        ? `修改记录 ${setId} 是集中排查的结果，只记了汇总数，不能逐条撤销；如排查条件有误，请改正后重新排查。`
        : `修改记录 ${setId} 中有不能撤销的内容（${unsupported.entity}）。`,
    );
  }
  // rows kept by set id first: decisions and events refer to the cases the set may have opened
  for (const { table, entity } of BY_SET_ID) {
    const rows = db.prepare(`SELECT * FROM ${table} WHERE set_id = ? ORDER BY id DESC`).all(setId) as Row[];
    for (const r of rows) {
      db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(r.id);
      const key = table === 'monitoring_events' ? `${r.hh_no}|${r.id}` : String(r.id);
      log.deleted(entity, key, r as Record<string, AuditValue>);
      done.push({ entity, key, op: 'insert', field: null, from: null, to: null });
    }
  }
  for (const c of [...changes].reverse()) {
    // a decision as made (案件号|环节) was removed by set id above
    if (c.entity === 'case_decision' && c.op === 'insert' && !/^\d+$/.test(c.record_key)) continue;
    const spec = UNDO_ENTITIES[c.entity]!;
    if (c.op === 'update') {
      const field = c.field ?? '';
      const column = spec.column?.(field) ?? field;
      const key = keyAfter(c.entity, c.record_key, c.field, c.new_value);
      const loc = locator(spec, key, field);
      const row = sql(`SELECT ${column} AS v FROM ${spec.table} WHERE ${loc.where}`).get(...loc.params) as
        | { v: Value }
        | undefined;
      if (!row)
        throw conflict(`记录「${recordLabel(c.entity, c.record_key)}」已不在登记库中，无法撤销修改记录 ${setId}。`);
      if (!sameValue(row.v, c.new_value)) {
        throw conflict(
          `记录「${recordLabel(c.entity, c.record_key)}」的「${fieldLabel(c.entity, field)}」现在是「${text(row.v) ?? '空'}」，已不是修改记录 ${setId} 写入的「${c.new_value ?? '空'}」（之后又被改过），不能撤销。`,
        );
      }
      sql(`UPDATE ${spec.table} SET ${column} = ? WHERE ${loc.where}`).run(c.old_value, ...loc.params);
      log.updated(c.entity, key, field, c.new_value, c.old_value);
      done.push({ entity: c.entity, key: c.record_key, op: 'update', field, from: c.new_value, to: c.old_value });
    } else if (c.op === 'insert') {
      const loc =
        c.entity === 'monitoring_event'
          ? { where: 'id = ?', params: [Number(c.record_key.slice(c.record_key.lastIndexOf('|') + 1))] }
          : c.entity === 'policy'
            ? { where: 'year = ?', params: [Number(c.record_key)] }
            : locator(spec, c.record_key);
      const policyKeys = c.entity === 'policy' && c.new_value ? Object.keys(JSON.parse(c.new_value)) : null;
      const where = policyKeys ? `${loc.where} AND key = ?` : loc.where;
      const params = policyKeys ? [...loc.params, policyKeys[0] ?? ''] : loc.params;
      const row = sql(`SELECT * FROM ${spec.table} WHERE ${where}`).get(...params) as Row | undefined;
      if (!row) {
        if (c.entity === 'monitoring_event') continue; // removed by set id above
        throw conflict(
          `修改记录 ${setId} 新增的记录「${recordLabel(c.entity, c.record_key)}」已不在登记库中，不能撤销。`,
        );
      }
      if (c.entity === 'member') unlinkPerson(log, sql, String(row.id_no), setId);
      sql(`DELETE FROM ${spec.table} WHERE ${where}`).run(...params);
      log.deleted(c.entity, c.record_key, row as Record<string, AuditValue>);
      done.push({ entity: c.entity, key: c.record_key, op: 'insert', field: null, from: null, to: null });
    } else {
      const row = JSON.parse(c.old_value ?? '{}') as Row;
      const columns = Object.keys(row);
      sql(`INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
        ...columns.map((k) => row[k] ?? null),
      );
      log.inserted(c.entity, c.record_key, row);
      done.push({ entity: c.entity, key: c.record_key, op: 'delete', field: null, from: null, to: null });
    }
  }
  return done;
}

/**
 * A person the undo removes: department alerts matched to the person become unmatched again (as
 * they were before the person was registered); work records of the person are refused.
 */
function unlinkPerson(log: ChangeLog, sql: (text: string) => Statement, idNo: string, setId: number): void {
  if (
    sql('SELECT 1 FROM work_periods WHERE id_no = ? UNION ALL SELECT 1 FROM work_plans WHERE id_no = ?').get(idNo, idNo)
  ) {
    throw conflict(`修改记录 ${setId} 新增的成员 ${idNo} 之后又导入了务工记录，不能撤销。请先撤销那次导入。`);
  }
  for (const a of sql('SELECT * FROM alerts WHERE member_id_no = ?').all(idNo) as Row[]) {
    const key = [a.source_dept, a.id_no, a.alert_type, a.alert_date].join('|');
    sql('UPDATE alerts SET member_id_no = NULL, hh_no = NULL WHERE id = ?').run(a.id);
    log.updated('alert', key, 'member_id_no', a.member_id_no, null);
    log.updated('alert', key, 'hh_no', a.hh_no, null);
  }
}

/** Change sets after this one still in force (named when an undo breaks a reference). */
export function laterSets(db: Db, setId: number, limit = 5): ChangeSetRow[] {
  return db
    .prepare('SELECT * FROM change_sets WHERE id > ? AND undone_by IS NULL AND undoes IS NULL ORDER BY id LIMIT ?')
    .all(setId, limit) as ChangeSetRow[];
}

/** Link an undo to the set it reverted. */
export function markUndone(db: Db, setId: number, undoSetId: number): void {
  db.prepare('UPDATE change_sets SET undone_by = ? WHERE id = ?').run(undoSetId, setId);
  db.prepare('UPDATE change_sets SET undoes = ? WHERE id = ?').run(setId, undoSetId);
}
