import type Database from 'better-sqlite3';
import { sameColumnNames } from '../domain/row-rules.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

export type Row = Record<string, string | number | null>;
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface TableSpec {
  table: string;
  /** Audit entity name. */
  entity: string;
  keyColumns: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
};

/**
 * Idempotent keyed upsert with field-level audit: a new record is inserted, an existing one
 * gets only the columns the file carries compared and the changed ones written; nothing changed
 * writes nothing. Statements are prepared once per column set.
 */
export class Upserter {
  private readonly selectStmt: Database.Statement;
  private readonly inserts = new Map<string, Database.Statement>();
  private readonly updates = new Map<string, Database.Statement>();
  private readonly keyWhere: string;
  /** Skip the existence lookup while the table was empty at the start and keys are fresh. */
  private emptyAtStart: boolean;
  /** Rows of the current batch looked up in one query (see prefetch). */
  private batch: { keys: Set<string>; rows: Map<string, Row> } | null = null;
  private readonly prefetchStmts = new Map<number, Database.Statement>();
  private lastInsert: { columns: readonly string[]; stmt: Database.Statement } | null = null;

  constructor(
    private readonly db: Db,
    private readonly spec: TableSpec,
    private readonly log: ChangeLog,
  ) {
    this.keyWhere = spec.keyColumns.map((c) => `${c} = ?`).join(' AND ');
    this.selectStmt = db.prepare(`SELECT * FROM ${spec.table} WHERE ${this.keyWhere}`);
    this.emptyAtStart = db.prepare(`SELECT 1 FROM ${spec.table} LIMIT 1`).get() === undefined;
  }

  recordKey(row: Row): string {
    return this.spec.keyColumns.map((c) => String(row[c] ?? '')).join('|');
  }

  /**
   * Look up the records of a batch of rows in one query; `find` answers from it until the next
   * prefetch. One query per few hundred rows instead of one per row.
   */
  prefetch(rows: readonly Row[]): void {
    if (this.emptyAtStart || rows.length === 0) return;
    const keyCols = this.spec.keyColumns;
    const keys = new Set<string>();
    const params: (string | number)[] = [];
    for (const r of rows) {
      const k = this.recordKey(r);
      if (keys.has(k)) continue;
      keys.add(k);
      for (const c of keyCols) params.push(r[c] ?? '');
    }
    let stmt = this.prefetchStmts.get(keys.size);
    if (!stmt) {
      const one = keyCols.length === 1 ? '?' : `(${keyCols.map(() => '?').join(', ')})`;
      const target = keyCols.length === 1 ? keyCols[0] : `(${keyCols.join(', ')})`;
      const list =
        keyCols.length === 1
          ? Array(keys.size).fill(one).join(', ')
          : `VALUES ${Array(keys.size).fill(one).join(', ')}`;
      stmt = this.db.prepare(`SELECT * FROM ${this.spec.table} WHERE ${target} IN (${list})`);
      if (this.prefetchStmts.size < 8) this.prefetchStmts.set(keys.size, stmt);
    }
    const found = new Map<string, Row>();
    for (const r of stmt.all(...params) as Row[]) found.set(this.recordKey(r), r);
    this.batch = { keys, rows: found };
  }

  /** The current record, or undefined. */
  find(row: Row): Row | undefined {
    if (this.emptyAtStart) return undefined;
    if (this.batch) {
      const k = this.recordKey(row);
      if (this.batch.keys.has(k)) return this.batch.rows.get(k);
    }
    return this.selectStmt.get(...this.spec.keyColumns.map((c) => row[c] ?? '')) as Row | undefined;
  }

  /** The current record, always looked up (also after this run inserted it). */
  findFresh(row: Row): Row | undefined {
    return this.selectStmt.get(...this.spec.keyColumns.map((c) => row[c] ?? '')) as Row | undefined;
  }

  /**
   * Write `row` (the columns it has are the ones the file carries). `existing` may be passed when
   * the caller already looked it up. Returns what happened and, for updates, the changed columns.
   */
  upsert(
    row: Row,
    existing: Row | undefined = this.find(row),
  ): { outcome: UpsertOutcome; changed: string[]; old?: Row } {
    const columns = Object.keys(row);
    const key = this.recordKey(row);
    if (!existing) {
      const values: (string | number | null)[] = new Array(columns.length);
      for (let k = 0; k < columns.length; k++) values[k] = row[columns[k]!] ?? null;
      this.insertStmt(columns).run(values);
      this.log.inserted(this.spec.entity, key);
      return { outcome: 'inserted', changed: columns };
    }
    const changed = columns.filter((c) => !this.spec.keyColumns.includes(c) && !same(existing[c], row[c]));
    if (changed.length === 0) return { outcome: 'unchanged', changed };
    this.updateStmt(changed).run(
      ...changed.map((c) => row[c] ?? null),
      ...this.spec.keyColumns.map((c) => row[c] ?? ''),
    );
    for (const c of changed) this.log.updated(this.spec.entity, key, c, existing[c] ?? null, row[c] ?? null);
    return { outcome: 'updated', changed, old: existing };
  }

  private insertStmt(columns: string[]): Database.Statement {
    // rows of one file mostly have the columns of the row before: compared name by name, not joined
    const last = this.lastInsert;
    if (last && sameColumnNames(last.columns, columns)) return last.stmt;
    const sig = columns.join(',');
    let s = this.inserts.get(sig);
    if (!s) {
      s = this.db.prepare(
        `INSERT INTO ${this.spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.inserts.set(sig, s);
    }
    this.lastInsert = { columns, stmt: s };
    return s;
  }

  private updateStmt(columns: string[]): Database.Statement {
    const sig = columns.join(',');
    let s = this.updates.get(sig);
    if (!s) {
      s = this.db.prepare(
        `UPDATE ${this.spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${this.keyWhere}`,
      );
      this.updates.set(sig, s);
    }
    return s;
  }
}
