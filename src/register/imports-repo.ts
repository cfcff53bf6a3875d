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
}

export function lastImport(db: Db): LastImport | null {
  return (
    (db
      .prepare('SELECT kind, file, at, inserted, updated, unchanged, rejected FROM imports ORDER BY id DESC LIMIT 1')
      .get() as LastImport | undefined) ?? null
  );
}
