import type { Db } from './connection.js';

export interface ImportRecord {
  setId: number | null;
  kind: string;
  file: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  moved: number;
}

export function recordImport(db: Db, r: ImportRecord): void {
  db.prepare(
    'INSERT INTO imports (set_id, kind, file, at, inserted, updated, unchanged, rejected, moved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(r.setId, r.kind, r.file, new Date().toISOString(), r.inserted, r.updated, r.unchanged, r.rejected, r.moved);
}

export interface LastImport {
  kind: string;
  file: string;
  at: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The change set that undid this import (fpjc undo), or null. */
  undoneBy: number | null;
}

export function lastImport(db: Db): LastImport | null {
  return (
    (db
      .prepare(
        `SELECT i.kind, i.file, i.at, i.inserted, i.updated, i.unchanged, i.rejected, s.undone_by AS undoneBy
         FROM imports i LEFT JOIN change_sets s ON s.id = i.set_id ORDER BY i.id DESC LIMIT 1`,
      )
      .get() as LastImport | undefined) ?? null
  );
}
