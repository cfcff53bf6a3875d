import Database from 'better-sqlite3';
import type { Db } from './connection.js';

/** What a backup file holds, read without changing it. */
export interface BackupFacts {
  /** `ok`, or SQLite's first integrity complaints. */
  integrity: string;
  version: number;
  tables: Map<string, string[]>;
  countyCode: string | null;
  countyName: string | null;
  households: number | null;
  members: number | null;
  changeSets: number | null;
  lastChange: string | null;
}

const count = (db: Db, table: string, tables: Map<string, string[]>): number | null =>
  tables.has(table) ? (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : null;

/** The user tables of a register and their columns, in schema order. */
export function tableColumns(db: Db, schema = 'main'): Map<string, string[]> {
  const names = db
    .prepare(
      `SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return new Map(
    names.map((t) => [
      t,
      (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(t, schema) as string[]).map(String),
    ]),
  );
}

/** Open `file` read-only and read its facts (throws SQLite's error for a file that is not a database). */
export function readBackupFacts(file: string): BackupFacts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.prepare('PRAGMA integrity_check(5)').pluck().all() as string[]).join('；');
    const tables = tableColumns(db);
    const setting = (key: string): string | null =>
      tables.has('settings')
        ? ((db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null)
        : null;
    return {
      integrity,
      version: db.pragma('user_version', { simple: true }) as number,
      tables,
      countyCode: setting('county_code'),
      countyName: setting('county_name'),
      households: count(db, 'households', tables),
      members: count(db, 'members', tables),
      changeSets: count(db, 'change_sets', tables),
      lastChange: tables.has('change_sets')
        ? ((db.prepare('SELECT max(at) FROM change_sets').pluck().get() as string | null) ?? null)
        : null,
    };
  } finally {
    db.close();
  }
}

/** Attach `file` as schema `restored` (before the write transaction; detach after it ends). */
export function attachRestored(db: Db, file: string): () => void {
  db.prepare('ATTACH DATABASE ? AS restored').run(file);
  return () => db.exec('DETACH DATABASE restored');
}

/**
 * Replace every row of the register with the rows of the attached, same-schema register
 * `restored`, inside the caller's write transaction. Foreign keys are checked at commit; all
 * tables are emptied before any is filled, so cascades cannot remove restored rows.
 */
export function replaceContents(db: Db): void {
  const tables = tableColumns(db);
  db.pragma('defer_foreign_keys = ON');
  for (const t of tables.keys()) db.exec(`DELETE FROM main."${t}"`);
  for (const [t, cols] of tables) {
    const list = cols.map((c) => `"${c}"`).join(', ');
    db.exec(`INSERT INTO main."${t}" (${list}) SELECT ${list} FROM restored."${t}"`);
  }
  const hasSeq = (schema: string): boolean =>
    Boolean(db.prepare(`SELECT 1 FROM "${schema}".sqlite_master WHERE name = 'sqlite_sequence'`).get());
  if (hasSeq('main')) {
    db.exec('DELETE FROM main.sqlite_sequence');
    if (hasSeq('restored')) db.exec('INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence');
  }
}
